/**
 * Where MobileNet v1 spends its multiply-adds and its weights, by layer type:
 * Table 2 of Howard et al. 2017 (arXiv:1704.04861), recomputed from the spec.
 *
 * The paper's point: almost all the arithmetic (about 95%) sits in the 1×1
 * convolutions, which run as one dense matrix product (GEMM) — the cheap
 * depthwise step hardly costs anything, and the classifier holds a quarter of
 * the weights but almost no arithmetic.
 *
 * The published shares are read from data/reference/mobilenet-v1.json (the
 * entries with ids mobilenet-v1/table2/…), where the one misprint of the
 * table (conv 3×3: printed 1.19%, really 1.91%) is documented. Both are kept:
 * `printed…` is what a reader of the paper sees, `expected…` is what the
 * computed share must round to.
 */
import { readFileSync } from 'node:fs';
import { summarize } from '../../cost/summary';
import type { ModelSummary } from '../../cost/types';
import { dataPath } from '../../data/data-file';
import { ConvkitInputError } from '../../core/errors';
import type { LayerKind } from '../../core/spec';
import { buildModelSpec } from '../../models/zoo';
import { kernelWeights, totalKernelWeights } from '../../published/kernel-weights';

/** The paper's names for the layer types of Table 2. */
export const TABLE2_LAYER_TYPES: Readonly<Partial<Record<LayerKind, string>>> = {
  pointwiseConv2d: 'Conv 1×1',
  depthwiseConv2d: 'Conv DW 3×3',
  conv2d: 'Conv 3×3',
  dense: 'Fully connected',
};

export interface LayerTypeShare {
  /** The paper's name, e.g. 'Conv 1×1'. */
  readonly layerType: string;
  readonly layerKind: LayerKind;
  readonly macs: number;
  /** Kernel weights (no biases, no BN), as the paper counts. */
  readonly weights: number;
  /** Share of all multiply-adds, in percent. */
  readonly macsPercent: number;
  /** Share of all kernel weights, in percent. */
  readonly weightsPercent: number;
  /** Table 2's share of multiply-adds (percent) as the paper PRINTS it, misprint included (conv 3×3: 1.19). */
  readonly printedMacsPercent?: number;
  /** Table 2's share of parameters (percent) as the paper prints it. */
  readonly printedWeightsPercent?: number;
  /**
   * The share the computed one must round to: the printed figure, or the
   * corrected one where data/reference/mobilenet-v1.json documents an erratum
   * (conv 3×3: 1.91).
   */
  readonly expectedMacsPercent?: number;
  readonly expectedWeightsPercent?: number;
  /** Why a printed figure is not the expected one (from the reference entry's `erratum`). */
  readonly macsErratum?: string;
  readonly weightsErratum?: string;
}

/** One Table 2 figure: what the paper prints, and what it should say. */
export interface Table2Figure {
  /** As printed in the paper (percent). */
  readonly printed: number;
  /** The documented value (percent): equal to `printed` unless there is an erratum. */
  readonly expected: number;
  readonly erratum?: string;
}

interface ReferenceEntry {
  readonly id: string;
  readonly quantity: string;
  readonly layerKind?: LayerKind;
  readonly value: number;
  readonly source?: { readonly printed?: string };
  readonly erratum?: string;
}

/** '1.19%' → 1.19; a figure that is not a plain percentage is a data error, named. */
function parsePrinted(id: string, printed: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(printed);
  if (!match) throw new ConvkitInputError(`${id}.source.printed`, printed, 'must be a percentage such as "1.19%"');
  return Number(match[1]);
}

/**
 * Table 2's figures from data/reference/mobilenet-v1.json, keyed by
 * `${quantity}:${layerKind}` (e.g. 'macsShare:conv2d'). An entry's `value` is
 * the documented (corrected) figure; `source.printed`, when present, is what
 * the paper prints instead, and `erratum` says why they differ.
 */
export function publishedTable2(): Map<string, Table2Figure> {
  const parsed = JSON.parse(readFileSync(dataPath('reference', 'mobilenet-v1.json'), 'utf8')) as { entries: ReferenceEntry[] };
  const table = new Map<string, Table2Figure>();
  for (const entry of parsed.entries) {
    if (!entry.id.startsWith('mobilenet-v1/table2/') || !entry.layerKind) continue;
    const printed = entry.source?.printed === undefined ? entry.value : parsePrinted(entry.id, entry.source.printed);
    table.set(`${entry.quantity}:${entry.layerKind}`, { printed, expected: entry.value, ...(entry.erratum ? { erratum: entry.erratum } : {}) });
  }
  return table;
}

/**
 * Multiply-adds and weights of each layer type that has any, with their
 * shares of the model's totals, in descending order of MACs. Default: 1.0
 * MobileNet-224 (the model of Table 2).
 */
export function shareByLayerType(summary: ModelSummary = summarize(buildModelSpec('mobilenet-v1'))): LayerTypeShare[] {
  const totalWeights = totalKernelWeights(summary.rows);
  const published = publishedTable2();
  const byKind = new Map<LayerKind, { macs: number; weights: number }>();
  for (const row of summary.rows) {
    const weights = kernelWeights(row);
    if (row.macs === 0 && weights === 0) continue;
    const sums = byKind.get(row.layer.kind) ?? { macs: 0, weights: 0 };
    byKind.set(row.layer.kind, { macs: sums.macs + row.macs, weights: sums.weights + weights });
  }
  return [...byKind.entries()]
    .map(([layerKind, sums]) => {
      const macsFigure = published.get(`macsShare:${layerKind}`);
      const weightsFigure = published.get(`weightsShare:${layerKind}`);
      return {
        layerType: TABLE2_LAYER_TYPES[layerKind] ?? layerKind,
        layerKind,
        macs: sums.macs,
        weights: sums.weights,
        macsPercent: (100 * sums.macs) / summary.macs,
        weightsPercent: (100 * sums.weights) / totalWeights,
        printedMacsPercent: macsFigure?.printed,
        printedWeightsPercent: weightsFigure?.printed,
        expectedMacsPercent: macsFigure?.expected,
        expectedWeightsPercent: weightsFigure?.expected,
        macsErratum: macsFigure?.erratum,
        weightsErratum: weightsFigure?.erratum,
      };
    })
    .sort((a, b) => b.macs - a.macs);
}

/**
 * A printed Table 2 figure for a table cell: two decimals, and ' *' when the
 * paper's print is a documented misprint (the footnote then quotes the erratum).
 */
export function formatPrintedShare(printed: number | undefined, erratum: string | undefined): string {
  if (printed === undefined) return '';
  return `${printed.toFixed(2)}${erratum ? ' *' : ''}`;
}
