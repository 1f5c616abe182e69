/**
 * Global average pooling (Lin et al. 2014, "Network in Network"): the mean of
 * each channel over the whole map, replacing a large fully connected layer at
 * the end of MobileNet, ResNet and DenseNet.
 *
 *   y[0, 0, c] = (1 / (H·W)) · Σ_i Σ_j x[i, j, c]
 *
 * The output keeps three axes, [1, 1, C], so every shape stays a Shape3
 * (spec.ts). No multiply-adds: macs = 0.
 */
import type { GlobalAvgPoolSpec } from '../../core/spec';
import { checkTensor, type Tensor3 } from '../../core/tensor';
import type { LayerResult } from './layer-result';

/** The per-channel mean of `input`, as a [1, 1, C] map. */
export function globalAvgPool(input: Tensor3, _spec: GlobalAvgPoolSpec = { kind: 'globalAvgPool' }): LayerResult {
  checkTensor('input', input);
  const [height, width, channels] = input.shape;
  const sums = new Float64Array(channels);
  const x = input.data;
  for (let base = 0; base < x.length; base += channels) {
    for (let c = 0; c < channels; c++) sums[c] += x[base + c];
  }
  const out = new Float32Array(channels);
  const pixels = height * width;
  for (let c = 0; c < channels; c++) out[c] = sums[c] / pixels;
  return { output: { shape: [1, 1, channels], data: out }, macs: 0 };
}
