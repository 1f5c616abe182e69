import { ConvkitInputError } from '../../errors';
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
  /**
   * Whether the linear y axis starts at zero. Default: yes, unless the data
   * stay in the upper half of [0, max] (e.g. accuracies of 86–96 %), where a
   * zero baseline would squeeze every difference into a thin band.
   */
  readonly yZero?: boolean;
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
  if (options.yZero !== undefined && typeof options.yZero !== 'boolean') throw new ConvkitInputError('yZero', options.yZero, 'must be true or false');
  const yZero = options.yZero ?? !staysInUpperHalf(rows, y.field);
  return {
    ...chartHead(options, rows),
    mark: { type: 'line', point: options.points ?? true },
    encoding: {
      x: { field: x.field, type: 'quantitative', title: x.title, scale: { type: xScale }, ...integerAxis(rows, x.field, xScale) },
      y: {
        field: y.field,
        type: 'quantitative',
        title: y.title,
        scale: yScale === 'linear' ? { type: yScale, zero: yZero } : { type: yScale },
        ...integerAxis(rows, y.field, yScale),
      },
      ...(series ? { color: { field: series.field, type: 'nominal', title: series.title, sort: null } } : {}),
      tooltip,
    },
  };
}

function numbers(rows: readonly ChartRow[], field: string): number[] {
  return rows.map((row) => row[field]).filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
}

/** True when every value is positive and the smallest is above half the largest. */
function staysInUpperHalf(rows: readonly ChartRow[], field: string): boolean {
  const values = numbers(rows, field);
  return values.length > 0 && Math.min(...values) > Math.max(...values) / 2;
}

/**
 * Counts (epochs, layers, steps, filters) get whole-number ticks: without a
 * minimum step vega puts ticks at 1.0, 1.4, 1.8 between two epochs. (Vega-Lite
 * 5.23 passes tickMinStep on to Vega only together with a format, so both are
 * set; ',d' keeps the thousands separator of the default format.) A log scale
 * places its ticks at powers already.
 */
function integerAxis(rows: readonly ChartRow[], field: string, scale: ScaleType): { axis?: { tickMinStep: number; format: string } } {
  const values = numbers(rows, field);
  return scale === 'linear' && values.length > 0 && values.every(Number.isInteger) ? { axis: { tickMinStep: 1, format: ',d' } } : {};
}
