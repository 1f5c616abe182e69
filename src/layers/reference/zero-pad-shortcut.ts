/**
 * ResNet's parameter-free shortcut, option (A) of He et al. 2016, §4.2
 * (used on CIFAR-10): when a stage halves the map and widens the channels,
 * the identity cannot be added as is, so the shortcut takes every s-th pixel
 * and fills the extra channels with zeros.
 *
 *   y[i, j, c] = x[i·s, j·s, c]   for c < C
 *              = 0                for C <= c < filters
 *
 * Output [ceil(H/s), ceil(W/s), filters] (src/cost/output-shape.ts). The new
 * zero channels are appended after the existing ones. No weights, macs = 0.
 */
import { layerOutputShape } from '../../core/output-shape';
import { normalizeLayer } from '../../core/defaults';
import { ConvkitInputError } from '../../core/errors';
import type { ZeroPadShortcutSpec } from '../../core/spec';
import { checkTensor, requireAllocatable, type Tensor3 } from '../../core/tensor';
import type { LayerResult } from './layer-result';

/** Subsamples `input` by spec.strides and pads its channels with zeros up to spec.filters. */
export function zeroPadShortcut(input: Tensor3, spec: ZeroPadShortcutSpec): LayerResult {
  checkTensor('input', input);
  const layer = normalizeLayer(spec);
  if (layer.kind !== 'zeroPadShortcut') throw new ConvkitInputError('kind', spec.kind, "must be 'zeroPadShortcut'");
  const shape = layerOutputShape(layer, [input.shape]); // checks filters >= C
  const [outHeight, outWidth, filters] = shape;
  const [, width, channels] = input.shape;
  const stride = layer.strides;
  const out = new Float32Array(requireAllocatable('output elements (H·W·filters)', outHeight * outWidth * filters)); // starts as zeros: the padded channels
  for (let oy = 0; oy < outHeight; oy++) {
    for (let ox = 0; ox < outWidth; ox++) {
      const from = (oy * stride * width + ox * stride) * channels;
      out.set(input.data.subarray(from, from + channels), (oy * outWidth + ox) * filters);
    }
  }
  return { output: { shape: [...shape], data: out }, macs: 0 };
}
