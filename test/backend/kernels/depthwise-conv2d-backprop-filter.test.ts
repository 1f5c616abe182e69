import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { ConvkitInputError } from '../../../src/errors';
import { useBackend } from '../../../src/backend';
import {
  depthwiseConv2dBackpropFilter,
  depthwiseConv2dBackpropFilterConfig,
} from '../../../src/backend/kernels/depthwise-conv2d-backprop-filter';
import { computeOn, disagreement, seededValues } from './compare-backends';

/** A depthwise convolution small enough to check exhaustively. */
const depthwiseCase = fc.record({
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
type DepthwiseCase = typeof depthwiseCase extends fc.Arbitrary<infer T> ? T : never;

/** dL/dW for L = Σ depthwiseConv2d(x, W) ⊙ R, with R random so dy is not all ones. */
function filterGradient(c: DepthwiseCase): tf.Tensor[] {
  const xShape: [number, number, number, number] = [c.batch, c.height, c.width, c.channels];
  const wShape: [number, number, number, number] = [c.kernelHeight, c.kernelWidth, c.channels, c.depthMultiplier];
  const x = tf.tensor4d(seededValues(tf.util.sizeFromShape(xShape), c.seed), xShape);
  const w = tf.tensor4d(seededValues(tf.util.sizeFromShape(wShape), c.seed + 1), wShape);
  const yShape = tf.depthwiseConv2d(x, w, c.stride, c.padding).shape;
  const r = tf.tensor4d(seededValues(tf.util.sizeFromShape(yShape), c.seed + 2), yShape);
  const loss = (filter: tf.Tensor) => tf.sum(tf.mul(tf.depthwiseConv2d(x, filter as tf.Tensor4D, c.stride, c.padding), r)) as tf.Scalar;
  return [tf.grad(loss)(w)];
}

test('the filter gradient of depthwiseConv2d on wasm matches the cpu backend within 1e-4 for random shapes', async () => {
  await fc.assert(
    fc.asyncProperty(depthwiseCase, async (c) => {
      const [cpu] = await computeOn('cpu', () => filterGradient(c));
      const [wasm] = await computeOn('wasm', () => filterGradient(c));
      assert.equal(disagreement(wasm, cpu), null, JSON.stringify(c));
    }),
    { seed: 20261131, numRuns: 60 },
  );
});

test("useBackend('wasm') registers convkit's DepthwiseConv2dNativeBackpropFilter", async () => {
  await useBackend('wasm');
  assert.equal(
    tf.getKernel('DepthwiseConv2dNativeBackpropFilter', 'wasm')?.kernelFunc,
    depthwiseConv2dBackpropFilterConfig.kernelFunc,
  );
});

test('a dilated depthwise filter gradient is refused with an error that names dilations', async () => {
  await useBackend('wasm');
  const x = tf.zeros([1, 6, 6, 2]) as tf.Tensor4D;
  const dy = tf.zeros([1, 6, 6, 2]) as tf.Tensor4D;
  assert.throws(
    () => depthwiseConv2dBackpropFilter(x, dy, { strides: 1, pad: 'same', dilations: 2, filterShape: [3, 3, 2, 1] }),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'DepthwiseConv2dNativeBackpropFilter.dilations',
  );
  tf.dispose([x, dy]);
});
