/**
 * Lesson 08's "the block in code" cells: the notebook writes ResNet's basic
 * block itself (He et al. 2016, Fig. 2), and these helpers give it seeded
 * weights and the kit's reference run to compare with.
 *
 * The kit's side runs the zoo's block spec (resNetBasicSpec, identity
 * shortcut) through the reference interpreter (runModel) with the same
 * kernels and the same seeded inference-mode batch norm (γ, β, moving mean
 * and variance, the spec's ε), so only the block's structure — which step
 * follows which, where the ReLUs are, when the input is added — can differ
 * from the notebook's version.
 */
import { normalizeBatchNorm } from '../../core/defaults';
import { uniformArray } from '../../core/random';
import type { Tensor3 } from '../../core/tensor';
import { runModel } from '../../layers/reference/run-model';
import { batchNormWeightsOf, seededBatchNormValues, type BatchNormValues } from '../../layers/reference/seeded-batch-norm';
import type { LayerWeights } from '../../layers/reference/weights';
import { resNetBasicSpec } from '../../models/one-block';

export { maxAbsDifference } from '../../core/tensor';

export type { BatchNormValues } from '../../layers/reference/seeded-batch-norm';

/** Kernels of a basic block C → C, flat in TF layout [3, 3, C, C], and its two batch norms. */
export interface BasicBlockWeights {
  readonly kernel1: Float32Array;
  readonly bn1: BatchNormValues;
  readonly kernel2: Float32Array;
  readonly bn2: BatchNormValues;
}

/** ε of every batch norm in the kit's ResNet blocks, read from the zoo's basic-block spec (Keras's value, src/models/blocks/resnet.ts). */
export function resNetBatchNormEpsilon(): number {
  const spec = resNetBasicSpec([4, 4, 1], { filters: 1 });
  const bn = spec.nodes.find((n) => n.layer.kind === 'batchNorm');
  if (bn?.layer.kind !== 'batchNorm') throw new Error('the basic block spec has no batch norm');
  return normalizeBatchNorm(bn.layer).epsilon;
}

/** Seeded batch-norm values for C channels with the ResNet blocks' ε (ranges in layers/reference/seeded-batch-norm.ts). */
export function seededBatchNorm(channels: number, seed: number): BatchNormValues {
  return seededBatchNormValues(channels, seed, resNetBatchNormEpsilon());
}

/** Seeded weights of a basic block C → C: kernels in [−0.3, 0.3) (about He-normal's spread for 3×3×C inputs), seeded BN. */
export function seededBasicBlockWeights(channels: number, seed: number): BasicBlockWeights {
  const size = 9 * channels * channels;
  return {
    kernel1: uniformArray(size, seed, -0.3, 0.3),
    bn1: seededBatchNorm(channels, seed + 10),
    kernel2: uniformArray(size, seed + 1, -0.3, 0.3),
    bn2: seededBatchNorm(channels, seed + 20),
  };
}

/** The kit's basic block (zoo spec, identity shortcut, reference interpreter) with these weights. */
export function kitBasicBlock(input: Tensor3, weights: BasicBlockWeights): Tensor3 {
  const channels = input.shape[2];
  const spec = resNetBasicSpec(input.shape, { filters: channels });
  const byNode: Record<string, LayerWeights> = {};
  for (const node of spec.nodes) {
    if (node.name.endsWith('_1_conv')) byNode[node.name] = { kernel: weights.kernel1 };
    else if (node.name.endsWith('_2_conv')) byNode[node.name] = { kernel: weights.kernel2 };
    else if (node.name.endsWith('_1_bn')) byNode[node.name] = batchNormWeightsOf(weights.bn1);
    else if (node.name.endsWith('_2_bn')) byNode[node.name] = batchNormWeightsOf(weights.bn2);
    else if (node.layer.kind === 'conv2d' || node.layer.kind === 'batchNorm') throw new Error(`unexpected node ${node.name} in the basic block`);
  }
  return runModel(spec, input, { weights: byNode }).output;
}
