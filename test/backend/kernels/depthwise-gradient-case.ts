/**
 * Test helper shared by the two depthwise gradient-kernel tests: a random
 * depthwise convolution small enough to check exhaustively, and its gradient
 * with respect to the filter or the input, computed through tf.grad.
 */
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { seededValues } from './compare-backends';

export const depthwiseCase = fc.record({
  batch: fc.integer({ min: 1, max: 2 }),
  height: fc.integer({ min: 3, max: 9 }),
  width: fc.integer({ min: 3, max: 9 }),
  channels: fc.integer({ min: 1, max: 5 }),
  depthMultiplier: fc.integer({ min: 1, max: 2 }),
  kernelHeight: fc.integer({ min: 1, max: 3 }),
  kernelWidth: fc.integer({ min: 1, max: 3 }),
  stride: fc.constantFrom(1, 2),
  padding: fc.constantFrom('same' as const, 'valid' as const),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});
export type DepthwiseCase = typeof depthwiseCase extends fc.Arbitrary<infer T> ? T : never;

/**
 * dL/dW ('filter') or dL/dx ('input') for L = Σ depthwiseConv2d(x, W) ⊙ R,
 * with R random so dy is not all ones.
 */
export function depthwiseGradient(c: DepthwiseCase, withRespectTo: 'filter' | 'input'): tf.Tensor[] {
  const xShape: [number, number, number, number] = [c.batch, c.height, c.width, c.channels];
  const wShape: [number, number, number, number] = [c.kernelHeight, c.kernelWidth, c.channels, c.depthMultiplier];
  const x = tf.tensor4d(seededValues(tf.util.sizeFromShape(xShape), c.seed), xShape);
  const w = tf.tensor4d(seededValues(tf.util.sizeFromShape(wShape), c.seed + 1), wShape);
  const yShape = tf.depthwiseConv2d(x, w, c.stride, c.padding).shape;
  const r = tf.tensor4d(seededValues(tf.util.sizeFromShape(yShape), c.seed + 2), yShape);
  if (withRespectTo === 'filter') {
    const loss = (filter: tf.Tensor) => tf.sum(tf.mul(tf.depthwiseConv2d(x, filter as tf.Tensor4D, c.stride, c.padding), r)) as tf.Scalar;
    return [tf.grad(loss)(w)];
  }
  const loss = (input: tf.Tensor) => tf.sum(tf.mul(tf.depthwiseConv2d(input as tf.Tensor4D, w, c.stride, c.padding), r)) as tf.Scalar;
  return [tf.grad(loss)(x)];
}
