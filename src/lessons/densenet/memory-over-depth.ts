/**
 * Training memory of a dense block as it gets deeper, two ways (the cost
 * model's MemoryReport, src/cost/memory.ts):
 *
 *   naive    every layer's concatenation, and the BN and ReLU outputs computed
 *            from it, is a new tensor kept for the backward pass. Layer l's
 *            concatenation holds k0 + l·k channels, so the sum over L layers
 *            grows with L²: `trainingBytes`.
 *   shared   (Pleiss et al. 2017, "Memory-Efficient Implementation of
 *            DenseNets", arXiv:1707.06990): all concatenations live in one
 *            shared buffer and the BN/ReLU outputs in a second; the backward
 *            pass recomputes them. Only each layer's k new channels and its
 *            bottleneck tensors remain per layer, so memory grows with L:
 *            `sharedStorageTrainingBytes`.
 */
import { summarize } from '../../cost/summary';
import { ConvkitInputError, requireInteger } from '../../core/errors';
import { denseBlockSpec } from '../../models/one-block';
import type { Shape3 } from '../../core/spec';

export interface BlockMemoryPoint {
  readonly layers: number;
  /** Every forward tensor kept (input included), fp32, batch of one. */
  readonly naiveBytes: number;
  /** With the two shared buffers of Pleiss et al. 2017. */
  readonly sharedBytes: number;
  /** Bytes of the concatenation outputs alone, each stored on its own. */
  readonly concatBytes: number;
}

/** Memory of dense blocks with 1 … maxLayers layers (`bottleneck` as in DenseNet-BC by default). */
export function memoryOverDepth(input: Shape3, growthRate: number, maxLayers: number, bottleneck = true): BlockMemoryPoint[] {
  const k = requireInteger('growthRate', growthRate);
  const deepest = requireInteger('maxLayers', maxLayers);
  const points: BlockMemoryPoint[] = [];
  for (let L = 1; L <= deepest; L++) {
    const summary = summarize(denseBlockSpec(input, { layers: L, growthRate: k, bottleneck }));
    const shared = summary.memory.sharedStorageTrainingBytes;
    if (shared === undefined) throw new ConvkitInputError('block', summary.model, 'must mark its concatenations as shared storage');
    const concatBytes = summary.rows.filter((row) => row.kind === 'concat').reduce((sum, row) => sum + row.outputBytes, 0);
    points.push({ layers: L, naiveBytes: summary.memory.trainingBytes, sharedBytes: shared, concatBytes });
  }
  return points;
}

/** Differences between neighbours: constant first differences = linear, constant second differences = quadratic. */
export function differences(values: readonly number[]): number[] {
  return values.slice(1).map((v, i) => v - values[i]);
}
