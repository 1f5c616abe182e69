/**
 * Max and average pooling: a window slides over each channel separately and
 * keeps its largest value or its mean. No weights, no multiply-adds (macs = 0;
 * the cost model counts the compares/adds as elementwiseOps).
 *
 *   maxPool: y[oy, ox, c] = max over the window of x[oy·s − pad + i, ox·s − pad + j, c]
 *   avgPool: y[oy, ox, c] = (1 / n) · Σ over the window of the same values
 *
 * Padding, as TF/Keras do it:
 * - 'same': padded positions take no part — the max is over the real pixels
 *   only and the mean divides by the number of real pixels n (TF's
 *   `avg_pool` with SAME padding), so a border window is never diluted.
 * - explicit: the zeros are real zeros (spec.ts: "the given zeros, then the
 *   'valid' rule"), as Keras's ZeroPadding2D followed by a 'valid' pool: they
 *   can win the max and count in the mean (n = the full window).
 * - 'valid': every window lies inside the input.
 * Defaults (spec.ts): strides = poolSize, padding 'valid'.
 */
import { layerOutputShape } from '../../core/output-shape';
import { normalizePool } from '../../core/defaults';
import type { PoolSpec } from '../../core/spec';
import { checkTensor, type Tensor3 } from '../../core/tensor';
import type { LayerResult } from './layer-result';
import { window2d } from './window';

/** Runs a max or average pool (spec.kind decides) over `input`. */
export function pool2d(input: Tensor3, spec: PoolSpec): LayerResult {
  checkTensor('input', input);
  const layer = normalizePool(spec);
  layerOutputShape(layer, [input.shape]);
  const [height, width, channels] = input.shape;
  const win = window2d(input.shape, layer.poolSize, layer.strides, [1, 1], layer.padding, 'poolSize');
  const zerosAreReal = typeof layer.padding === 'object'; // explicit padding: ZeroPadding2D + valid pool
  const isMax = layer.kind === 'maxPool';
  const { outHeight, outWidth } = win;
  const x = input.data;
  const out = new Float32Array(outHeight * outWidth * channels);
  const acc = new Float64Array(channels); // running max or sum of one window, per channel

  for (let oy = 0; oy < outHeight; oy++) {
    const rowCorner = oy * win.strideHeight - win.padTop;
    for (let ox = 0; ox < outWidth; ox++) {
      const colCorner = ox * win.strideWidth - win.padLeft;
      acc.fill(isMax ? -Infinity : 0);
      let count = 0; // window positions that take part
      for (let i = 0; i < win.kernelHeight; i++) {
        const iy = rowCorner + i;
        for (let j = 0; j < win.kernelWidth; j++) {
          const ix = colCorner + j;
          const inside = iy >= 0 && iy < height && ix >= 0 && ix < width;
          if (!inside) {
            if (!zerosAreReal) continue; // 'same': padding takes no part
            count++;
            if (isMax) for (let c = 0; c < channels; c++) acc[c] = Math.max(acc[c], 0);
            continue; // a zero adds nothing to the sum
          }
          count++;
          const base = (iy * width + ix) * channels;
          if (isMax) {
            for (let c = 0; c < channels; c++) if (x[base + c] > acc[c]) acc[c] = x[base + c];
          } else {
            for (let c = 0; c < channels; c++) acc[c] += x[base + c];
          }
        }
      }
      const outBase = (oy * outWidth + ox) * channels;
      for (let c = 0; c < channels; c++) out[outBase + c] = isMax ? acc[c] : acc[c] / count;
    }
  }
  return { output: { shape: [outHeight, outWidth, channels], data: out }, macs: 0 };
}

/** Max pooling: pool2d with kind 'maxPool'. */
export function maxPool(input: Tensor3, spec: Omit<PoolSpec, 'kind'>): LayerResult {
  return pool2d(input, { ...spec, kind: 'maxPool' });
}

/** Average pooling: pool2d with kind 'avgPool'. */
export function avgPool(input: Tensor3, spec: Omit<PoolSpec, 'kind'>): LayerResult {
  return pool2d(input, { ...spec, kind: 'avgPool' });
}
