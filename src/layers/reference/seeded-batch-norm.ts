/**
 * One inference-mode batch norm as plain arrays, with seeded values: what a
 * lesson's hand-written block and an implementation exercise both receive,
 * so that the notebook's code and the kit's reference run see the same
 * γ, β, moving mean and variance.
 */
import { uniformArray } from '../../core/random';

/** γ, β, μ, σ² per channel and the ε added to σ² (bn(v) = γ·(v − μ)/√(σ² + ε) + β). */
export interface BatchNormValues {
  readonly gamma: number[];
  readonly beta: number[];
  readonly mean: number[];
  readonly variance: number[];
  readonly epsilon: number;
}

/**
 * Seeded values for C channels: γ in [0.5, 1.5), β and μ in [−0.2, 0.2),
 * σ² in [0.5, 1.5) — away from zero so that no channel is switched off and
 * no division is near 1/√ε.
 */
export function seededBatchNormValues(channels: number, seed: number, epsilon: number): BatchNormValues {
  return {
    gamma: Array.from(uniformArray(channels, seed, 0.5, 1.5)),
    beta: Array.from(uniformArray(channels, seed + 1, -0.2, 0.2)),
    mean: Array.from(uniformArray(channels, seed + 2, -0.2, 0.2)),
    variance: Array.from(uniformArray(channels, seed + 3, 0.5, 1.5)),
    epsilon,
  };
}
