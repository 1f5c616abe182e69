/**
 * Elementwise sum of two or more maps of the same shape: the shortcut of a
 * residual block (ResNet, He et al. 2016: y = F(x) + x) and of MobileNet v2's
 * inverted residual.
 *
 *   y[i, j, c] = Σ_n x_n[i, j, c]
 *
 * Additions are not multiply-adds: macs = 0 (the cost model counts n − 1
 * elementwise ops per output value).
 */
import { layerOutputShape } from '../../core/output-shape';
import { ConvkitInputError } from '../../core/errors';
import type { AddSpec } from '../../core/spec';
import { checkTensor, type Tensor3 } from '../../core/tensor';
import type { LayerResult } from './layer-result';

/** Sums `inputs` elementwise; every input must have the first one's shape. */
export function add(inputs: readonly Tensor3[], _spec: AddSpec = { kind: 'add' }): LayerResult {
  if (!Array.isArray(inputs)) throw new ConvkitInputError('inputs', inputs, 'must be an array of tensors');
  inputs.forEach((t, n) => checkTensor(`inputs[${n}]`, t));
  const shape = layerOutputShape(
    { kind: 'add' },
    inputs.map((t) => t.shape),
  ); // >= 2 inputs, equal shapes
  const out = Float32Array.from(inputs[0].data);
  for (let n = 1; n < inputs.length; n++) {
    const x = inputs[n].data;
    for (let i = 0; i < out.length; i++) out[i] += x[i];
  }
  return { output: { shape: [...shape], data: out }, macs: 0 };
}
