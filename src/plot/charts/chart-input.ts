import { ConvkitInputError, requireInteger } from '../../core/errors';
import { convkitTheme, VEGA_LITE_SCHEMA } from '../theme';

/**
 * What every chart builder takes: rows of plain data and, per channel, the
 * field to plot and an axis title that carries the unit ("MACs (millions)",
 * "filters M"). Titles are required on purpose: an unlabelled axis is the
 * most common way a cost chart misleads.
 */
export type ChartRow = Readonly<Record<string, unknown>>;

export interface ChartField {
  /** Column of the data rows. */
  readonly field: string;
  /** Axis or legend title, with units. */
  readonly title: string;
}

/** 'log' for quantities spanning orders of magnitude (MACs across a model, ratios like 1/M). */
export type ScaleType = 'linear' | 'log';

/** Title and size shared by every builder; sizes in CSS pixels. */
export interface ChartFrame {
  readonly title?: string;
  /** Plot width in pixels (default from the theme, 360). */
  readonly width?: number;
  /** Plot height in pixels (default from the theme, 220). */
  readonly height?: number;
}

function requireRows(field: string, data: unknown): ChartRow[] {
  if (!Array.isArray(data) || data.length === 0) {
    throw new ConvkitInputError(field, data, 'must be a non-empty array of row objects');
  }
  data.forEach((row, index) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      throw new ConvkitInputError(`${field}[${index}]`, row, 'must be an object mapping column names to values');
    }
  });
  return data as ChartRow[];
}

/** Checks that `channel.field` names a column of `rows` and that it has a title. */
function requireChartField(name: string, channel: ChartField | undefined, rows: readonly ChartRow[]): ChartField {
  if (channel === null || typeof channel !== 'object') {
    throw new ConvkitInputError(name, channel, 'must be { field, title }');
  }
  if (typeof channel.field !== 'string' || !rows.some((row) => channel.field in row)) {
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))].join(', ');
    throw new ConvkitInputError(`${name}.field`, channel.field, `must name a column of the data (columns: ${columns})`);
  }
  if (typeof channel.title !== 'string' || channel.title.trim() === '') {
    throw new ConvkitInputError(`${name}.title`, channel.title, 'must be a non-empty axis title (with units)');
  }
  return channel;
}

/** A log scale cannot show zero or negative values; say so instead of drawing nothing. */
function requirePositiveOnLog(name: string, channel: ChartField, scale: ScaleType, rows: readonly ChartRow[]): void {
  if (scale !== 'log') return;
  rows.forEach((row, index) => {
    const value = row[channel.field];
    if (typeof value === 'number' && !(value > 0)) {
      throw new ConvkitInputError(`data[${index}].${channel.field}`, value, `must be > 0 on the log-scale ${name} axis`);
    }
  });
}

function requireScale(field: string, scale: unknown): ScaleType {
  if (scale !== 'linear' && scale !== 'log') throw new ConvkitInputError(field, scale, 'must be "linear" or "log"');
  return scale;
}

/** What a builder reads from its options, for checkChartInput. */
export interface ChartInputRules<F extends string, O extends string, S extends string> {
  /** Channels every chart of the kind needs, checked in this order. */
  readonly fields: readonly F[];
  /** Channels it may have, checked after the required ones when given. */
  readonly optionalFields?: readonly O[];
  /** Each scale option (default 'linear') and the channel whose values that scale must be able to show. */
  readonly scales?: Readonly<Record<S, F>>;
}

/** The options checkChartInput reads: the rows, the channels and the scales. */
export type ChartInputOptions<F extends string, O extends string, S extends string> = {
  readonly data: readonly ChartRow[];
} & { readonly [K in F | O]?: ChartField } & { readonly [K in S]?: ScaleType };

/** T, but not a place to infer T from (the rules name the channels, the options only have to hold them). */
type NotInferred<T> = [T][T extends unknown ? 0 : never];

export interface CheckedChartInput<F extends string, O extends string, S extends string> {
  readonly rows: ChartRow[];
  readonly fields: Readonly<Record<F, ChartField>> & Readonly<Partial<Record<O, ChartField>>>;
  readonly scales: Readonly<Record<S, ScaleType>>;
}

/**
 * The checks every builder starts with, in this order: the rows, the
 * required channels, the optional ones that are given, each scale, and
 * that no value a log scale has to show is zero or negative.
 */
export function checkChartInput<F extends string, O extends string = never, S extends string = never>(
  options: ChartInputOptions<NotInferred<F>, NotInferred<O>, NotInferred<S>>,
  rules: ChartInputRules<F, O, S>,
): CheckedChartInput<F, O, S> {
  const rows = requireRows('data', options.data);
  const fields: Partial<Record<F | O, ChartField>> = {};
  for (const name of rules.fields) fields[name] = requireChartField(name, options[name], rows);
  for (const name of rules.optionalFields ?? []) {
    if (options[name] !== undefined) fields[name] = requireChartField(name, options[name], rows);
  }
  const scaleRules = Object.entries(rules.scales ?? {}) as [S, F][];
  const scales = {} as Record<S, ScaleType>;
  for (const [option] of scaleRules) scales[option] = requireScale(option, options[option] ?? 'linear');
  for (const [option, axis] of scaleRules) requirePositiveOnLog(axis, fields[axis] as ChartField, scales[option], rows);
  return { rows, fields: fields as CheckedChartInput<F, O, S>['fields'], scales };
}

/** The frame's top-level properties, checked. */
function frameProperties(frame: ChartFrame): { title?: string; width?: number; height?: number } {
  const out: { title?: string; width?: number; height?: number } = {};
  if (frame.title !== undefined) out.title = frame.title;
  if (frame.width !== undefined) out.width = requireInteger('width', frame.width);
  if (frame.height !== undefined) out.height = requireInteger('height', frame.height);
  return out;
}

/**
 * The top-level properties a single-view chart starts with, in this order:
 * schema, the checked frame, convkit's theme and the rows as inline data
 * (copied, so a later change to the caller's rows cannot alter the chart).
 */
export function chartHead(frame: ChartFrame, rows: readonly ChartRow[]) {
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...frameProperties(frame),
    config: convkitTheme,
    data: { values: rows.map((row) => ({ ...row })) },
  };
}
