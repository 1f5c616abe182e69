import { ConvkitInputError, requireInteger } from '../../core/errors';
import type { VegaLiteSpec } from '../vega-render';
import { ChartField, ChartRow, chartHead, checkChartInput, ScaleType } from './chart-input';

export interface SmallMultiplesOptions {
  readonly data: readonly ChartRow[];
  /** One small panel per value of this field (e.g. the model), in data order. */
  readonly facet: ChartField;
  readonly x: ChartField;
  readonly y: ChartField;
  /** One line/colour per value inside each panel. */
  readonly series?: ChartField;
  /** 'line' (x quantitative) or 'bar' (x a category). Default 'line'. */
  readonly mark?: 'line' | 'bar';
  /** Panels per row. Default 3. */
  readonly columns?: number;
  /** Default 'linear'. */
  readonly yScale?: ScaleType;
  /**
   * Give each panel its own y range. Default false: a shared y axis makes
   * panels comparable, which is usually the point of small multiples.
   */
  readonly independentY?: boolean;
  readonly title?: string;
  /** One panel's width and height in pixels. Default 180 × 120. */
  readonly panelWidth?: number;
  readonly panelHeight?: number;
}

/**
 * Small multiples: the same small chart repeated per value of a field, on
 * shared axes, e.g. channels per layer for DenseNet with growth rate k = 12,
 * 24 and 32 side by side.
 */
export function smallMultiples(options: SmallMultiplesOptions): VegaLiteSpec {
  const {
    rows,
    fields: { facet, x, y, series },
    scales: { yScale },
  } = checkChartInput(options, { fields: ['facet', 'x', 'y'], optionalFields: ['series'], scales: { yScale: 'y' } });
  const mark = options.mark ?? 'line';
  if (mark !== 'line' && mark !== 'bar') throw new ConvkitInputError('mark', mark, 'must be "line" or "bar"');
  const columns = requireInteger('columns', options.columns ?? 3);
  const width = requireInteger('panelWidth', options.panelWidth ?? 180);
  const height = requireInteger('panelHeight', options.panelHeight ?? 120);

  const xChannel =
    mark === 'line'
      ? { field: x.field, type: 'quantitative' as const, title: x.title }
      : { field: x.field, type: 'nominal' as const, title: x.title, sort: null };
  return {
    // The panels carry the size, so the frame is the title alone.
    ...chartHead({ title: options.title }, rows),
    facet: { field: facet.field, type: 'nominal', title: facet.title, sort: null },
    columns,
    resolve: { scale: { y: options.independentY ? 'independent' : 'shared' } },
    spec: {
      width,
      height,
      mark: mark === 'line' ? { type: 'line', point: true } : { type: 'bar' },
      encoding: {
        x: xChannel,
        y: { field: y.field, type: 'quantitative', title: y.title, scale: { type: yScale } },
        ...(series ? { color: { field: series.field, type: 'nominal' as const, title: series.title, sort: null } } : {}),
        tooltip: [
          { field: facet.field, type: 'nominal', title: facet.title },
          { field: x.field, type: mark === 'line' ? 'quantitative' : 'nominal', title: x.title },
          { field: y.field, type: 'quantitative', title: y.title },
        ],
      },
    },
  };
}
