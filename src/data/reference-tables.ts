/**
 * Reading the published reference tables in data/reference/*.json: the entry
 * format, its units and rounding rules, and a check that names everything
 * wrong with a malformed entry. Holding an entry against the cost model is
 * not done here but in src/published/compare.ts, so reading a table needs
 * neither the zoo nor the cost model.
 *
 * File format and the meaning of every field: data/reference/README.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConvkitInputError } from '../core/errors';
import type { LayerKind } from '../core/spec';
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
  /** The zoo options (width multiplier, resolution, …) the figure was printed for. */
  readonly options: Readonly<Record<string, unknown>>;
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

/** Shares are percentages of the whole model; they need a layerKind and have no unit to scale by. */
export function isShare(quantity: Quantity): boolean {
  return quantity === 'macsShare' || quantity === 'weightsShare';
}
