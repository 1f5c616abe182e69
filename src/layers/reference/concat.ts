/**
 * Concatenation along channels: DenseNet's connectivity (Huang et al. 2017,
 * eq. 2), where layer ℓ sees [x_0, x_1, …, x_(ℓ−1)] stacked channel-wise.
 *
 *   y[i, j, ·] = x_0[i, j, ·] ++ x_1[i, j, ·] ++ …     (C = C_0 + C_1 + …)
 *
 * Only copies data: macs = 0. Inputs must share height and width.
 */
import { layerOutputShape } from '../../core/output-shape';
import { ConvkitInputError } from '../../core/errors';
import type { ConcatSpec } from '../../core/spec';
import { checkTensor, type Tensor3 } from '../../core/tensor';
import type { LayerResult } from './layer-result';

/** Stacks `inputs` along the channel axis, in order. */
export function concat(inputs: readonly Tensor3[], _spec: ConcatSpec = { kind: 'concat' }): LayerResult {
  if (!Array.isArray(inputs)) throw new ConvkitInputError('inputs', inputs, 'must be an array of tensors');
  inputs.forEach((t, n) => checkTensor(`inputs[${n}]`, t));
  const shape = layerOutputShape(
    { kind: 'concat' },
    inputs.map((t) => t.shape),
  );
  const [height, width, totalChannels] = shape;
  const out = new Float32Array(height * width * totalChannels);
  let firstChannel = 0; // where input n's channels start in the output
  for (const input of inputs) {
    const channels = input.shape[2];
    const x = input.data;
    for (let p = 0; p < height * width; p++) {
      out.set(x.subarray(p * channels, (p + 1) * channels), p * totalChannels + firstChannel);
    }
    firstChannel += channels;
  }
  return { output: { shape: [...shape], data: out }, macs: 0 };
}
