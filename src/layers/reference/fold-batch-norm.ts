/**
 * Folding an inference-time batch norm into the convolution before it
 * (Ioffe & Szegedy 2015, §3.1 and Algorithm 2: at inference BN is a fixed
 * affine map per channel, so it can be merged with the linear layer that
 * feeds it).
 *
 * A convolution's output channel m is a sum of products plus a bias b[m];
 * the BN after it computes, per channel,
 *
 *   y = γ·(z − μ)/√(σ² + ε) + β = s·z + (β − s·μ),   s = γ/√(σ² + ε).
 *
 * Multiplying every weight of output channel m by s[m] multiplies z by s[m],
 * so the pair is one convolution with
 *
 *   W'[…, m] = s[m]·W[…, m],   b'[m] = β[m] + s[m]·(b[m] − μ[m]).
 *
 * In every TF.js kernel layout the output channel is the fastest-varying
 * index ([K_h, K_w, C/g, M] for a convolution, [K_h, K_w, C, d] for a
 * depthwise one whose output channel is c·d + q, [C, units] for a dense
 * layer), so weight i belongs to output channel i mod M.
 *
 * The kit's models keep BN as its own layer (docs/design.md#batch-normalisation):
 * this module is what an inference engine does, shown next to the layer it
 * replaces; it never changes a model's parameter count.
 */
import { ConvkitInputError } from '../../core/errors';
import { checkWeights } from '../../core/tensor';
import type { BatchNormWeights } from './batch-norm';

/** A convolution's weights with the batch norm merged in: the kernel in its own layout, and a bias for every output channel. */
export interface FoldedWeights {
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
}

/**
 * The kernel and bias of the one convolution that computes conv → BN.
 * `kernel` is any layout whose last axis is the output channel; `bias` is
 * the convolution's own (undefined: none, as in every zoo model). ε is BN's
 * (Keras: 1e-3).
 */
export function foldBatchNorm(kernel: Float32Array, bias: Float32Array | undefined, batchNorm: BatchNormWeights, epsilon = 1e-3): FoldedWeights {
  if (!(typeof epsilon === 'number' && epsilon >= 0)) throw new ConvkitInputError('epsilon', epsilon, 'must be a number >= 0');
  const channels = batchNorm?.gamma?.length ?? 0;
  if (channels === 0) throw new ConvkitInputError('batchNorm.gamma', batchNorm?.gamma, 'must be a Float32Array with one value per output channel');
  const rule = `M = ${channels}`;
  const gamma = checkWeights('batchNorm.gamma', batchNorm.gamma, channels, rule);
  const beta = checkWeights('batchNorm.beta', batchNorm.beta, channels, rule);
  const mean = checkWeights('batchNorm.movingMean', batchNorm.movingMean, channels, rule);
  const variance = checkWeights('batchNorm.movingVariance', batchNorm.movingVariance, channels, rule);
  if (!(kernel instanceof Float32Array) || kernel.length === 0 || kernel.length % channels !== 0) {
    throw new ConvkitInputError(
      'kernel.length',
      kernel?.length,
      `must be a positive multiple of the BN's ${channels} channels (the output channel is the last axis)`,
    );
  }
  if (bias !== undefined) checkWeights('bias', bias, channels, rule);

  // s[m] = γ[m]/√(σ²[m] + ε), in double precision; the results are stored as float32 like every weight.
  const scale = Array.from({ length: channels }, (_, m) => {
    if (!(variance[m] + epsilon > 0)) throw new ConvkitInputError(`batchNorm.movingVariance[${m}]`, variance[m], 'must be >= 0, and > 0 when epsilon is 0');
    return gamma[m] / Math.sqrt(variance[m] + epsilon);
  });
  const folded = new Float32Array(kernel.length);
  for (let i = 0; i < kernel.length; i++) folded[i] = kernel[i] * scale[i % channels];
  const shift = new Float32Array(channels);
  for (let m = 0; m < channels; m++) shift[m] = beta[m] + scale[m] * ((bias?.[m] ?? 0) - mean[m]);
  return { kernel: folded, bias: shift };
}
