/**
 * Shared by the reference-layer tests: TF.js on its pure-JS 'cpu' backend
 * (the independent implementation we compare against), tensor conversion,
 * a tolerance check and fast-check generators for small layer shapes.
 */
import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Padding, Shape3 } from '../../../src/core/spec';
import type { Tensor3 } from '../../../src/core/tensor';

let ready: Promise<void> | undefined;

/** Switches TF.js to the 'cpu' backend in production mode, once. */
export function useCpuBackend(): Promise<void> {
  ready ??= (async () => {
    tf.enableProdMode();
    await tf.setBackend('cpu');
    await tf.ready();
  })();
  return ready;
}

/** A reference tensor as a [1, H, W, C] tf tensor (NHWC: same memory order). */
export function toTf(tensor: Tensor3): tf.Tensor4D {
  return tf.tensor4d(tensor.data, [1, ...tensor.shape]);
}

/**
 * Checks that `actual` (reference) matches the TF.js result `expected` in
 * shape, and in values within `relative` of the output's largest magnitude:
 * max |a − e| <= relative · max(|e|, 1e-6). Sums of products can cancel to
 * near zero, where an element-by-element relative test would be meaningless.
 */
export function assertMatchesTf(actual: Tensor3, expected: tf.Tensor, relative = 1e-4): void {
  const expectedShape = expected.shape.length === 4 ? expected.shape.slice(1) : expected.shape;
  assert.deepEqual([...actual.shape], expectedShape, 'output shape');
  const values = expected.dataSync();
  assert.equal(actual.data.length, values.length, 'element count');
  let scale = 1e-6;
  for (let i = 0; i < values.length; i++) scale = Math.max(scale, Math.abs(values[i]));
  let worst = 0;
  let worstAt = -1;
  for (let i = 0; i < values.length; i++) {
    const difference = Math.abs(actual.data[i] - values[i]);
    if (!(difference <= worst)) {
      worst = difference;
      worstAt = i;
    }
  }
  assert.ok(
    worst <= relative * scale,
    `element ${worstAt}: reference ${actual.data[worstAt]} vs tf ${values[worstAt]} (|diff| ${worst} > ${relative} × ${scale})`,
  );
}

/** TF.js's padding argument for one of our Padding values. */
export function tfPadding(padding: Padding): 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]] {
  if (padding === 'same' || padding === 'valid') return padding;
  return [
    [0, 0],
    [padding.top, padding.bottom],
    [padding.left, padding.right],
    [0, 0],
  ];
}

/** 'same', 'valid' or small explicit padding. */
export const paddingArb: fc.Arbitrary<Padding> = fc.oneof(
  fc.constant<Padding>('same'),
  fc.constant<Padding>('valid'),
  fc.record({
    top: fc.integer({ min: 0, max: 2 }),
    bottom: fc.integer({ min: 0, max: 2 }),
    left: fc.integer({ min: 0, max: 2 }),
    right: fc.integer({ min: 0, max: 2 }),
  }),
);

/** A small feature map shape. */
export function shapeArb(maxSide = 7, maxChannels = 5): fc.Arbitrary<Shape3> {
  return fc.tuple(fc.integer({ min: 1, max: maxSide }), fc.integer({ min: 1, max: maxSide }), fc.integer({ min: 1, max: maxChannels }));
}

/** True when a (dilated) kernel fits the padded input along both axes, i.e. the layer is valid. */
export function kernelFits(shape: Shape3, kernel: readonly [number, number], dilation: readonly [number, number], padding: Padding): boolean {
  if (padding === 'same') return true;
  const extra = padding === 'valid' ? [0, 0] : [padding.top + padding.bottom, padding.left + padding.right];
  return (kernel[0] - 1) * dilation[0] + 1 <= shape[0] + extra[0] && (kernel[1] - 1) * dilation[1] + 1 <= shape[1] + extra[1];
}

/** Runs `fn` inside tf.tidy so the property's tensors are freed. */
export function tidy(fn: () => void): void {
  tf.tidy(() => {
    fn();
    return undefined;
  });
}
