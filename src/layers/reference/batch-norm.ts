/**
 * Batch normalisation at inference time (Ioffe & Szegedy 2015, Algorithm 2):
 * each channel c is standardised with the moving statistics gathered during
 * training, then scaled and shifted by the learnt γ and β.
 *
 *   y[i, j, c] = γ[c] · (x[i, j, c] − μ[c]) / √(σ²[c] + ε) + β[c]
 *
 * μ and σ² (moving mean / variance) are the non-trainable parameters; γ and β
 * the trainable ones (Keras convention, docs/design.md#parameters). ε defaults to 1e-3 as
 * in Keras. No multiply-adds of conv/dense kind happen here, so macs = 0;
 * the cost model files this work under elementwiseOps (2 per element).
 */
import { normalizeBatchNorm } from '../../core/defaults';
import type { BatchNormSpec } from '../../core/spec';
import { checkTensor, checkWeights, type Tensor3 } from '../../core/tensor';
import type { LayerResult } from './layer-result';

/** Per-channel values of a batch-norm layer, each of length C. */
export interface BatchNormWeights {
  /** Scale γ (trainable). */
  readonly gamma: Float32Array;
  /** Shift β (trainable). */
  readonly beta: Float32Array;
  /** Moving mean μ (non-trainable). */
  readonly movingMean: Float32Array;
  /** Moving variance σ² (non-trainable); must be >= 0. */
  readonly movingVariance: Float32Array;
}

/** Normalises every channel of `input` with the stored statistics. */
export function batchNorm(input: Tensor3, spec: BatchNormSpec, weights: BatchNormWeights): LayerResult {
  checkTensor('input', input);
  const { epsilon } = normalizeBatchNorm(spec);
  const channels = input.shape[2];
  const rule = `C = ${channels}`;
  const gamma = checkWeights('weights.gamma', weights?.gamma, channels, rule);
  const beta = checkWeights('weights.beta', weights?.beta, channels, rule);
  const mean = checkWeights('weights.movingMean', weights?.movingMean, channels, rule);
  const variance = checkWeights('weights.movingVariance', weights?.movingVariance, channels, rule);

  // 1 / √(σ² + ε) once per channel, not once per pixel.
  const inverseStd = new Float64Array(channels);
  for (let c = 0; c < channels; c++) inverseStd[c] = 1 / Math.sqrt(variance[c] + epsilon);

  const x = input.data;
  const out = new Float32Array(x.length);
  for (let base = 0; base < x.length; base += channels) {
    for (let c = 0; c < channels; c++) {
      out[base + c] = gamma[c] * (x[base + c] - mean[c]) * inverseStd[c] + beta[c];
    }
  }
  return { output: { shape: [...input.shape], data: out }, macs: 0 };
}
