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
 * |x| < 3. No multiply-adds of conv/dense kind: macs = 0. The scalar forms
 * and their derivatives (ACTIVATION_DERIVATIVES) are exported for plotting
 * and for exercises about the slope of an activation.
 */
import { ConvkitInputError } from '../../core/errors';
import { normalizeLayer } from '../../core/defaults';
import type { ActivationName, ActivationSpec } from '../../core/spec';
import { checkTensor, type Tensor3 } from '../../core/tensor';
import type { LayerResult } from './layer-result';

/** Every activation except softmax, which needs a whole pixel: these act on one number. */
export type ScalarActivationName = Exclude<ActivationName, 'softmax'>;

/** The scalar form of every activation except softmax. */
export const SCALAR_ACTIVATIONS: Readonly<Record<ScalarActivationName, (x: number) => number>> = {
  relu: (x) => Math.max(x, 0),
  relu6: (x) => Math.min(Math.max(x, 0), 6),
  hardSigmoid: (x) => SCALAR_ACTIVATIONS.relu6(x + 3) / 6,
  hardSwish: (x) => (x * SCALAR_ACTIVATIONS.relu6(x + 3)) / 6,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  swish: (x) => x * SCALAR_ACTIVATIONS.sigmoid(x),
};

/**
 * The derivative of each scalar activation:
 *
 *   relu'(x)        = 1 for x > 0, else 0
 *   relu6'(x)       = 1 on (0, 6), else 0
 *   hardSigmoid'(x) = 1/6 on (−3, 3), else 0
 *   hardSwish'(x)   = 0 for x ≤ −3, (2x + 3)/6 on (−3, 3), 1 for x ≥ 3
 *   sigmoid'(x)     = σ(x) · (1 − σ(x))
 *   swish'(x)       = σ(x) + x · σ(x) · (1 − σ(x))
 *
 * At a kink (x = 0 for relu; 0 and 6 for relu6; ±3 for hardSigmoid and
 * hardSwish) the one-sided derivatives differ and a single value is chosen:
 * 0 everywhere except hardSwish at 3, where it is 1, the slope on the right.
 */
export const ACTIVATION_DERIVATIVES: Readonly<Record<ScalarActivationName, (x: number) => number>> = {
  relu: (x) => (x > 0 ? 1 : 0),
  relu6: (x) => (x > 0 && x < 6 ? 1 : 0),
  hardSigmoid: (x) => (x > -3 && x < 3 ? 1 / 6 : 0),
  hardSwish: (x) => (x <= -3 ? 0 : x >= 3 ? 1 : (2 * x + 3) / 6),
  sigmoid: (x) => {
    const s = SCALAR_ACTIVATIONS.sigmoid(x);
    return s * (1 - s);
  },
  swish: (x) => {
    const s = SCALAR_ACTIVATIONS.sigmoid(x);
    return s + x * s * (1 - s);
  },
};

function scalarActivation(name: unknown): ScalarActivationName {
  if (typeof name !== 'string' || !Object.hasOwn(SCALAR_ACTIVATIONS, name)) {
    throw new ConvkitInputError('activation', name, `must be one of ${Object.keys(SCALAR_ACTIVATIONS).join(', ')}`);
  }
  return name as ScalarActivationName;
}

/** The value of the activation `name` at the number x. */
export function activationValue(name: ScalarActivationName, x: number): number {
  return SCALAR_ACTIVATIONS[scalarActivation(name)](x);
}

/** The derivative of the activation `name` at the number x (see ACTIVATION_DERIVATIVES for the kinks). */
export function activationDerivative(name: ScalarActivationName, x: number): number {
  return ACTIVATION_DERIVATIVES[scalarActivation(name)](x);
}

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
export const hardSigmoid = (input: Tensor3): LayerResult => activation(input, { kind: 'activation', activation: 'hardSigmoid' });
/** sigmoid(x) = 1 / (1 + e^(−x)) on every element. */
export const sigmoid = (input: Tensor3): LayerResult => activation(input, { kind: 'activation', activation: 'sigmoid' });
