/**
 * DepthwiseConv2dNativeBackpropFilter for the wasm backend: the gradient of a
 * depthwise convolution's loss w.r.t. its filter, which tfjs-backend-wasm
 * 4.22 lacks.
 *
 * The math. Forward (NHWC, stride s, padding pT/pL, depth multiplier D):
 *
 *   y[b,i,j,c·D+d] = Σ_{p,q} x[b, s·i+p−pT, s·j+q−pL, c] · W[p,q,c,d]
 *   dW[p,q,c,d]    = Σ_{b,i,j} x[b, s·i+p−pT, s·j+q−pL, c] · dy[b,i,j,c·D+d]
 *
 * Per channel this is a correlation of x with dy, so it is ONE depthwise
 * convolution once the batch is folded into the channels (a depthwise
 * convolution cannot sum over its batch, but it keeps every channel apart):
 *
 *   xT  = x  as [1, H, W, B·C]        (channel b·C+c)
 *   dyT = dy as [OH, OW, B·C, D]      (used as the filter; multiplier D)
 *   g   = depthwiseConv2d(xT, dyT, stride 1, dilation s, padding pT/pL)  → [1, K, Kw, B·C·D]
 *   dW  = g viewed as [K, Kw, B, C·D], summed over B                     → [K, Kw, C, D]
 *
 * The forward stride becomes the dilation of the dy "filter", as for the
 * standard convolution (conv2d-backprop-filter.ts). Multiply-adds equal the
 * forward pass's, B·OH·OW·K·Kw·C·D, plus the sum over the batch.
 */
import * as tf from '@tensorflow/tfjs';
import { filterGradientWindow, gradientGeometry, requireTensor4D, type ConvGradientAttrs } from './gradient-geometry';

const kernelName = 'DepthwiseConv2dNativeBackpropFilter';

interface DepthwiseConv2dNativeBackpropFilterAttrs extends ConvGradientAttrs {
  readonly filterShape: readonly [number, number, number, number];
}

/** dW for a depthwise convolution, as one dilated depthwise convolution. */
export function depthwiseConv2dBackpropFilter(x: tf.Tensor4D, dy: tf.Tensor4D, attrs: DepthwiseConv2dNativeBackpropFilterAttrs): tf.Tensor4D {
  const [filterHeight, filterWidth, inChannels, depthMultiplier] = attrs.filterShape;
  const geometry = gradientGeometry(kernelName, x.shape, attrs.filterShape, dy.shape, attrs, true);
  const { strideHeight, strideWidth, outHeight, outWidth } = geometry;
  const [batch, height, width] = x.shape;
  return tf.tidy(() => {
    const xT = tf.reshape(tf.transpose(x, [1, 2, 0, 3]), [1, height, width, batch * inChannels]);
    const dyT = tf.reshape(tf.transpose(dy, [1, 2, 0, 3]), [outHeight, outWidth, batch * inChannels, depthMultiplier]);
    const { cropped, padding } = filterGradientWindow(xT as tf.Tensor4D, geometry, filterHeight, filterWidth, height, width);
    const perImage = tf.depthwiseConv2d(cropped, dyT as tf.Tensor4D, 1, padding, 'NHWC', [strideHeight, strideWidth]);
    const summed = batch === 1 ? perImage : tf.sum(tf.reshape(perImage, [filterHeight, filterWidth, batch, inChannels * depthMultiplier]), 2);
    return tf.reshape(summed, [filterHeight, filterWidth, inChannels, depthMultiplier]);
  });
}

/** The kernel as TF.js registers it: inputs {x, dy}, attrs as the op sends them. */
export const depthwiseConv2dBackpropFilterConfig: tf.KernelConfig = {
  kernelName,
  backendName: 'wasm',
  kernelFunc: ({ inputs, attrs }) =>
    depthwiseConv2dBackpropFilter(
      requireTensor4D(kernelName, 'x', inputs.x),
      requireTensor4D(kernelName, 'dy', inputs.dy),
      attrs as unknown as DepthwiseConv2dNativeBackpropFilterAttrs,
    ),
};
