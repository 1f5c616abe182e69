/**
 * DepthwiseConv2dNativeBackpropInput for the wasm backend: the gradient of a
 * depthwise convolution's loss w.r.t. its input, which tfjs-backend-wasm 4.22
 * lacks.
 *
 * The math. Forward (NHWC, stride s, padding pT/pL, depth multiplier D;
 * output channel c·D+d comes from input channel c and filter W[·,·,c,d]):
 *
 *   y[b,i,j,c·D+d] = Σ_{p,q} x[b, s·i+p−pT, s·j+q−pL, c] · W[p,q,c,d]
 *   dx[b,h,w,c]    = Σ_d Σ_{(i,p): s·i+p−pT=h} Σ_{(j,q): s·j+q−pL=w} dy[b,i,j,c·D+d] · W[p,q,c,d]
 *
 * Every channel stays on its own, so this is a depthwise convolution too:
 * spread dy by the stride (zeros between the values), flip W in both spatial
 * axes and view it as C·D channels with multiplier 1, then
 *
 *   g  = depthwiseConv2d(dyS, flip(W) as [K, Kw, C·D, 1], stride 1,
 *                        padding K−1−pT on top, Kw−1−pL on the left)   → [B, H, W, C·D]
 *   dx = g viewed as [B, H, W, C, D], summed over D                    → [B, H, W, C]
 *
 * One XNNPACK depthwise convolution, plus a sum when D > 1. At stride 2
 * three quarters of dyS are zeros. Splitting the work by output phase (one
 * sub-filter W[r::s] per phase, no zeros multiplied) was tried and measured
 * slower on wasm: interleaving the phases back needs a 6-D transpose that
 * costs more than the multiplications it saves (depthwise convolution is
 * memory-bound, ~4 GFLOP/s here against ~28 for a GEMM).
 */
import * as tf from '@tensorflow/tfjs';
import { gradientGeometry, inputGradientWindow, requireTensor4D, spreadByStride, type ConvGradientAttrs } from './gradient-geometry';

const kernelName = 'DepthwiseConv2dNativeBackpropInput';

interface DepthwiseConv2dNativeBackpropInputAttrs extends ConvGradientAttrs {
  readonly inputShape: readonly [number, number, number, number];
}

/** dx for a depthwise convolution, as one depthwise convolution of the spread-out dy. */
export function depthwiseConv2dBackpropInput(dy: tf.Tensor4D, filter: tf.Tensor4D, attrs: DepthwiseConv2dNativeBackpropInputAttrs): tf.Tensor4D {
  const geometry = gradientGeometry(kernelName, attrs.inputShape, filter.shape, dy.shape, attrs, true);
  const { strideHeight, strideWidth } = geometry;
  const [filterHeight, filterWidth, inChannels, depthMultiplier] = filter.shape;
  const [batch, height, width] = attrs.inputShape;
  return tf.tidy(() => {
    const flipped = tf.reshape(tf.reverse(filter, [0, 1]), [filterHeight, filterWidth, inChannels * depthMultiplier, 1]);
    const spread = spreadByStride(dy, strideHeight, strideWidth); // [B, OH·sh, OW·sw, C·D]
    const { cropped, padding } = inputGradientWindow(spread, geometry, filterHeight, filterWidth, height, width);
    const perOutputChannel = tf.depthwiseConv2d(cropped, flipped as tf.Tensor4D, 1, padding); // [B, H, W, C·D]
    if (depthMultiplier === 1) return perOutputChannel;
    const grouped = tf.reshape(perOutputChannel, [batch, height, width, inChannels, depthMultiplier]);
    return tf.sum(grouped, 4) as tf.Tensor4D;
  });
}

/** The kernel as TF.js registers it: inputs {dy, filter}, attrs as the op sends them. */
export const depthwiseConv2dBackpropInputConfig: tf.KernelConfig = {
  kernelName,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs }) =>
    depthwiseConv2dBackpropInput(
      requireTensor4D(kernelName, 'dy', inputs.dy),
      requireTensor4D(kernelName, 'filter', inputs.filter),
      attrs as unknown as DepthwiseConv2dNativeBackpropInputAttrs,
    ),
};
