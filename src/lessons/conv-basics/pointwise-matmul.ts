/**
 * A pointwise (1×1) convolution is one matrix product (lesson 03):
 *
 *   X: [H·W, C]  (one row per pixel, one column per channel)
 *   W: [C, M]    (the 1×1 kernel [1, 1, C, M] with its two unit axes dropped)
 *   Y = X·W: [H·W, M]  → reshaped back to [H, W, M]
 *
 * Both are computed with TF.js here — tf.conv2d with a 1×1 kernel and
 * tf.matMul on the reshaped tensors — so the lesson can show they agree.
 * The MACs are the same too: a [H·W, C]·[C, M] product takes H·W·C·M.
 */
import * as tf from '@tensorflow/tfjs';
import { ConvkitInputError } from '../../core/errors';
import { checkTensor, type Tensor3 } from '../../core/tensor';
import { maxAbsDifference } from './feature-maps';

export interface PointwiseAsMatMul {
  /** Shape of X: [H·W, C]. */
  readonly matrixShape: readonly [number, number];
  /** Shape of W: [C, M]. */
  readonly weightShape: readonly [number, number];
  readonly conv: Tensor3;
  readonly matMul: Tensor3;
  /** Largest |conv − matMul|. */
  readonly maxAbsDifference: number;
  /** Multiply-adds of the product: rows · C · M. */
  readonly macs: number;
}

/** Runs a 1×1 conv and the equivalent matMul on the same input and kernel ([C, M] values). */
export function pointwiseAsMatMul(input: Tensor3, kernel: Float32Array, filters: number): PointwiseAsMatMul {
  checkTensor('input', input);
  const [H, W, C] = input.shape;
  if (!Number.isInteger(filters) || filters < 1) throw new ConvkitInputError('filters', filters, 'must be a positive integer');
  if (!(kernel instanceof Float32Array) || kernel.length !== C * filters) {
    throw new ConvkitInputError('kernel.length', kernel?.length, `must be C·M = ${C}·${filters} = ${C * filters}`);
  }
  const [convData, matData] = tf.tidy(() => {
    const x = tf.tensor4d(input.data, [1, H, W, C]);
    const conv = tf.conv2d(x, tf.tensor4d(kernel, [1, 1, C, filters]), 1, 'valid');
    const product = tf.matMul(tf.reshape(x, [H * W, C]), tf.tensor2d(kernel, [C, filters]));
    return [conv.dataSync() as Float32Array, tf.reshape(product, [H, W, filters]).dataSync() as Float32Array];
  });
  const shape: Shape = [H, W, filters];
  return {
    matrixShape: [H * W, C],
    weightShape: [C, filters],
    conv: { shape, data: Float32Array.from(convData) },
    matMul: { shape, data: Float32Array.from(matData) },
    maxAbsDifference: maxAbsDifference(convData, matData),
    macs: H * W * C * filters,
  };
}

type Shape = [number, number, number];
