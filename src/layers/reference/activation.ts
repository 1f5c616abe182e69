/**
 * Elementwise nonlinearities, one formula each:
 *
 *   relu(x)        = max(x, 0)
 *   relu6(x)       = min(max(x, 0), 6)                 (MobileNet v1/v2: robust in low precision)
 *   hardSigmoid(x) = relu6(x + 3) / 6                  (MobileNet v3, Howard et al. 2019, §5.2)
 *   hardSwish(x)   = x · relu6(x + 3) / 6              (the same paper's h-swish)
 *   sigmoid(x)     = 1 / (1 + e^(−x))
 *   swish(x)       = x · sigmoid(x)                     (Ramachandran et al. 2017)
 *   softmax(x)_c   = e^(x_c − max) / Σ_k e^(x_k − max)  (over the channels of each pixel)
 *
 * Note that hardSigmoid here is MobileNet v3's relu6(x + 3) / 6, not the older
 * Keras/TF.js `hard_sigmoid` (clip(0.2·x + 0.5, 0, 1)); the two differ for
 * |x| < 3. No multiply-adds of conv/dense kind: macs = 0.
 */
import { ConvkitInputError } from '../../core/errors';
import { normalizeLayer } from '../../core/defaults';
import type { ActivationName, ActivationSpec } from '../../core/spec';
import { checkTensor, type Tensor3 } from '../../core/tensor';
import type { LayerResult } from './layer-result';

/** The scalar form of every activation except softmax (which needs a whole pixel). */
export const SCALAR_ACTIVATIONS: Readonly<Record<Exclude<ActivationName, 'softmax'>, (x: number) => number>> = {
  relu: (x) => (x > 0 ? x : 0),
  relu6: (x) => (x < 0 ? 0 : x > 6 ? 6 : x),
  hardSigmoid: (x) => SCALAR_ACTIVATIONS.relu6(x + 3) / 6,
  hardSwish: (x) => (x * SCALAR_ACTIVATIONS.relu6(x + 3)) / 6,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  swish: (x) => x / (1 + Math.exp(-x)),
};

/** Applies the named activation to a copy of `values`, whose last axis has `channels` entries. */
export function applyActivation(name: ActivationName, values: Float32Array, channels: number): Float32Array {
  const out = new Float32Array(values.length);
  if (name === 'softmax') {
    for (let base = 0; base < values.length; base += channels) {
      // Subtracting the largest value first keeps e^x from overflowing; it cancels in the ratio.
      let largest = -Infinity;
      for (let c = 0; c < channels; c++) largest = Math.max(largest, values[base + c]);
      let sum = 0;
      for (let c = 0; c < channels; c++) {
        const e = Math.exp(values[base + c] - largest);
        out[base + c] = e;
        sum += e;
      }
      for (let c = 0; c < channels; c++) out[base + c] /= sum;
    }
    return out;
  }
  const f = SCALAR_ACTIVATIONS[name];
  for (let i = 0; i < values.length; i++) out[i] = f(values[i]);
  return out;
}

/** The activation layer of `spec` applied to `input`. */
export function activation(input: Tensor3, spec: ActivationSpec): LayerResult {
  checkTensor('input', input);
  const layer = normalizeLayer(spec); // checks the name against ACTIVATIONS
  if (layer.kind !== 'activation') throw new ConvkitInputError('kind', spec.kind, "must be 'activation'");
  const name = layer.activation;
  return { output: { shape: [...input.shape], data: applyActivation(name, input.data, input.shape[2]) }, macs: 0 };
}

/** relu(x) = max(x, 0) on every element. */
export const relu = (input: Tensor3): LayerResult => activation(input, { kind: 'activation', activation: 'relu' });
/** relu6(x) = min(max(x, 0), 6) on every element. */
export const relu6 = (input: Tensor3): LayerResult => activation(input, { kind: 'activation', activation: 'relu6' });
/** hardSwish(x) = x · relu6(x + 3) / 6 on every element. */
export const hardSwish = (input: Tensor3): LayerResult => activation(input, { kind: 'activation', activation: 'hardSwish' });
/** hardSigmoid(x) = relu6(x + 3) / 6 on every element. */
export const hardSigmoid = (input: Tensor3): LayerResult =>
  activation(input, { kind: 'activation', activation: 'hardSigmoid' });
/** sigmoid(x) = 1 / (1 + e^(−x)) on every element. */
export const sigmoid = (input: Tensor3): LayerResult => activation(input, { kind: 'activation', activation: 'sigmoid' });
