import { ConvkitInputError } from '../../core/errors';
import type { VegaLiteSpec } from '../vega-render';
import { ChartField, ChartFrame, ChartRow, chartHead, checkChartInput, ScaleType } from './chart-input';

export interface BarChartOptions extends ChartFrame {
  readonly data: readonly ChartRow[];
  /** One bar (or group of bars) per value, in data order, e.g. layer names. */
  readonly category: ChartField;
  /** Bar length, e.g. { field: 'macs', title: 'MACs' }. */
  readonly value: ChartField;
  /** Split each category by this field (colour legend), e.g. 'depthwise' / 'pointwise'. */
  readonly group?: ChartField;
  /**
   * With a group: 'grouped' bars side by side (compare parts) or 'stacked'
   * (see the total and its parts). Default 'grouped'.
   */
  readonly layout?: 'grouped' | 'stacked';
  /** Default 'linear'. A log scale cannot be stacked: the segments would not add up visually. */
  readonly valueScale?: ScaleType;
  /** Bars run left to right with categories down the side (long layer names read better). Default false. */
  readonly horizontal?: boolean;
}

/**
 * A bar chart, plain, grouped or stacked: e.g. MACs per layer of MobileNet,
 * or depthwise vs pointwise share of each separable block.
 */
export function barChart(options: BarChartOptions): VegaLiteSpec {
  const {
    rows,
    fields: { category, value, group },
    scales: { valueScale },
  } = checkChartInput(options, { fields: ['category', 'value'], optionalFields: ['group'], scales: { valueScale: 'value' } });
  const layout = options.layout ?? 'grouped';
  if (layout !== 'grouped' && layout !== 'stacked') {
    throw new ConvkitInputError('layout', layout, 'must be "grouped" or "stacked"');
  }
  if (valueScale === 'log' && layout === 'stacked' && group !== undefined) {
    throw new ConvkitInputError('valueScale', valueScale, 'must be "linear" for stacked bars (log-scale segments do not add up)');
  }

  const categoryChannel = { field: category.field, type: 'nominal' as const, title: category.title, sort: null };
  const valueChannel = {
    field: value.field,
    type: 'quantitative' as const,
    title: value.title,
    scale: { type: valueScale },
    stack: group !== undefined && layout === 'stacked' ? ('zero' as const) : null,
  };
  const horizontal = options.horizontal ?? false;
  const offsetChannel = group !== undefined && layout === 'grouped' ? { field: group.field, type: 'nominal' as const, sort: null } : undefined;
  const tooltip = [
    { field: category.field, type: 'nominal' as const, title: category.title },
    ...(group ? [{ field: group.field, type: 'nominal' as const, title: group.title }] : []),
    { field: value.field, type: 'quantitative' as const, title: value.title, format: ',' },
  ];
  return {
    ...chartHead(options, rows),
    mark: { type: 'bar' },
    encoding: {
      ...(horizontal ? { y: categoryChannel, x: valueChannel } : { x: categoryChannel, y: valueChannel }),
      ...(offsetChannel ? (horizontal ? { yOffset: offsetChannel } : { xOffset: offsetChannel }) : {}),
      ...(group ? { color: { field: group.field, type: 'nominal' as const, title: group.title, sort: null } } : {}),
      tooltip,
    },
  };
}
