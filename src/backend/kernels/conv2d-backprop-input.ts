/**
 * Conv2DBackpropInput for the wasm backend: the gradient of a standard
 * convolution's loss w.r.t. its input (also what tf.conv2dTranspose runs).
 *
 * tfjs-backend-wasm 4.22 has this kernel, but as plain nested loops outside
 * XNNPACK: measured ~10× slower than the forward convolution, so in a
 * training step it would cost more than everything else together. convkit
 * replaces it with one XNNPACK convolution.
 *
 * The math. Forward (NHWC, stride s, top/left padding pT/pL):
 *
 *   y[b,i,j,m]  = Σ_{p,q,c} x[b, s·i+p−pT, s·j+q−pL, c] · W[p,q,c,m]
 *   dx[b,h,w,c] = Σ_{(i,p): s·i+p−pT=h} Σ_{(j,q): s·j+q−pL=w} Σ_m dy[b,i,j,m] · W[p,q,c,m]
 *
 * Spread dy by the stride (dyS[b, s·i, s·j, m] = dy[b,i,j,m], zeros between),
 * flip the filter in both spatial axes and swap its channel axes
 * (Wf[p,q,m,c] = W[K−1−p, Kw−1−q, c, m]); then
 *
 *   dx = conv2d(dyS, Wf, stride 1, padding K−1−pT on top, Kw−1−pL on the left)
 *
 * with the bottom/right padding chosen so the output is exactly H × W.
 * At stride 1 this is the same work as the forward pass. At stride 2,
 * three quarters of dyS are zeros that XNNPACK still multiplies. Splitting
 * the work by output phase instead (sub-filter W[r::s] per phase r, all
 * phases in one convolution, then a transpose to interleave them) avoids
 * that, but measured no faster here (~3.5× the forward time either way:
 * the interleaving transpose and the zero-padded sub-filters eat the
 * saving), so the simpler single convolution stays.
 */
import * as tf from '@tensorflow/tfjs';
import { gradientGeometry, inputGradientWindow, requireTensor4D, spreadByStride, type ConvGradientAttrs } from './gradient-geometry';

const kernelName = 'Conv2DBackpropInput';

interface Conv2DBackpropInputAttrs extends ConvGradientAttrs {
  readonly inputShape: readonly [number, number, number, number];
}

/** dx for a standard convolution, as one stride-1 convolution of the spread-out dy. */
export function conv2dBackpropInput(dy: tf.Tensor4D, filter: tf.Tensor4D, attrs: Conv2DBackpropInputAttrs): tf.Tensor4D {
  const geometry = gradientGeometry(kernelName, attrs.inputShape, filter.shape, dy.shape, attrs, false);
  const { strideHeight, strideWidth } = geometry;
  const [filterHeight, filterWidth] = filter.shape;
  const [, height, width] = attrs.inputShape;
  return tf.tidy(() => {
    const flipped = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]); // [K, Kw, M, C]
    const spread = spreadByStride(dy, strideHeight, strideWidth); // [B, OH·sh, OW·sw, M]
    const { cropped, padding } = inputGradientWindow(spread, geometry, filterHeight, filterWidth, height, width);
    return tf.conv2d(cropped, flipped as tf.Tensor4D, 1, padding);
  });
}

/** The kernel as TF.js registers it: inputs {dy, filter}, attrs as the op sends them. */
export const conv2dBackpropInputConfig: tf.KernelConfig = {
  kernelName,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs }) =>
    conv2dBackpropInput(
      requireTensor4D(kernelName, 'dy', inputs.dy),
      requireTensor4D(kernelName, 'filter', inputs.filter),
      attrs as unknown as Conv2DBackpropInputAttrs,
    ),
};
