/**
 * Where a sliding window (conv kernel or pooling window) lands on the input.
 *
 * The number of output positions comes from the shared shape rules
 * (src/core/output-shape.ts, `windowOutputSize`), so the loops and the
 * formulas cannot disagree about it. What the loops need in addition is how
 * many zero rows / columns lie in front of the input:
 *
 *   dilated kernel span   k' = (k − 1)·d + 1
 *   same:      total = max((out − 1)·s + k' − n, 0),  before = floor(total / 2)
 *              (TF puts the odd pixel after, at the bottom / right)
 *   valid:     before = 0
 *   explicit:  before = padding.top / padding.left
 *
 * Output position o then reads input rows o·s − before + j·d, j = 0..k−1;
 * rows outside 0..n−1 are zero padding.
 */
import type { PairTuple } from '../../core/defaults';
import type { Padding, Shape3 } from '../../core/spec';
import { windowOutputSize } from '../../core/output-shape';

/** Geometry of a 2-D window over a [H, W, ·] input. */
export interface Window2d {
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly dilationHeight: number;
  readonly dilationWidth: number;
  readonly outHeight: number;
  readonly outWidth: number;
  /** Zero rows in front of row 0. */
  readonly padTop: number;
  /** Zero columns in front of column 0. */
  readonly padLeft: number;
}

/** Zeros in front of the input along one axis (see the rules above). */
export function padBefore(inputLength: number, outputLength: number, kernel: number, stride: number, dilation: number, padding: Padding, axis: 0 | 1): number {
  if (padding === 'valid') return 0;
  if (padding === 'same') {
    const span = (kernel - 1) * dilation + 1;
    const total = Math.max((outputLength - 1) * stride + span - inputLength, 0);
    return Math.floor(total / 2);
  }
  return axis === 0 ? padding.top : padding.left;
}

/**
 * The window geometry of a layer with the given (normalized) kernel, strides,
 * dilation and padding on `input`. Throws ConvkitInputError (naming
 * `kernelField`) when the kernel does not fit the padded input.
 */
export function window2d(input: Shape3, kernel: PairTuple, strides: PairTuple, dilation: PairTuple, padding: Padding, kernelField = 'kernelSize'): Window2d {
  const [outHeight, outWidth] = windowOutputSize(input, kernel, strides, dilation, padding, kernelField);
  return {
    kernelHeight: kernel[0],
    kernelWidth: kernel[1],
    strideHeight: strides[0],
    strideWidth: strides[1],
    dilationHeight: dilation[0],
    dilationWidth: dilation[1],
    outHeight,
    outWidth,
    padTop: padBefore(input[0], outHeight, kernel[0], strides[0], dilation[0], padding, 0),
    padLeft: padBefore(input[1], outWidth, kernel[1], strides[1], dilation[1], padding, 1),
  };
}
