/**
 * Pointwise convolution: a 1×1 kernel with stride 1, i.e. the same dense
 * layer applied at every pixel. It mixes channels and nothing else — the
 * half of a depthwise separable convolution that depthwise leaves out
 * (MobileNet, Howard et al. 2017, §3.1).
 *
 *   y[i, j, m] = b[m] + Σ_c  x[i, j, c] · W[c, m]
 *
 * W is TF.js's conv kernel [1, 1, C, M], which in memory is simply [C, M].
 *
 * Cost: macs = H · W · C · M, 1/(K·K) of a standard K×K convolution. Counted
 * by the trip count of each run of the innermost loop.
 */
import { normalizePointwiseConv2d } from '../../core/defaults';
import type { PointwiseConv2dSpec } from '../../core/spec';
import { addBias } from './conv2d';
import { checkTensor, checkWeights, type Tensor3 } from '../../core/tensor';
import type { LayerResult } from './layer-result';

/** Trained values of a pointwise layer. */
export interface PointwiseConv2dWeights {
  /** [1, 1, C, M] (TF.js conv kernel layout), i.e. [C, M]. */
  readonly kernel: Float32Array;
  /** [M]; required when spec.useBias is true. */
  readonly bias?: Float32Array;
}

/** Runs `spec` on `input` with `weights`, counting multiply-adds. */
export function pointwiseConv2d(input: Tensor3, spec: PointwiseConv2dSpec, weights: PointwiseConv2dWeights): LayerResult {
  checkTensor('input', input);
  const [height, width, channels] = input.shape;
  const { filters, useBias } = normalizePointwiseConv2d(spec);
  const kernel = checkWeights('weights.kernel', weights?.kernel, channels * filters, `1·1·C·M = ${channels}·${filters}`);
  const bias = useBias ? checkWeights('weights.bias', weights?.bias, filters, `M = ${filters}`) : undefined;
  const { output, macs } = channelMix(input.data, height * width, channels, filters, kernel);
  if (bias) addBias(output, bias);
  return { output: { shape: [height, width, filters], data: output }, macs };
}

/**
 * out[p, m] = Σ_c in[p, c] · W[c, m] for every one of `pixels` positions: the
 * loop shared by pointwise convolution and dense layers. Returns the counted
 * multiply-adds (pixels · C · M).
 */
export function channelMix(
  values: Float32Array,
  pixels: number,
  channels: number,
  filters: number,
  kernel: Float32Array,
): { output: Float32Array; macs: number } {
  const out = new Float32Array(pixels * filters);
  let macs = 0;
  for (let p = 0; p < pixels; p++) {
    const inBase = p * channels;
    const outBase = p * filters;
    for (let c = 0; c < channels; c++) {
      const value = values[inBase + c];
      const wRow = c * filters;
      for (let m = 0; m < filters; m++) {
        out[outBase + m] += value * kernel[wRow + m];
      }
      macs += filters;
    }
  }
  return { output: out, macs };
}
