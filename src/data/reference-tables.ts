/**
 * The published reference tables in data/reference/*.json, and the one way
 * convkit compares a printed figure with the figure its specs compute.
 *
 * Who uses it: test/models/published.test.ts (every entry is a check),
 * lesson 04 (kernel weights, the papers' parameter count) and lesson 07
 * (DenseNet-121/169/201 beside the Keras and torchvision counts). Keeping the
 * counting rules, unit scales and rounding rules here means a lesson and the
 * test can never disagree about what "reproduced" means.
 *
 * The pipeline for one entry:
 *
 *   entry (model, options, quantity, value, unit, rounding)
 *     → summaryFor(model, options)           zoo spec → cost-model summary (cached)
 *     → quantityOf(summary, quantity, kind)  in base units (multiply-adds, parameters) or percent
 *     → toUnit(…, unit)                      in the entry's printed unit
 *     → agrees(entry, computedInUnit)        under the entry's rounding rule
 *
 * File format and the meaning of every field: data/reference/README.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarize } from '../cost/summary';
import type { ModelSummary, SummaryRow } from '../cost/types';
import { ConvkitInputError } from '../core/errors';
import type { LayerKind, Pair } from '../core/spec';
import { buildModelSpec, type ZooOptions } from '../models/zoo';
import { dataPath } from './data-file';

/** data/reference/, where the published tables live (one file per paper or library). */
export function referenceDir(): string {
  return dataPath('reference');
}

/** The quantities an entry can state. See data/reference/README.md for the counting convention of each. */
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

/** How many base units (multiply-adds, parameters) one printed unit is; percentages are compared as percentages. */
export const UNIT_SCALE: Readonly<Record<string, number>> = {
  'multiply-adds': 1,
  'million multiply-adds': 1e6,
  'billion multiply-adds': 1e9,
  parameters: 1,
  'million parameters': 1e6,
  percent: 1,
};

/**
 * How a printed value relates to the exact one (`step` is in the entry's unit):
 * exact → equal; nearest → |computed − value| ≤ step/2; truncate → value ≤
 * computed < value + step; within → |computed − value| ≤ step (the note says why).
 */
export const ROUNDING_MODES = ['exact', 'nearest', 'truncate', 'within'] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

export interface ReferenceSource {
  readonly paper?: string;
  readonly arxiv?: string;
  readonly library?: string;
  readonly url?: string;
  /** Table, figure or page section the value is printed in. */
  readonly table: string;
  /** The printed text, when the entry's value differs from it (an erratum). */
  readonly printed?: string;
}

export interface ReferenceEntry {
  readonly id: string;
  /** Zoo model name, passed to buildModelSpec. */
  readonly model: string;
  readonly options: ZooOptions;
  readonly quantity: Quantity;
  /** Only for macsShare / weightsShare: the layer kind whose share is printed. */
  readonly layerKind?: LayerKind;
  readonly value: number;
  readonly unit: string;
  readonly rounding: { readonly mode: RoundingMode; readonly step: number };
  readonly source: ReferenceSource;
  /** Present when the paper's printed value is wrong; `value` then holds the corrected one. */
  readonly erratum?: string;
  /**
   * Whether the figure was found in the source (or a faithful copy of it)
   * rather than only copied from the task text. The note says where and how.
   */
  readonly verified: boolean;
  readonly note: string;
}

export interface ReferenceFile {
  readonly file: string;
  readonly entries: readonly ReferenceEntry[];
}

/** The entries of one data/reference file, e.g. readReferenceEntries('keras.json'). A bad file names itself. */
export function readReferenceEntries(file: string, dir: string = referenceDir()): ReferenceEntry[] {
  const path = join(dir, file);
  let parsed: { entries?: unknown };
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as { entries?: unknown };
  } catch (error) {
    throw new ConvkitInputError(path, (error as Error).message, 'must be a readable JSON reference table');
  }
  if (!Array.isArray(parsed.entries)) throw new ConvkitInputError(`${path}: entries`, typeof parsed.entries, 'must be an array');
  return parsed.entries as ReferenceEntry[];
}

/** Every *.json directly in `dir` (sorted by name) with its entries; the accuracy/ subfolder has another format and is not read. */
export function loadReferenceFiles(dir: string = referenceDir()): ReferenceFile[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, entries: readReferenceEntries(file, dir) }));
}

/** A figure counts as published when it names a paper with its arXiv id, or a library page with its URL. */
export function hasCitableSource(entry: ReferenceEntry): boolean {
  return Boolean((entry.source?.paper && entry.source.arxiv) || (entry.source?.library && entry.source.url));
}

/** "Howard et al. 2017, arXiv:1704.04861, Table 6" or "torchvision model docs, https://…". */
export function sourceText(entry: ReferenceEntry): string {
  if (entry.source.paper) return `${entry.source.paper}, arXiv:${entry.source.arxiv}, ${entry.source.table}`;
  return `${entry.source.library}, ${entry.source.url}`;
}

/** Everything wrong with an entry's shape, so a malformed entry fails loudly instead of being skipped. */
export function entryProblems(entry: ReferenceEntry): string[] {
  const problems: string[] = [];
  if (typeof entry.id !== 'string' || entry.id.length === 0) problems.push('id missing');
  if (typeof entry.model !== 'string') problems.push('model missing');
  if (typeof entry.options !== 'object' || entry.options === null) problems.push('options must be an object');
  if (!(QUANTITIES as readonly string[]).includes(entry.quantity)) problems.push(`unknown quantity ${String(entry.quantity)}`);
  if (isShare(entry.quantity) !== (entry.layerKind !== undefined)) {
    problems.push('layerKind is required for shares and only for shares');
  }
  if (typeof entry.value !== 'number' || !Number.isFinite(entry.value)) problems.push('value must be a finite number');
  if (!(entry.unit in UNIT_SCALE)) problems.push(`unknown unit ${String(entry.unit)}`);
  if (!entry.rounding || !(ROUNDING_MODES as readonly string[]).includes(entry.rounding.mode)) problems.push('rounding.mode missing or unknown');
  else if (typeof entry.rounding.step !== 'number' || entry.rounding.step < 0 || (entry.rounding.mode !== 'exact' && entry.rounding.step <= 0)) {
    problems.push('rounding.step must be > 0 (0 for exact)');
  }
  if (!entry.source || typeof entry.source.table !== 'string') problems.push('source.table missing');
  else if (!hasCitableSource(entry)) problems.push('source needs paper + arxiv, or library + url');
  if (typeof entry.note !== 'string' || entry.note.length === 0) problems.push('note missing');
  if (entry.rounding?.mode === 'within' && !/within|gap|accept/i.test(entry.note ?? '')) problems.push("a 'within' entry's note must explain the gap");
  if (typeof entry.verified !== 'boolean') problems.push('verified must be true or false');
  else if (entry.verified && !/Checked:/.test(entry.note ?? '')) problems.push('a verified entry\'s note must say "Checked: " where and how');
  else if (!entry.verified && !/Unverified:/.test(entry.note ?? '')) problems.push('an unverified entry\'s note must say "Unverified: " and why');
  return problems;
}

function pair(value: Pair): readonly [number, number] {
  return typeof value === 'number' ? [value, value] : value;
}

/**
 * Kernel weights of one summary row, as the MobileNet papers count
 * parameters: conv and dense kernels only — no biases, no batch-norm γ/β, no
 * moving statistics (0 for layers without a kernel). Computed from the spec
 * and the row's input shape, independently of the cost model's parameter
 * formulas, so the test can hold the two against each other. Howard et al.
 * 2017 (arXiv:1704.04861) Table 2's parameter shares only come out this way
 * (1×1 convs: 3,139,584 of 4,209,088 weights = 74.59%).
 */
export function kernelWeights(row: SummaryRow): number {
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
      const d = layer.depthMultiplier ?? 1;
      return kh * kw * inputChannels * d + inputChannels * d * layer.filters;
    }
    case 'dense':
      return inputChannels * layer.units;
    case 'squeezeExcite':
      return 2 * inputChannels * layer.squeezeChannels;
    default:
      return 0;
  }
}

/** Kernel weights of a whole model (the papers' "parameters"). */
export function totalKernelWeights(rows: readonly SummaryRow[]): number {
  return rows.reduce((sum, row) => sum + kernelWeights(row), 0);
}

/** One bias per output channel of every bias-free conv: what Keras' ResNet50 adds (its convs carry a bias although a BN follows). */
export function missingConvBiases(summary: ModelSummary): number {
  return summary.rows
    .filter((r) => (r.layer.kind === 'conv2d' || r.layer.kind === 'pointwiseConv2d') && !r.layer.useBias)
    .reduce((sum, r) => sum + r.outputShape[2], 0);
}

/**
 * A quantity of a summarised model in base units (multiply-adds,
 * parameters), or in percent for the shares; `layerKind` is required for
 * the shares.
 */
export function quantityOf(summary: ModelSummary, quantity: Quantity, layerKind?: LayerKind): number {
  const ofKind = (r: SummaryRow) => r.layer.kind === layerKind;
  if (isShare(quantity) && layerKind === undefined) {
    throw new ConvkitInputError('layerKind', layerKind, `is required for the quantity ${quantity}`);
  }
  switch (quantity) {
    case 'macs':
      return summary.macs;
    case 'trainableParams':
      return summary.params.trainable;
    case 'totalParams':
      return summary.params.total;
    case 'weights':
      return totalKernelWeights(summary.rows);
    case 'trainableParamsWithConvBias':
      return summary.params.trainable + missingConvBiases(summary);
    case 'totalParamsWithConvBias':
      return summary.params.total + missingConvBiases(summary);
    case 'macsShare':
      return (100 * summary.rows.filter(ofKind).reduce((sum, r) => sum + r.macs, 0)) / summary.macs;
    case 'weightsShare':
      return (100 * totalKernelWeights(summary.rows.filter(ofKind))) / totalKernelWeights(summary.rows);
    default:
      throw new ConvkitInputError('quantity', quantity, `must be one of ${QUANTITIES.join(', ')}`);
  }
}

/** A base-unit figure expressed in a printed unit, e.g. toUnit(2_834_161_664, 'billion multiply-adds') ≈ 2.834. */
export function toUnit(baseValue: number, unit: string): number {
  const scale = UNIT_SCALE[unit];
  if (scale === undefined) throw new ConvkitInputError('unit', unit, `must be one of ${Object.keys(UNIT_SCALE).join(', ')}`);
  return baseValue / scale;
}

/** Whether `computedInUnit` agrees with the printed `value` under the entry's rounding rule. */
export function agrees(entry: Pick<ReferenceEntry, 'value' | 'rounding'>, computedInUnit: number): boolean {
  const { mode, step } = entry.rounding;
  // Floating-point slack far below any printed digit.
  const slack = 1e-9 * Math.max(1, Math.abs(entry.value));
  switch (mode) {
    case 'exact':
      return computedInUnit === entry.value;
    case 'nearest':
      return Math.abs(computedInUnit - entry.value) <= step / 2 + slack;
    case 'truncate':
      return computedInUnit >= entry.value - slack && computedInUnit < entry.value + step - slack;
    case 'within':
      return Math.abs(computedInUnit - entry.value) <= step + slack;
    default:
      throw new ConvkitInputError('rounding.mode', mode, `must be one of ${ROUNDING_MODES.join(', ')}`);
  }
}

const summaries = new Map<string, ModelSummary>();

/** The cost-model summary of a zoo model, cached (several entries ask about the same model). */
export function summaryFor(model: string, options: ZooOptions = {}): ModelSummary {
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
  return inEntryUnit(entry, quantityOf(summaryFor(entry.model, entry.options), entry.quantity, entry.layerKind));
}

/** Shares are percentages of the whole model; they need a layerKind and have no unit to scale by. */
function isShare(quantity: Quantity): boolean {
  return quantity === 'macsShare' || quantity === 'weightsShare';
}

/** A figure from quantityOf in the entry's printed unit (shares stay in percent). */
function inEntryUnit(entry: ReferenceEntry, computed: number): number {
  return isShare(entry.quantity) ? computed : toUnit(computed, entry.unit);
}

/** One published figure beside the computed one. */
export interface ReferenceComparison {
  readonly entry: ReferenceEntry;
  /** The computed figure in base units (or percent for shares). */
  readonly computed: number;
  /** The computed figure in the entry's unit. */
  readonly computedInUnit: number;
  readonly agrees: boolean;
}

/** Holds one entry against the spec. */
export function compareEntry(entry: ReferenceEntry): ReferenceComparison {
  const computed = quantityOf(summaryFor(entry.model, entry.options), entry.quantity, entry.layerKind);
  const computedInUnit = inEntryUnit(entry, computed);
  return { entry, computed, computedInUnit, agrees: agrees(entry, computedInUnit) };
}
