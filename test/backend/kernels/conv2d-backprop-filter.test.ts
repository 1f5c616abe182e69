import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { ConvkitInputError } from '../../../src/core/errors';
import { useBackend } from '../../../src/backend';
import { conv2dBackpropFilter, conv2dBackpropFilterConfig } from '../../../src/backend/kernels/conv2d-backprop-filter';
import { computeOn, disagreement, seededValues } from './compare-backends';

/** A standard convolution small enough to check exhaustively. */
const convCase = fc.record({
  batch: fc.integer({ min: 1, max: 2 }),
  height: fc.integer({ min: 3, max: 9 }),
  width: fc.integer({ min: 3, max: 9 }),
  inChannels: fc.integer({ min: 1, max: 5 }),
  outChannels: fc.integer({ min: 1, max: 5 }),
  kernelHeight: fc.integer({ min: 1, max: 3 }),
  kernelWidth: fc.integer({ min: 1, max: 3 }),
  stride: fc.constantFrom(1, 2),
  padding: fc.constantFrom('same' as const, 'valid' as const),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});
type ConvCase = typeof convCase extends fc.Arbitrary<infer T> ? T : never;

/** dL/dW for L = Σ conv2d(x, W) ⊙ R, with R random so dy is not all ones. */
function filterGradient(c: ConvCase): tf.Tensor[] {
  const xShape = [c.batch, c.height, c.width, c.inChannels] as const;
  const wShape = [c.kernelHeight, c.kernelWidth, c.inChannels, c.outChannels] as const;
  const x = tf.tensor4d(
    seededValues(
      xShape.reduce((a, b) => a * b),
      c.seed,
    ),
    [...xShape],
  );
  const w = tf.tensor4d(
    seededValues(
      wShape.reduce((a, b) => a * b),
      c.seed + 1,
    ),
    [...wShape],
  );
  const yShape = tf.conv2d(x, w, c.stride, c.padding).shape;
  const r = tf.tensor(
    seededValues(
      yShape.reduce((a, b) => a * b),
      c.seed + 2,
    ),
    yShape,
  );
  const loss = (filter: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, filter as tf.Tensor4D, c.stride, c.padding), r)) as tf.Scalar;
  return [tf.grad(loss)(w)];
}

test('the filter gradient of conv2d on wasm matches the cpu backend within 1e-4 for random shapes', async () => {
  await fc.assert(
    fc.asyncProperty(convCase, async (c) => {
      const [cpu] = await computeOn('cpu', () => filterGradient(c));
      const [wasm] = await computeOn('wasm', () => filterGradient(c));
      assert.equal(disagreement(wasm, cpu), null, JSON.stringify(c));
    }),
    { seed: 20261129, numRuns: 60 },
  );
});

test("useBackend('wasm') registers convkit's Conv2DBackpropFilter, so that gradient runs convkit's code", async () => {
  await useBackend('wasm');
  assert.equal(tf.getKernel('Conv2DBackpropFilter', 'wasm')?.kernelFunc, conv2dBackpropFilterConfig.kernelFunc);
});

test('a channels-first filter gradient is refused with an error that names dataFormat', async () => {
  await useBackend('wasm');
  const x = tf.zeros([1, 4, 4, 2]) as tf.Tensor4D;
  const dy = tf.zeros([1, 4, 4, 3]) as tf.Tensor4D;
  assert.throws(
    () => conv2dBackpropFilter(x, dy, { strides: 1, pad: 'same', dataFormat: 'NCHW', filterShape: [3, 3, 2, 3] }),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'Conv2DBackpropFilter.dataFormat',
  );
  tf.dispose([x, dy]);
});

test('a dy whose shape does not fit the input and filter is refused with an error that names dy.shape', async () => {
  await useBackend('wasm');
  const x = tf.zeros([1, 4, 4, 2]) as tf.Tensor4D;
  const dy = tf.zeros([1, 3, 4, 3]) as tf.Tensor4D;
  assert.throws(
    () => conv2dBackpropFilter(x, dy, { strides: 1, pad: 'same', filterShape: [3, 3, 2, 3] }),
    (error: unknown) => error instanceof ConvkitInputError && /dy\.shape/.test(error.message),
  );
  tf.dispose([x, dy]);
});

test('explicit uneven padding and stride 3 also give the cpu backend’s filter and input gradients', async () => {
  const padding: [[number, number], [number, number], [number, number], [number, number]] = [
    [0, 0],
    [2, 0],
    [1, 3],
    [0, 0],
  ];
  const gradients = () => {
    const x = tf.tensor4d(seededValues(2 * 10 * 7 * 3, 11), [2, 10, 7, 3]);
    const w = tf.tensor4d(seededValues(3 * 2 * 3 * 4, 12), [3, 2, 3, 4]);
    const yShape = tf.conv2d(x, w, 3, padding).shape;
    const r = tf.tensor4d(seededValues(tf.util.sizeFromShape(yShape), 13), yShape);
    const loss = (input: tf.Tensor, filter: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(input as tf.Tensor4D, filter as tf.Tensor4D, 3, padding), r)) as tf.Scalar;
    return tf.grads(loss)([x, w]);
  };
  const cpu = await computeOn('cpu', gradients);
  const wasm = await computeOn('wasm', gradients);
  assert.equal(disagreement(wasm[0], cpu[0]), null, 'input gradient');
  assert.equal(disagreement(wasm[1], cpu[1]), null, 'filter gradient');
});
