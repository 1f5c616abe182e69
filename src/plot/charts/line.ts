import { ConvkitInputError } from '../../core/errors';
import type { VegaLiteSpec } from '../vega-render';
import { ChartField, ChartFrame, ChartRow, chartHead, checkChartInput, ScaleType } from './chart-input';

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
  const {
    rows,
    fields: { x, y, series },
    scales: { xScale, yScale },
  } = checkChartInput(options, { fields: ['x', 'y'], optionalFields: ['series'], scales: { xScale: 'x', yScale: 'y' } });
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
 * Counts (epochs, layers, steps) get whole-number ticks: over a short range
 * vega (d3's tick steps) puts ticks at 1.0, 1.5, 2.0 or 1.0, 1.4, 1.8 between
 * epochs, and neither Vega-Lite's tickMinStep nor Vega's own caps the tick
 * count enough to prevent it. So a range of whole numbers up to 50 wide gets
 * its tick values listed: every 1, 2 or 5, at most 11 ticks, from zero (the
 * axis drops values outside its domain). A wider range gets whole steps from
 * vega anyway, and a log scale places its ticks at powers.
 */
function integerAxis(rows: readonly ChartRow[], field: string, scale: ScaleType): { axis?: { values: number[]; format: string } } {
  const values = numbers(rows, field);
  if (scale !== 'linear' || values.length === 0 || !values.every(Number.isInteger)) return {};
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values);
  const step = [1, 2, 5].find((candidate) => (high - low) / candidate <= 10);
  if (step === undefined) return {};
  const ticks: number[] = [];
  for (let tick = Math.floor(low / step) * step; tick <= high; tick += step) ticks.push(tick);
  return { axis: { values: ticks, format: ',d' } };
}
