/**
 * Depthwise convolution (MobileNet, Howard et al. 2017, §3.1): each input
 * channel c gets its own K_h×K_w filters — depthMultiplier (d) of them — and
 * channels are never mixed.
 *
 *   y[oy, ox, c·d + q] = b[c·d + q] + Σ_ky Σ_kx  x[oy·s − pad + ky·dil, ox·s − pad + kx·dil, c] · W[ky, kx, c, q]
 *
 * The kernel W has TF.js's layout [K_h, K_w, C, d]; output channel c·d + q is
 * filter q of input channel c, so the output has C·d channels.
 *
 * Cost: one output value takes K_h·K_w multiply-adds (one channel, not C), so
 *   macs = H_out · W_out · K_h · K_w · C · d
 * — 1/M of a standard convolution with M = C·d outputs (MobileNet eq. 3 vs 2).
 * Counting follows conv2d.ts: by the loops' trip counts, taps on zero padding
 * included (counted, multiply skipped).
 */
import { layerOutputShape } from '../../core/output-shape';
import { normalizeDepthwiseConv2d } from '../../core/defaults';
import type { DepthwiseConv2dSpec } from '../../core/spec';
import { addBias } from './conv2d';
import { checkTensor, checkWeights, type Tensor3 } from '../../core/tensor';
import type { LayerResult } from './layer-result';
import { window2d } from './window';

/** Trained values of a depthwise layer. */
export interface DepthwiseConv2dWeights {
  /** [K_h, K_w, C, depthMultiplier], TF.js's depthwise kernel layout. */
  readonly kernel: Float32Array;
  /** [C · depthMultiplier]; required when spec.useBias is true. */
  readonly bias?: Float32Array;
}

/** Runs `spec` on `input` with `weights`, counting multiply-adds. */
export function depthwiseConv2d(input: Tensor3, spec: DepthwiseConv2dSpec, weights: DepthwiseConv2dWeights): LayerResult {
  checkTensor('input', input);
  const [height, width, channels] = input.shape;
  const layer = normalizeDepthwiseConv2d(spec); // defaults: strides 1, 'same', dilation 1, d = 1, no bias
  layerOutputShape(layer, [input.shape]);
  const { depthMultiplier } = layer;
  const win = window2d(input.shape, layer.kernelSize, layer.strides, layer.dilation, layer.padding);

  const outChannels = channels * depthMultiplier;
  const kernel = checkWeights(
    'weights.kernel',
    weights?.kernel,
    win.kernelHeight * win.kernelWidth * outChannels,
    `K_h·K_w·C·depthMultiplier = ${win.kernelHeight}·${win.kernelWidth}·${channels}·${depthMultiplier}`,
  );
  const bias = layer.useBias ? checkWeights('weights.bias', weights?.bias, outChannels, `C·depthMultiplier = ${outChannels}`) : undefined;

  const { outHeight, outWidth } = win;
  const out = new Float32Array(outHeight * outWidth * outChannels);
  const x = input.data;
  let macs = 0;

  for (let oy = 0; oy < outHeight; oy++) {
    const rowCorner = oy * win.strideHeight - win.padTop;
    for (let ox = 0; ox < outWidth; ox++) {
      const colCorner = ox * win.strideWidth - win.padLeft;
      const outBase = (oy * outWidth + ox) * outChannels;
      for (let ky = 0; ky < win.kernelHeight; ky++) {
        const iy = rowCorner + ky * win.dilationHeight;
        for (let kx = 0; kx < win.kernelWidth; kx++) {
          const ix = colCorner + kx * win.dilationWidth;
          if (iy < 0 || iy >= height || ix < 0 || ix >= width) {
            macs += outChannels; // C·d multiplies by a padded zero: counted, skipped
            continue;
          }
          const inBase = (iy * width + ix) * channels;
          const tapBase = (ky * win.kernelWidth + kx) * outChannels;
          if (depthMultiplier === 1) {
            // The common case (every MobileNet): filter c reads channel c only.
            for (let c = 0; c < channels; c++) {
              out[outBase + c] += x[inBase + c] * kernel[tapBase + c];
            }
            macs += channels;
          } else {
            for (let c = 0; c < channels; c++) {
              const value = x[inBase + c];
              const first = c * depthMultiplier; // output channel of filter q = 0
              for (let q = 0; q < depthMultiplier; q++) {
                out[outBase + first + q] += value * kernel[tapBase + first + q];
              }
              macs += depthMultiplier;
            }
          }
        }
      }
    }
  }

  if (bias) addBias(out, bias);
  return { output: { shape: [outHeight, outWidth, outChannels], data: out }, macs };
}
