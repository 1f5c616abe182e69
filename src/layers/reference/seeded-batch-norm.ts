/**
 * One inference-mode batch norm as plain arrays, with seeded values: what a
 * lesson's hand-written block and an implementation exercise both receive,
 * so that the notebook's code and the kit's reference run see the same
 * γ, β, moving mean and variance.
 */
import { uniformArray } from '../../core/random';
import type { BatchNormWeights } from './batch-norm';

/** γ, β, μ, σ² per channel and the ε added to σ² (bn(v) = γ·(v − μ)/√(σ² + ε) + β). */
export interface BatchNormValues {
  readonly gamma: number[];
  readonly beta: number[];
  readonly mean: number[];
  readonly variance: number[];
  readonly epsilon: number;
}

/**
 * Seeded values for C channels, different in every channel: γ in [0.5, 1.5),
 * β and μ in [−shift, shift), σ² in [0.5, 1.5) — γ and σ² away from zero so
 * that no channel is switched off and no division is near 1/√ε.
 */
export function seededBatchNormValues(channels: number, seed: number, epsilon: number, shift = 0.2): BatchNormValues {
  return {
    gamma: Array.from(uniformArray(channels, seed, 0.5, 1.5)),
    beta: Array.from(uniformArray(channels, seed + 1, -shift, shift)),
    mean: Array.from(uniformArray(channels, seed + 2, -shift, shift)),
    variance: Array.from(uniformArray(channels, seed + 3, 0.5, 1.5)),
    epsilon,
  };
}

/** The same values as the reference batch norm's weights (its spec carries ε). */
export function batchNormWeightsOf(values: BatchNormValues): BatchNormWeights {
  return {
    gamma: Float32Array.from(values.gamma),
    beta: Float32Array.from(values.beta),
    movingMean: Float32Array.from(values.mean),
    movingVariance: Float32Array.from(values.variance),
  };
}
