/**
 * Standard 2-D convolution, written as the loops of its definition.
 *
 *   y[oy, ox, m] = b[m] + Σ_ky Σ_kx Σ_c  x[oy·s − pad + ky·d, ox·s − pad + kx·d, g·C_g + c] · W[ky, kx, c, m]
 *
 * with K_h×K_w kernel taps, C_g = C / groups input channels per group and
 * g = floor(m / M_g) the group of output channel m (M_g = M / groups). The
 * kernel W has TF.js's layout [K_h, K_w, C / groups, M].
 *
 * Cost (docs/design.md#macs-and-flops): every output value needs K_h·K_w·C_g multiply-adds, so
 *   macs = H_out · W_out · K_h · K_w · C_g · M     ( = H·W·K·K·C·M for stride 1, same, groups 1)
 *
 * Counting. `macs` is incremented as the loops run, by the trip count of each
 * run of the innermost loop. Taps that fall on zero padding are counted as
 * well: the formula, TF/Keras's profilers and the papers count every tap, and a
 * multiply by a padded zero is still work the formula describes. The loop
 * skips those multiplies (they add nothing) and adds their number to the
 * count at the same place, so the count stays tied to execution.
 */
import { layerOutputShape } from '../../core/output-shape';
import { normalizeConv2d } from '../../core/defaults';
import type { Conv2dSpec } from '../../core/spec';
import { checkTensor, checkWeights, type Tensor3 } from '../../core/tensor';
import type { LayerResult } from './layer-result';
import { window2d } from './window';

/** Trained values of a conv2d layer. */
export interface Conv2dWeights {
  /** [K_h, K_w, C / groups, M], TF.js's conv kernel layout. */
  readonly kernel: Float32Array;
  /** [M]; required when spec.useBias is true, ignored otherwise. */
  readonly bias?: Float32Array;
}

/** Runs `spec` on `input` with `weights`, counting multiply-adds. */
export function conv2d(input: Tensor3, spec: Conv2dSpec, weights: Conv2dWeights): LayerResult {
  checkTensor('input', input);
  const [height, width, channels] = input.shape;
  const layer = normalizeConv2d(spec); // defaults: strides 1, 'same', dilation 1, groups 1, no bias
  layerOutputShape(layer, [input.shape]); // the cost model's checks (groups divide C, kernel fits)
  const { filters, groups } = layer;
  const win = window2d(input.shape, layer.kernelSize, layer.strides, layer.dilation, layer.padding);

  const channelsPerGroup = channels / groups; // C_g
  const filtersPerGroup = filters / groups; // M_g
  const kernel = checkWeights(
    'weights.kernel',
    weights?.kernel,
    win.kernelHeight * win.kernelWidth * channelsPerGroup * filters,
    `K_h·K_w·(C/groups)·M = ${win.kernelHeight}·${win.kernelWidth}·${channelsPerGroup}·${filters}`,
  );
  const bias = layer.useBias ? checkWeights('weights.bias', weights?.bias, filters, `M = ${filters}`) : undefined;

  const { outHeight, outWidth } = win;
  const out = new Float32Array(outHeight * outWidth * filters);
  const x = input.data;
  const valuesPerTap = channelsPerGroup * filters; // C_g·M kernel values at each tap (ky, kx)
  let macs = 0;

  for (let oy = 0; oy < outHeight; oy++) {
    const rowCorner = oy * win.strideHeight - win.padTop;
    for (let ox = 0; ox < outWidth; ox++) {
      const colCorner = ox * win.strideWidth - win.padLeft;
      const outBase = (oy * outWidth + ox) * filters;
      for (let ky = 0; ky < win.kernelHeight; ky++) {
        const iy = rowCorner + ky * win.dilationHeight;
        for (let kx = 0; kx < win.kernelWidth; kx++) {
          const ix = colCorner + kx * win.dilationWidth;
          if (iy < 0 || iy >= height || ix < 0 || ix >= width) {
            macs += valuesPerTap; // C_g·M multiplies by a padded zero: counted, skipped
            continue;
          }
          const inBase = (iy * width + ix) * channels;
          const tapBase = (ky * win.kernelWidth + kx) * valuesPerTap;
          for (let g = 0; g < groups; g++) {
            const groupOut = outBase + g * filtersPerGroup;
            const groupIn = inBase + g * channelsPerGroup;
            for (let c = 0; c < channelsPerGroup; c++) {
              const value = x[groupIn + c];
              const wRow = tapBase + c * filters + g * filtersPerGroup;
              for (let m = 0; m < filtersPerGroup; m++) {
                out[groupOut + m] += value * kernel[wRow + m];
              }
              macs += filtersPerGroup;
            }
          }
        }
      }
    }
  }

  if (bias) addBias(out, bias);
  return { output: { shape: [outHeight, outWidth, filters], data: out }, macs };
}

/** Adds b[m] to every pixel's channel m (bias adds are not multiply-adds and are not counted). */
export function addBias(values: Float32Array, bias: Float32Array): void {
  const channels = bias.length;
  for (let base = 0; base < values.length; base += channels) {
    for (let m = 0; m < channels; m++) values[base + m] += bias[m];
  }
}
