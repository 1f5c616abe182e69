/**
 * Shared geometry for convkit's convolution-gradient kernels on the wasm
 * backend: checking the kernel attributes we support, finding the padding the
 * forward pass used, and the two reshaping tricks every gradient here needs
 * (pad-or-crop, and spreading a gradient out by the stride).
 *
 * Notation used in all four kernel files (NHWC, as TF.js):
 *   x  [B, H, W, C]      input of the forward convolution
 *   W  [K, Kw, C, M]     filter (depthwise: [K, Kw, C, depthMultiplier])
 *   dy [B, OH, OW, M]    gradient of the loss w.r.t. the forward output y
 *   s                    stride, pT / pL the top / left zero padding
 * The forward pass reads input row  s·i + p − pT  for output row i and filter
 * row p, so the last row it can touch is  s·(OH − 1) + K − 1 − pT.
 */
import * as tf from '@tensorflow/tfjs';
import { ConvkitInputError } from '../../core/errors';

/** Padding as TF.js kernels receive it (a mode, one number, or NHWC pairs). */
export type KernelPadding = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;

/** What a gradient kernel needs to know about its forward convolution. */
export interface GradientGeometry {
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly padTop: number;
  readonly padLeft: number;
  /** Output rows/columns of the forward pass (the spatial size of dy). */
  readonly outHeight: number;
  readonly outWidth: number;
}

/** The attributes the four kernels share (names as TF.js gives them). */
export interface ConvGradientAttrs {
  readonly strides: number | readonly [number, number];
  readonly pad: KernelPadding;
  readonly dataFormat?: string;
  readonly dilations?: number | readonly [number, number];
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * Checks the attributes this kernel family supports and works out the
 * forward padding. Supported: NHWC, dilation 1, any integer stride >= 1,
 * 'same' / 'valid' / explicit padding. Anything else is a ConvkitInputError
 * that names the kernel and the attribute, so a learner who asks for, say, a
 * dilated depthwise gradient on wasm sees exactly what is missing.
 */
export function gradientGeometry(
  kernelName: string,
  inputShape: readonly number[],
  filterShape: readonly number[],
  dyShape: readonly number[],
  attrs: ConvGradientAttrs,
  depthwise: boolean,
): GradientGeometry {
  if (attrs.dataFormat !== undefined && attrs.dataFormat !== 'NHWC' && attrs.dataFormat !== 'channelsLast') {
    throw new ConvkitInputError(`${kernelName}.dataFormat`, attrs.dataFormat, 'must be "NHWC": the wasm backend (and convkit) keeps tensors channels-last');
  }
  const dilations = attrs.dilations ?? 1;
  const [dilationHeight, dilationWidth] = typeof dilations === 'number' ? [dilations, dilations] : dilations;
  if (dilationHeight !== 1 || dilationWidth !== 1) {
    throw new ConvkitInputError(
      `${kernelName}.dilations`,
      dilations,
      "must be 1: convkit's wasm gradient kernels handle undilated convolutions only (as do TF.js's own gradient functions)",
    );
  }
  const [strideHeight, strideWidth] = typeof attrs.strides === 'number' ? [attrs.strides, attrs.strides] : attrs.strides;
  for (const [axis, stride] of [
    ['strides[0]', strideHeight],
    ['strides[1]', strideWidth],
  ] as const) {
    if (!Number.isInteger(stride) || stride < 1) {
      throw new ConvkitInputError(`${kernelName}.${axis}`, stride, 'must be an integer >= 1');
    }
  }
  if (inputShape.length !== 4 || filterShape.length !== 4 || dyShape.length !== 4) {
    throw new ConvkitInputError(
      `${kernelName} shapes`,
      { input: inputShape, filter: filterShape, dy: dyShape },
      'input, filter and dy must all be rank 4 (NHWC input and dy, [K, K, C, M] filter)',
    );
  }
  const info = tf.backend_util.computeConv2DInfo(
    inputShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    [strideHeight, strideWidth],
    1,
    attrs.pad as 'valid' | 'same' | number | tf.backend_util.ExplicitPadding,
    attrs.dimRoundingMode,
    depthwise,
  );
  const expectedDy = [info.batchSize, info.outHeight, info.outWidth, info.outChannels];
  if (expectedDy.some((size, axis) => size !== dyShape[axis])) {
    throw new ConvkitInputError(
      `${kernelName}.dy.shape`,
      dyShape,
      `must be [${expectedDy.join(', ')}], the forward output shape for this input, filter, stride and padding`,
    );
  }
  return {
    strideHeight,
    strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
  };
}

/**
 * Adds zero rows/columns where an amount is positive and cuts rows/columns
 * off where it is negative, so a gradient can ask for "exactly this window"
 * even when the forward pass never read the last rows of x (valid padding
 * with a stride that does not divide the size). Returns the cropped tensor
 * and the non-negative explicit padding to hand to the convolution, which
 * zero-pads for free instead of materialising a padded copy.
 */
export function cropForWindow(
  x: tf.Tensor4D,
  top: number,
  bottom: number,
  left: number,
  right: number,
): { cropped: tf.Tensor4D; padding: tf.backend_util.ExplicitPadding } {
  const [batch, height, width, channels] = x.shape;
  const cutTop = Math.max(0, -top);
  const cutBottom = Math.max(0, -bottom);
  const cutLeft = Math.max(0, -left);
  const cutRight = Math.max(0, -right);
  const cropped =
    cutTop + cutBottom + cutLeft + cutRight === 0
      ? x
      : tf.slice(x, [0, cutTop, cutLeft, 0], [batch, height - cutTop - cutBottom, width - cutLeft - cutRight, channels]);
  const padding: tf.backend_util.ExplicitPadding = [
    [0, 0],
    [Math.max(0, top), Math.max(0, bottom)],
    [Math.max(0, left), Math.max(0, right)],
    [0, 0],
  ];
  return { cropped, padding };
}

/**
 * The window a filter gradient reads from the (transposed) input: dy, used
 * as a filter dilated by the stride, starts pT rows above x and must yield
 * exactly K × Kw outputs, so the bottom/right side is padded (or x cropped,
 * when the forward pass never read its last rows) by the amount below.
 */
export function filterGradientWindow(
  xT: tf.Tensor4D,
  geometry: GradientGeometry,
  filterHeight: number,
  filterWidth: number,
  height: number,
  width: number,
): { cropped: tf.Tensor4D; padding: tf.backend_util.ExplicitPadding } {
  const { strideHeight, strideWidth, padTop, padLeft, outHeight, outWidth } = geometry;
  const extraBottom = strideHeight * (outHeight - 1) + filterHeight - padTop - height;
  const extraRight = strideWidth * (outWidth - 1) + filterWidth - padLeft - width;
  return cropForWindow(xT, padTop, extraBottom, padLeft, extraRight);
}

/**
 * The window an input gradient reads from the spread-out dy: a "full"
 * convolution with the flipped filter pads K − 1 − pT on top (Kw − 1 − pL on
 * the left), and the bottom/right side is whatever makes the output exactly
 * H × W (negative: crop dy rows that only the padding produced).
 */
export function inputGradientWindow(
  spread: tf.Tensor4D,
  geometry: GradientGeometry,
  filterHeight: number,
  filterWidth: number,
  height: number,
  width: number,
): { cropped: tf.Tensor4D; padding: tf.backend_util.ExplicitPadding } {
  const { strideHeight, strideWidth, padTop, padLeft, outHeight, outWidth } = geometry;
  const top = filterHeight - 1 - padTop;
  const left = filterWidth - 1 - padLeft;
  const bottom = height + filterHeight - 1 - top - outHeight * strideHeight;
  const right = width + filterWidth - 1 - left - outWidth * strideWidth;
  return cropForWindow(spread, top, bottom, left, right);
}

/**
 * Spreads dy out by the stride: each gradient value is followed by
 * (stride − 1) zeros along height and width, giving [B, OH·sh, OW·sw, M].
 * A strided convolution skips input positions; its gradient w.r.t. the
 * input is a stride-1 convolution over this spread-out dy. Done with one
 * reshape → pad → reshape, i.e. a single copy, no scatter.
 */
export function spreadByStride(dy: tf.Tensor4D, strideHeight: number, strideWidth: number): tf.Tensor4D {
  if (strideHeight === 1 && strideWidth === 1) return dy;
  const [batch, outHeight, outWidth, channels] = dy.shape;
  const cells = tf.reshape(dy, [batch, outHeight, 1, outWidth, 1, channels]);
  const spread = tf.pad(cells, [
    [0, 0],
    [0, 0],
    [0, strideHeight - 1],
    [0, 0],
    [0, strideWidth - 1],
    [0, 0],
  ]);
  return tf.reshape(spread, [batch, outHeight * strideHeight, outWidth * strideWidth, channels]);
}

/** The kernel inputs are the engine's Tensors; this names any that is not. */
export function requireTensor4D(kernelName: string, field: string, info: tf.TensorInfo | undefined): tf.Tensor4D {
  if (!(info instanceof tf.Tensor) || info.rank !== 4) {
    throw new ConvkitInputError(`${kernelName}.${field}`, info?.shape, 'must be a rank-4 tf.Tensor (NHWC)');
  }
  if (info.dtype !== 'float32') {
    throw new ConvkitInputError(`${kernelName}.${field}.dtype`, info.dtype, 'must be "float32"');
  }
  return info as tf.Tensor4D;
}
