/**
 * Lesson 05's "the block in code" cells: the notebook writes the inverted
 * residual block and squeeze-and-excite itself, and these helpers give it
 * seeded weights and the kit's reference run to compare with.
 *
 * The kit's side runs the zoo's block spec (invertedResidualSpec) through
 * the reference interpreter (runModel) with the same convolution weights
 * and batch norm set to the identity (γ = 1, β = 0, μ = 0, σ² = 1 − ε), so
 * only the block's structure — which step follows which, where the ReLU6s
 * are, when the input is added — can differ from the notebook's version.
 */
import { normalizeBatchNorm } from '../../core/defaults';
import { uniformArray } from '../../core/random';
import type { Tensor3 } from '../../core/tensor';
import { runModel } from '../../layers/reference/run-model';
import type { LayerWeights } from '../../layers/reference/weights';
import { invertedResidualSpec } from '../../models/one-block';
import { roundHalfToEven } from '../../models/channels';
import type { SqueezeExciteWeights } from '../../layers/reference/squeeze-excite';

/** Kernels of one inverted residual block, flat in TF layout: expand [C, tC], depthwise [3, 3, tC], project [tC, C′]. */
export interface InvertedResidualWeights {
  readonly expand: Float32Array;
  readonly depthwise: Float32Array;
  readonly project: Float32Array;
}

/** Seeded kernels in [−0.5, 0.5) for a block C → t·C → C′. */
export function seededInvertedResidualWeights(channels: number, expansion: number, filters: number, seed: number): InvertedResidualWeights {
  const expanded = roundHalfToEven(channels * expansion);
  return {
    expand: uniformArray(channels * expanded, seed, -0.5, 0.5),
    depthwise: uniformArray(9 * expanded, seed + 1, -0.5, 0.5),
    project: uniformArray(expanded * filters, seed + 2, -0.5, 0.5),
  };
}

/** The kit's inverted residual block (zoo spec, reference interpreter) with these kernels and identity batch norm. */
export function kitInvertedResidual(input: Tensor3, weights: InvertedResidualWeights, expansion: number, filters: number, strides = 1): Tensor3 {
  const spec = invertedResidualSpec(input.shape, { expansion, filters, strides });
  const byNode: Record<string, LayerWeights> = {};
  for (const node of spec.nodes) {
    const layer = node.layer;
    if (layer.kind === 'pointwiseConv2d') byNode[node.name] = { kernel: node.name.endsWith('_expand') ? weights.expand : weights.project };
    if (layer.kind === 'depthwiseConv2d') byNode[node.name] = { kernel: weights.depthwise };
    if (layer.kind === 'batchNorm') {
      const { epsilon } = normalizeBatchNorm(layer);
      const c = node.name.endsWith('_project_BN') ? filters : roundHalfToEven(input.shape[2] * expansion);
      byNode[node.name] = {
        gamma: new Float32Array(c).fill(1),
        beta: new Float32Array(c),
        movingMean: new Float32Array(c),
        movingVariance: new Float32Array(c).fill(1 - epsilon),
      };
    }
  }
  return runModel(spec, input, { weights: byNode }).output;
}

/** Seeded weights of a squeeze-and-excite step C → S → C (kernels in [−0.5, 0.5), biases in [−0.1, 0.1)). */
export function seededSqueezeExciteWeights(channels: number, squeeze: number, seed: number): SqueezeExciteWeights {
  return {
    squeezeKernel: uniformArray(channels * squeeze, seed, -0.5, 0.5),
    squeezeBias: uniformArray(squeeze, seed + 1, -0.1, 0.1),
    exciteKernel: uniformArray(squeeze * channels, seed + 2, -0.5, 0.5),
    exciteBias: uniformArray(channels, seed + 3, -0.1, 0.1),
  };
}

// max |a − b| between two maps lives in core/tensor.ts (lessons 05 and 08 both use it).
export { maxAbsDifference } from '../../core/tensor';
