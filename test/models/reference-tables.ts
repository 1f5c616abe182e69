/**
 * Test support (not a test file): reads data/reference/*.json and computes,
 * for one entry, the quantity it states from the zoo spec and the cost model,
 * so test/models/published.test.ts can hold every published figure against
 * the computed one. Adding an entry to a JSON file adds a check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarize, type ModelSummary, type SummaryRow } from '../../src/cost';
import { buildModelSpec, type ZooOptions } from '../../src/models';
import type { LayerKind, Pair } from '../../src/models/spec';

export const REFERENCE_DIR = join(__dirname, '..', '..', 'data', 'reference');

export const QUANTITIES = [
  'macs',
  'trainableParams',
  'totalParams',
  'weights',
  'trainableParamsWithConvBias',
  'totalParamsWithConvBias',
  'macsShare',
  'weightsShare',
] as const;
export type Quantity = (typeof QUANTITIES)[number];

/** How many base units one unit of `unit` is; percent values are compared as percentages. */
export const UNIT_SCALE: Readonly<Record<string, number>> = {
  'multiply-adds': 1,
  'million multiply-adds': 1e6,
  'billion multiply-adds': 1e9,
  parameters: 1,
  'million parameters': 1e6,
  percent: 1,
};

export const ROUNDING_MODES = ['exact', 'nearest', 'truncate', 'within'] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

export interface ReferenceEntry {
  readonly id: string;
  readonly model: string;
  readonly options: ZooOptions;
  readonly quantity: Quantity;
  /** Only for macsShare / weightsShare. */
  readonly layerKind?: LayerKind;
  readonly value: number;
  readonly unit: string;
  /** step is in `unit`: nearest → |computed − value| ≤ step/2; truncate → value ≤ computed < value + step; within → |gap| ≤ step. */
  readonly rounding: { readonly mode: RoundingMode; readonly step: number };
  readonly source: {
    readonly paper?: string;
    readonly arxiv?: string;
    readonly library?: string;
    readonly url?: string;
    readonly table: string;
    readonly printed?: string;
  };
  readonly erratum?: string;
  readonly note: string;
}

export interface ReferenceFile {
  readonly file: string;
  readonly entries: readonly ReferenceEntry[];
}

export function loadReferenceFiles(dir = REFERENCE_DIR): ReferenceFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { entries?: ReferenceEntry[] };
      return { file, entries: parsed.entries ?? [] };
    });
}

/** Everything wrong with an entry's shape, so a malformed entry fails loudly instead of being skipped. */
export function entryProblems(entry: ReferenceEntry): string[] {
  const problems: string[] = [];
  if (typeof entry.id !== 'string' || entry.id.length === 0) problems.push('id missing');
  if (typeof entry.model !== 'string') problems.push('model missing');
  if (typeof entry.options !== 'object' || entry.options === null) problems.push('options must be an object');
  if (!(QUANTITIES as readonly string[]).includes(entry.quantity)) problems.push(`unknown quantity ${String(entry.quantity)}`);
  if ((entry.quantity === 'macsShare' || entry.quantity === 'weightsShare') !== (entry.layerKind !== undefined)) {
    problems.push('layerKind is required for shares and only for shares');
  }
  if (typeof entry.value !== 'number' || !Number.isFinite(entry.value)) problems.push('value must be a finite number');
  if (!(entry.unit in UNIT_SCALE)) problems.push(`unknown unit ${String(entry.unit)}`);
  if (!entry.rounding || !(ROUNDING_MODES as readonly string[]).includes(entry.rounding.mode)) problems.push('rounding.mode missing or unknown');
  else if (typeof entry.rounding.step !== 'number' || entry.rounding.step < 0 || (entry.rounding.mode !== 'exact' && entry.rounding.step <= 0)) {
    problems.push('rounding.step must be > 0 (0 for exact)');
  }
  if (!entry.source || typeof entry.source.table !== 'string') problems.push('source.table missing');
  else if (!(entry.source.paper && entry.source.arxiv) && !entry.source.library) problems.push('source needs paper + arxiv, or library');
  if (typeof entry.note !== 'string' || entry.note.length === 0) problems.push('note missing');
  if (entry.rounding?.mode === 'within' && !/within|gap|accept/i.test(entry.note ?? '')) problems.push("a 'within' entry's note must explain the gap");
  return problems;
}

function pair(value: Pair): readonly [number, number] {
  return typeof value === 'number' ? [value, value] : value;
}

/**
 * Kernel weights of one layer, as the papers count parameters: no biases, no
 * BN. Computed from the spec and the row's input shape, independently of the
 * cost model's parameter formulas.
 */
export function layerWeights(row: SummaryRow): number {
  const inputChannels = row.inputShapes[0]?.[2] ?? 0;
  const layer = row.layer;
  switch (layer.kind) {
    case 'conv2d': {
      const [kh, kw] = pair(layer.kernelSize);
      return kh * kw * (inputChannels / (layer.groups ?? 1)) * layer.filters;
    }
    case 'depthwiseConv2d': {
      const [kh, kw] = pair(layer.kernelSize);
      return kh * kw * inputChannels * (layer.depthMultiplier ?? 1);
    }
    case 'pointwiseConv2d':
      return inputChannels * layer.filters;
    case 'separableConv2d': {
      const [kh, kw] = pair(layer.kernelSize);
      const m = layer.depthMultiplier ?? 1;
      return kh * kw * inputChannels * m + inputChannels * m * layer.filters;
    }
    case 'dense':
      return inputChannels * layer.units;
    case 'squeezeExcite':
      return 2 * inputChannels * layer.squeezeChannels;
    default:
      return 0;
  }
}

/** One bias per output channel of every bias-free conv (Keras' ResNet50 has them). */
function missingConvBiases(summary: ModelSummary): number {
  return summary.rows
    .filter((r) => (r.layer.kind === 'conv2d' || r.layer.kind === 'pointwiseConv2d') && !r.layer.useBias)
    .reduce((sum, r) => sum + r.outputShape[2], 0);
}

const summaries = new Map<string, ModelSummary>();

export function summaryFor(model: string, options: ZooOptions): ModelSummary {
  const key = `${model} ${JSON.stringify(options)}`;
  let summary = summaries.get(key);
  if (!summary) {
    summary = summarize(buildModelSpec(model, options));
    summaries.set(key, summary);
  }
  return summary;
}

/** The entry's quantity computed from the spec, in the entry's unit. */
export function computeQuantity(entry: ReferenceEntry): number {
  const s = summaryFor(entry.model, entry.options);
  const scale = UNIT_SCALE[entry.unit];
  const totalWeights = () => s.rows.reduce((sum, r) => sum + layerWeights(r), 0);
  const ofKind = (r: SummaryRow) => r.layer.kind === entry.layerKind;
  switch (entry.quantity) {
    case 'macs':
      return s.macs / scale;
    case 'trainableParams':
      return s.params.trainable / scale;
    case 'totalParams':
      return s.params.total / scale;
    case 'weights':
      return totalWeights() / scale;
    case 'trainableParamsWithConvBias':
      return (s.params.trainable + missingConvBiases(s)) / scale;
    case 'totalParamsWithConvBias':
      return (s.params.total + missingConvBiases(s)) / scale;
    case 'macsShare':
      return (100 * s.rows.filter(ofKind).reduce((sum, r) => sum + r.macs, 0)) / s.macs;
    case 'weightsShare':
      return (100 * s.rows.filter(ofKind).reduce((sum, r) => sum + layerWeights(r), 0)) / totalWeights();
  }
}

/** Whether `computed` agrees with the printed `value` under the entry's rounding rule. */
export function agrees(entry: ReferenceEntry, computed: number): boolean {
  const { mode, step } = entry.rounding;
  // Floating slack far below any printed digit.
  const slack = 1e-9 * Math.max(1, Math.abs(entry.value));
  switch (mode) {
    case 'exact':
      return computed === entry.value;
    case 'nearest':
      return Math.abs(computed - entry.value) <= step / 2 + slack;
    case 'truncate':
      return computed >= entry.value - slack && computed < entry.value + step - slack;
    case 'within':
      return Math.abs(computed - entry.value) <= step + slack;
  }
}
