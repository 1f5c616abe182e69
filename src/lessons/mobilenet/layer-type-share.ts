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
 * table (conv 3×3: printed 1.19%, really 1.91%) is documented.
 */
import { readFileSync } from 'node:fs';
import { summarize } from '../../cost/summary';
import type { ModelSummary } from '../../cost/types';
import { dataPath } from '../../data/data-file';
import type { LayerKind } from '../../models/spec';
import { buildModelSpec } from '../../models/zoo';
import { kernelWeights, totalKernelWeights } from './kernel-weights';

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
  /** Table 2's printed share of multiply-adds (percent), when the kind is in the table. */
  readonly publishedMacsPercent?: number;
  /** Table 2's printed share of parameters (percent). */
  readonly publishedWeightsPercent?: number;
}

interface ReferenceEntry {
  readonly id: string;
  readonly quantity: string;
  readonly layerKind?: LayerKind;
  readonly value: number;
}

/** Table 2's values from data/reference/mobilenet-v1.json, keyed by quantity and layer kind. */
export function publishedTable2(): Map<string, number> {
  const parsed = JSON.parse(readFileSync(dataPath('reference', 'mobilenet-v1.json'), 'utf8')) as { entries: ReferenceEntry[] };
  const table = new Map<string, number>();
  for (const entry of parsed.entries) {
    if (entry.id.startsWith('mobilenet-v1/table2/') && entry.layerKind) table.set(`${entry.quantity}:${entry.layerKind}`, entry.value);
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
    .map(([layerKind, sums]) => ({
      layerType: TABLE2_LAYER_TYPES[layerKind] ?? layerKind,
      layerKind,
      macs: sums.macs,
      weights: sums.weights,
      macsPercent: (100 * sums.macs) / summary.macs,
      weightsPercent: (100 * sums.weights) / totalWeights,
      publishedMacsPercent: published.get(`macsShare:${layerKind}`),
      publishedWeightsPercent: published.get(`weightsShare:${layerKind}`),
    }))
    .sort((a, b) => b.macs - a.macs);
}
