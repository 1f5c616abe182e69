/**
 * Conv2DBackpropFilter for the wasm backend: the gradient of a standard
 * convolution's loss w.r.t. its filter, which tfjs-backend-wasm 4.22 lacks
 * (so `model.fit` of any conv net fails on wasm without it).
 *
 * The math. Forward, NHWC, stride s, top/left padding pT/pL:
 *
 *   y[b,i,j,m]  = Σ_{p,q,c} x[b, s·i+p−pT, s·j+q−pL, c] · W[p,q,c,m]
 *
 * so each weight's gradient sums over every place that weight was used:
 *
 *   dW[p,q,c,m] = Σ_{b,i,j} x[b, s·i+p−pT, s·j+q−pL, c] · dy[b,i,j,m]
 *
 * Rename the axes and this is itself ONE convolution: let the input
 * channel c play the batch, (p,q) the output pixel, (i,j) the filter taps,
 * the forward batch b the input channel and m the output channel:
 *
 *   xT  = x  transposed to [C, H, W, B]
 *   dyT = dy transposed to [OH, OW, B, M]            (used as the filter)
 *   dW' = conv2d(xT, dyT, stride 1, dilation s, padding pT/pL on top/left)
 *       → [C, K, Kw, M],  transposed back to [K, Kw, C, M]
 *
 * The forward stride becomes the filter's dilation (tap (i,j) reads input
 * row s·i+p), and the bottom/right padding is whatever makes the output
 * exactly K × Kw (cropping x if the forward pass never read its last rows).
 * The convolution runs in XNNPACK like the forward pass and performs the
 * same number of multiply-adds, B·OH·OW·K·Kw·C·M; the only extra work is two
 * transposes (memory copies the size of x and dy).
 *
 * Measured here (bench/conv-latency.bench.ts): 2–3× the forward time, vs
 * ~40× for a composition from K·K slices (docs/design.md#tfjs-backends-and-gradient-kernels).
 */
import * as tf from '@tensorflow/tfjs';
import { filterGradientWindow, gradientGeometry, requireTensor4D, type ConvGradientAttrs } from './gradient-geometry';

const kernelName = 'Conv2DBackpropFilter';

interface Conv2DBackpropFilterAttrs extends ConvGradientAttrs {
  readonly filterShape: readonly [number, number, number, number];
}

/** dW for a standard convolution, as one stride-1 dilated convolution. */
export function conv2dBackpropFilter(x: tf.Tensor4D, dy: tf.Tensor4D, attrs: Conv2DBackpropFilterAttrs): tf.Tensor4D {
  const [filterHeight, filterWidth, inChannels, outChannels] = attrs.filterShape;
  const geometry = gradientGeometry(kernelName, x.shape, attrs.filterShape, dy.shape, attrs, false);
  const { strideHeight, strideWidth } = geometry;
  const [, height, width] = x.shape;
  return tf.tidy(() => {
    const xT = tf.transpose(x, [3, 1, 2, 0]); // [C, H, W, B]
    const dyT = tf.transpose(dy, [1, 2, 0, 3]); // [OH, OW, B, M]
    const { cropped, padding } = filterGradientWindow(xT, geometry, filterHeight, filterWidth, height, width);
    const gradient = tf.conv2d(cropped, dyT, 1, padding, 'NHWC', [strideHeight, strideWidth]); // [C, K, Kw, M]
    const dW = tf.transpose(gradient, [1, 2, 0, 3]);
    return tf.reshape(dW, [filterHeight, filterWidth, inChannels, outChannels]);
  });
}

/** The kernel as TF.js registers it: inputs {x, dy}, attrs as the op sends them. */
export const conv2dBackpropFilterConfig: tf.KernelConfig = {
  kernelName,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs }) =>
    conv2dBackpropFilter(
      requireTensor4D(kernelName, 'x', inputs.x),
      requireTensor4D(kernelName, 'dy', inputs.dy),
      attrs as unknown as Conv2DBackpropFilterAttrs,
    ),
};
