import type { VegaLiteSpec } from '../vega-render';
import {
  ChartField,
  ChartFrame,
  ChartRow,
  chartHead,
  requireChartField,
  requirePositiveOnLog,
  requireRows,
  requireScale,
  ScaleType,
} from './chart-input';

export interface LineChartOptions extends ChartFrame {
  readonly data: readonly ChartRow[];
  /** Quantitative x, e.g. { field: 'filters', title: 'filters M' }. */
  readonly x: ChartField;
  /** Quantitative y, e.g. { field: 'macs', title: 'multiply-adds (MACs)' }. */
  readonly y: ChartField;
  /** One line per value of this field, in the colour legend. */
  readonly series?: ChartField;
  /** Default 'linear'. */
  readonly xScale?: ScaleType;
  /** Default 'linear'; 'log' for costs spanning orders of magnitude. */
  readonly yScale?: ScaleType;
  /** Mark each data point. Default true. */
  readonly points?: boolean;
}

/**
 * A line chart: one quantity against another, optionally one line per series
 * (e.g. standard vs depthwise separable cost as the filter count grows).
 * Tooltips show the exact numbers.
 */
export function lineChart(options: LineChartOptions): VegaLiteSpec {
  const rows = requireRows('data', options.data);
  const x = requireChartField('x', options.x, rows);
  const y = requireChartField('y', options.y, rows);
  const series = options.series === undefined ? undefined : requireChartField('series', options.series, rows);
  const xScale = requireScale('xScale', options.xScale ?? 'linear');
  const yScale = requireScale('yScale', options.yScale ?? 'linear');
  requirePositiveOnLog('x', x, xScale, rows);
  requirePositiveOnLog('y', y, yScale, rows);
  const tooltip = [
    { field: x.field, type: 'quantitative' as const, title: x.title },
    { field: y.field, type: 'quantitative' as const, title: y.title },
    ...(series ? [{ field: series.field, type: 'nominal' as const, title: series.title }] : []),
  ];
  return {
    ...chartHead(options, rows),
    mark: { type: 'line', point: options.points ?? true },
    encoding: {
      x: { field: x.field, type: 'quantitative', title: x.title, scale: { type: xScale } },
      y: { field: y.field, type: 'quantitative', title: y.title, scale: { type: yScale } },
      ...(series ? { color: { field: series.field, type: 'nominal', title: series.title, sort: null } } : {}),
      tooltip,
    },
  };
}
