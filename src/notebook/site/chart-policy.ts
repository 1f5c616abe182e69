import type * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

/**
 * What a chart output may bring into the lecture notes. A notebook's chart
 * spec is untrusted data, like its HTML: it reaches the page only after this
 * check, and the page's Content-Security-Policy is a second line of defence,
 * never the only one.
 *
 * Removed from the spec (the chart is still shown, counted as "cleaned"):
 * - `usermeta` at any level: vega-embed reads `usermeta.embedOptions` and
 *   merges it over the kit's own options, which would bring back the actions
 *   menu, pick the URL "Open in Vega Editor" posts to, or add a source footer.
 * - `href` anywhere, unless it is a literal http(s) URL: a field- or
 *   expression-bound link cannot be checked before it runs, and a
 *   `javascript:` link also made vega-scenegraph throw during the build.
 *
 * Refused (a one-line note stands in the cell in place of the chart):
 * - any `url` (data, lookup, image marks): charts carry their data inline,
 *   so a chart can never fetch a file (file:///etc/passwd) or a foreign URL;
 * - a `$schema` that is not Vega-Lite (vega-embed would run it as raw Vega);
 * - expressions calling sequence(), pad() or split(), which build arrays or
 *   strings of any size from one number;
 * - data a chart would hold or generate beyond CHART_LIMITS.rows rows in any
 *   one dataset, worked out from the compiled Vega spec (inline values,
 *   sequence, fold, density, quantile, impute, graticule …) before anything
 *   runs; a transform whose output cannot be bounded this way is refused;
 * - bins, ticks and sizes that would make thousands of marks from one number;
 * - a spec larger than CHART_LIMITS.specBytes, nested deeper than
 *   CHART_LIMITS.depth, or that Vega-Lite 5 cannot compile.
 */
export const CHART_LIMITS = {
  /** Rows in any one dataset of a chart, inline or generated. */
  rows: 50_000,
  /** The spec as JSON (inline data included). */
  specBytes: 5_000_000,
  /** Nesting of objects and arrays in the spec. */
  depth: 64,
  /** Bins of a bin transform, ticks of an axis. */
  bins: 1_000,
  /** Width or height of a chart, in pixels. */
  pixels: 10_000,
} as const;

export type ChartCheck =
  | {
      readonly kind: 'shown';
      /** The Vega-Lite spec that goes into the page (a cleaned copy). */
      readonly spec: Record<string, unknown>;
      /** The same spec compiled to Vega (what the build renders its SVG from). */
      readonly compiled: vega.Spec;
      /** What was removed, as JSON paths (empty when the spec was clean). */
      readonly removed: readonly string[];
    }
  | { readonly kind: 'refused'; readonly reason: string };

class Refusal extends Error {}

const refuse = (reason: string): never => {
  throw new Refusal(reason);
};

const count = (n: number) => Math.round(n).toLocaleString('en-US');

const brief = (value: unknown): string => {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};

const VEGA_LITE_SCHEMA = /^https:\/\/vega\.github\.io\/schema\/vega-lite\/v[45](\.\d+){0,2}(\.json)?$/;
/** The only links a chart keeps, here, in the build-time renderer (chart-svg.ts) and in the page's loader (chart-loader.ts): literal http(s) URLs. */
export const HTTP_URL = /^https?:\/\/[^\s]+$/i;
/** Vega expression functions whose result grows with an argument. */
const GROWING_EXPRESSION = /\b(sequence|pad|split)\s*\(/;
/**
 * Vega-Lite properties whose strings are Vega expressions (or event streams,
 * whose [filters] are expressions): a title that says "train/test split (80/20)" is text.
 */
const EXPRESSION_KEYS = new Set(['calculate', 'filter', 'expr', 'signal', 'test', 'update', 'on', 'clear']);
const isExpressionKey = (key: string) => EXPRESSION_KEYS.has(key) || key.endsWith('Expr');

/** Checks one chart spec (the parsed Vega-Lite JSON of an output); never throws. */
export function checkChartSpec(input: unknown): ChartCheck {
  try {
    return { kind: 'shown', ...check(input) };
  } catch (error) {
    if (error instanceof Refusal) return { kind: 'refused', reason: error.message };
    // A RangeError from a pathological spec, or anything else: still one line, still no crash.
    return { kind: 'refused', reason: `spec could not be checked (${error instanceof Error ? error.message : String(error)})` };
  }
}

function check(input: unknown): { spec: Record<string, unknown>; compiled: vega.Spec; removed: string[] } {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    refuse(`spec = ${brief(input)}: must be a Vega-Lite JSON object`);
  }
  // Depth first, without recursion: a spec nested 10,000 deep overflows the stack of JSON.stringify itself.
  const depth = nestingDepth(input, CHART_LIMITS.depth);
  if (depth > CHART_LIMITS.depth) refuse(`spec: nested deeper than ${CHART_LIMITS.depth} levels`);
  const json = JSON.stringify(input);
  if (json.length > CHART_LIMITS.specBytes) {
    refuse(`spec = ${count(json.length)} bytes of JSON: the lecture notes allow at most ${count(CHART_LIMITS.specBytes)}`);
  }
  // A fresh copy: the notebook's own object is never changed.
  const spec = JSON.parse(json) as Record<string, unknown>;
  const schema = spec.$schema;
  if (schema !== undefined && (typeof schema !== 'string' || !VEGA_LITE_SCHEMA.test(schema))) {
    refuse(`$schema = ${brief(schema)}: must be a Vega-Lite v4 or v5 schema (https://vega.github.io/schema/vega-lite/v5.json)`);
  }
  const removed: string[] = [];
  cleanSpecNode(spec, '', removed);
  let compiled: vega.Spec;
  try {
    compiled = vegaLite.compile(spec as unknown as TopLevelSpec, { logger: quietLogger() }).spec;
  } catch (error) {
    return refuse(`Vega-Lite 5 cannot compile it (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  boundCompiled(compiled);
  return { spec, compiled, removed };
}

/**
 * Walks the spec (not its inline data, which is data, not spec: a field may
 * well be called "url") removing usermeta and unsafe hrefs, refusing urls
 * and growing expressions.
 */
function cleanSpecNode(node: unknown, path: string, removed: string[], inExpression = false): void {
  if (typeof node === 'string') {
    if (inExpression && GROWING_EXPRESSION.test(node)) {
      refuse(`spec${path} = ${brief(node)}: expressions may not call sequence(), pad() or split() (they generate data of any size)`);
    }
    return;
  }
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    node.forEach((item, index) => cleanSpecNode(item, `${path}[${index}]`, removed, inExpression));
    return;
  }
  const record = node as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const value = record[key];
    const at = `${path}.${key}`;
    if (key === 'usermeta') {
      delete record[key];
      removed.push(at);
      continue;
    }
    if (key === 'url') refuse(`spec${at} = ${brief(value)}: charts carry their data inline (values); URLs are refused`);
    if (key === 'href') {
      if (!isHttpLink(value)) {
        delete record[key];
        removed.push(at);
      }
      continue;
    }
    if (key === 'data' && isPlainObject(value) && 'values' in value) {
      // Inline rows are data: only their size is checked (on the compiled spec); their keys are not spec.
      const { values: _inline, ...rest } = value;
      cleanSpecNode(rest, at, removed, inExpression);
      continue;
    }
    if (key === 'datasets' && isPlainObject(value) && path === '') continue;
    cleanSpecNode(value, at, removed, inExpression || isExpressionKey(key));
  }
}

/** The nesting depth of a JSON value, counted without recursion and only up to `limit` + 1. */
function nestingDepth(root: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number];
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const value of Object.values(node)) if (value !== null && typeof value === 'object') stack.push([value, depth + 1]);
  }
  return deepest;
}

type VegaLiteLogger = NonNullable<NonNullable<Parameters<typeof vegaLite.compile>[1]>['logger']>;

/** Keeps Vega-Lite's compile warnings (e.g. "Ignoring an invalid transform") out of the build log. */
function quietLogger(): VegaLiteLogger {
  const logger = { level: () => logger, error: () => logger, warn: () => logger, info: () => logger, debug: () => logger };
  return logger as unknown as VegaLiteLogger;
}

/** A link the page may keep: a literal http(s) URL, as a mark property or as an encoding's constant value. */
function isHttpLink(value: unknown): boolean {
  if (typeof value === 'string') return HTTP_URL.test(value);
  return isPlainObject(value) && Object.keys(value).length === 1 && typeof value.value === 'string' && HTTP_URL.test(value.value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

type VegaData = Record<string, unknown> & { name?: string; values?: unknown; source?: unknown; transform?: unknown };

/**
 * Bounds the rows of every dataset of the compiled Vega spec, in order
 * (Vega-Lite lists a dataset after the ones it derives from), and checks
 * bins, ticks and sizes.
 */
function boundCompiled(compiled: vega.Spec): void {
  const rows = new Map<string, number>();
  const visit = (node: unknown): void => {
    if (!isPlainObject(node)) return;
    if (Array.isArray(node.data)) for (const dataset of node.data) boundDataset(dataset as VegaData, rows);
    if (Array.isArray(node.marks)) node.marks.forEach(visit);
  };
  visit(compiled);
  checkSizes(compiled as unknown as Record<string, unknown>, '');
}

function boundDataset(dataset: VegaData, rows: Map<string, number>): void {
  const name = typeof dataset.name === 'string' ? dataset.name : '(unnamed)';
  const where = `data "${name}"`;
  let n = inlineRows(dataset.values);
  const sources = dataset.source === undefined ? [] : Array.isArray(dataset.source) ? dataset.source : [dataset.source];
  for (const source of sources) n += rows.get(String(source)) ?? 0;
  const limit = (what: string) => {
    if (n > CHART_LIMITS.rows) {
      refuse(`${where} would hold ${count(n)} rows (${what}): the lecture notes allow at most ${count(CHART_LIMITS.rows)} rows per dataset`);
    }
  };
  limit('inline values');
  const transforms = Array.isArray(dataset.transform) ? dataset.transform : [];
  for (const [index, raw] of transforms.entries()) {
    const t = isPlainObject(raw) ? raw : {};
    const type = String(t.type);
    const field = (key: string) => `${where}.transform[${index}] (${type}).${key}`;
    const groups = Array.isArray(t.groupby) && t.groupby.length > 0 ? Math.max(n, 1) : 1;
    switch (type) {
      case 'sequence': {
        const start = literal(t.start, field('start'));
        const stop = cappedStop(t.stop, field('stop'), rows);
        const step = t.step === undefined ? 1 : literal(t.step, field('step'));
        if (step === 0 || (stop - start) / step < 0) refuse(`${field('step')} = ${step}: must step from ${start} towards ${stop}`);
        n = Math.ceil((stop - start) / step);
        limit(`sequence from ${start} to ${stop} step ${step}`);
        break;
      }
      case 'graticule': {
        const steps = ['step', 'stepMajor', 'stepMinor'].flatMap((key) => (t[key] === undefined ? [] : [t[key]]));
        let smallest = 10;
        for (const step of steps) {
          const pair = Array.isArray(step) ? step : [step, step];
          for (const value of pair) smallest = Math.min(smallest, literal(value, field('step')));
        }
        if (smallest <= 0) refuse(`${field('step')} = ${smallest}: must be positive`);
        n = Math.ceil(360 / smallest) + Math.ceil(180 / smallest);
        limit(`graticule every ${smallest}°`);
        break;
      }
      case 'fold':
        n *= Array.isArray(t.fields) ? t.fields.length : refuse(`${field('fields')} = ${brief(t.fields)}: must be a list of fields`);
        limit('fold');
        break;
      case 'kde': {
        const steps = t.steps !== undefined ? literal(t.steps, field('steps')) : t.maxsteps !== undefined ? literal(t.maxsteps, field('maxsteps')) : 200;
        n = groups * steps;
        limit(`density with ${count(steps)} steps per group`);
        break;
      }
      case 'quantile': {
        const probs = Array.isArray(t.probs) ? t.probs.length : Math.ceil(1 / (t.step === undefined ? 0.01 : literal(t.step, field('step'))));
        if (!Number.isFinite(probs) || probs < 0) refuse(`${field('step')} = ${brief(t.step)}: must be between 0 and 1`);
        n = groups * probs;
        limit(`${count(probs)} quantiles per group`);
        break;
      }
      case 'impute': {
        const keys = imputeKeys(t.keyvals, field('keyvals'));
        n += groups * (n + keys);
        limit(`impute over ${count(keys)} extra keys`);
        break;
      }
      case 'regression':
        // Vega samples a fitted curve at a bounded number of points (vega-statistics sampleCurve: at most a few hundred).
        n = t.params === true ? groups : groups * 1_000;
        limit('regression curve points');
        break;
      case 'flatten':
        refuse(`${field('fields')} = ${brief(t.fields)}: flatten's output size cannot be bounded before rendering; give the rows inline`);
        break;
      case 'aggregate':
        if (t.cross === true) refuse(`${field('cross')} = true: a cross product of groups cannot be bounded before rendering`);
        break;
      case 'bin':
        checkBin(t, field);
        break;
      case 'filter':
      case 'formula':
      case 'collect':
      case 'identifier':
      case 'extent':
      case 'window':
      case 'joinaggregate':
      case 'stack':
      case 'timeunit':
      case 'project':
      case 'lookup':
      case 'pivot':
      case 'loess':
      case 'sample':
      case 'dotbin':
      case 'geojson':
      case 'geopoint':
      case 'geoshape':
      case 'geopath':
        // At most one output row per input row (pivot and aggregate fewer).
        break;
      default:
        refuse(`${where}.transform[${index}].type = ${brief(t.type)}: not a transform the lecture notes can bound`);
    }
  }
  rows.set(name, n);
}

/** Rows of inline values: an array of rows, or CSV/TSV/JSON text (one row a line at most). */
function inlineRows(values: unknown): number {
  if (values === undefined) return 0;
  if (Array.isArray(values)) return values.length;
  if (typeof values === 'string') return values.split('\n').length;
  return 1;
}

function literal(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return refuse(`${field} = ${brief(value)}: must be a literal finite number, so the rows it makes are known before rendering`);
  }
  return value;
}

/**
 * A sequence's stop: a literal, or exactly one of the two expressions
 * Vega-Lite writes for a facet with `columns`: min(length(data("d")), N)
 * header columns and ceil(length(data("d")) / N) header rows, bounded by the
 * rows of d. Any other expression is refused ("min(x, 2) + 1e9" ends like
 * the first and is not bounded by 2).
 */
function cappedStop(value: unknown, field: string, rows: ReadonlyMap<string, number>): number {
  const signal = isPlainObject(value) && typeof value.signal === 'string' ? value.signal : undefined;
  if (signal === undefined) return literal(value, field);
  const columns = /^min\(length\(data\("(\w+)"\)\), (\d{1,9})\)$/.exec(signal);
  const headerRows = /^ceil\(length\(data\("(\w+)"\)\) \/ (\d{1,9})\)$/.exec(signal);
  const match = columns ?? headerRows;
  const known = match === null ? undefined : rows.get(match[1]);
  if (match === null || known === undefined || Number(match[2]) === 0) return literal(value, field);
  return columns !== null ? Math.min(known, Number(match[2])) : Math.ceil(known / Number(match[2]));
}

/** impute's keyvals: a list, or Vega-Lite's {start, stop, step}, compiled to the signal "sequence(start,stop[,step])". */
function imputeKeys(keyvals: unknown, field: string): number {
  if (keyvals === undefined) return 0;
  if (Array.isArray(keyvals)) return keyvals.length;
  const signal = isPlainObject(keyvals) && typeof keyvals.signal === 'string' ? keyvals.signal : '';
  const match = /^sequence\(\s*(-?[\d.e+-]+)\s*,\s*(-?[\d.e+-]+)\s*(?:,\s*(-?[\d.e+-]+)\s*)?\)$/.exec(signal);
  if (match === null) return refuse(`${field} = ${brief(keyvals)}: must be a list or a literal {start, stop, step}`);
  const [start, stop, step] = [Number(match[1]), Number(match[2]), match[3] === undefined ? 1 : Number(match[3])];
  const n = (stop - start) / step;
  if (!Number.isFinite(n) || n < 0) refuse(`${field} = ${brief(keyvals)}: must step from start towards stop`);
  return Math.ceil(n);
}

/** A bin's count is known only from maxbins, or from a step over a literal extent. */
function checkBin(t: Record<string, unknown>, field: (key: string) => string): void {
  if (t.maxbins !== undefined && literal(t.maxbins, field('maxbins')) > CHART_LIMITS.bins) {
    refuse(`${field('maxbins')} = ${t.maxbins}: at most ${count(CHART_LIMITS.bins)} bins`);
  }
  for (const key of ['step', 'minstep'] as const) {
    if (t[key] === undefined) continue;
    const step = literal(t[key], field(key));
    const extent = t.extent;
    if (!Array.isArray(extent) || extent.length !== 2) {
      refuse(`${field(key)} = ${step}: a bin step needs a literal extent [min, max] so the number of bins is known`);
    }
    const span = Math.abs(literal((extent as unknown[])[1], field('extent')) - literal((extent as unknown[])[0], field('extent')));
    if (!(step > 0) || span / step > CHART_LIMITS.bins) {
      refuse(`${field(key)} = ${step}: over the extent ${brief(extent)} that makes more than ${count(CHART_LIMITS.bins)} bins`);
    }
  }
  if (t.steps !== undefined && !(Array.isArray(t.steps) && t.steps.length <= CHART_LIMITS.bins)) {
    refuse(`${field('steps')} = ${brief(t.steps)}: must be a list of at most ${count(CHART_LIMITS.bins)} step sizes`);
  }
}

/** Widths, heights and tick counts anywhere in the compiled spec, and the width/height/step signals. */
function checkSizes(node: unknown, path: string): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => checkSizes(item, `${path}[${index}]`));
    return;
  }
  if (!isPlainObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'values' || key === 'data') continue;
    const at = `${path}.${key}`;
    if (typeof value === 'number') {
      if ((key === 'width' || key === 'height') && value > CHART_LIMITS.pixels) {
        refuse(`compiled${at} = ${value}: a chart may be at most ${count(CHART_LIMITS.pixels)} pixels wide or high`);
      }
      if (key === 'tickCount' && value > CHART_LIMITS.bins) refuse(`compiled${at} = ${value}: at most ${count(CHART_LIMITS.bins)} ticks`);
    }
    if (key === 'signals' && Array.isArray(value)) {
      for (const signal of value) {
        if (
          isPlainObject(signal) &&
          /^(width|height|.*_step)$/.test(String(signal.name)) &&
          typeof signal.value === 'number' &&
          signal.value > CHART_LIMITS.pixels
        ) {
          refuse(`signal "${String(signal.name)}" = ${signal.value}: a chart may be at most ${count(CHART_LIMITS.pixels)} pixels wide or high`);
        }
      }
    }
    checkSizes(value, at);
  }
}
