import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { ConvkitInputError } from '../../../src/core/errors';
import { useBackend } from '../../../src/backend';
import { conv2dBackpropInput, conv2dBackpropInputConfig } from '../../../src/backend/kernels/conv2d-backprop-input';
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

function inputs(c: ConvCase) {
  const xShape: [number, number, number, number] = [c.batch, c.height, c.width, c.inChannels];
  const wShape: [number, number, number, number] = [c.kernelHeight, c.kernelWidth, c.inChannels, c.outChannels];
  const x = tf.tensor4d(seededValues(tf.util.sizeFromShape(xShape), c.seed), xShape);
  const w = tf.tensor4d(seededValues(tf.util.sizeFromShape(wShape), c.seed + 1), wShape);
  const yShape = tf.conv2d(x, w, c.stride, c.padding).shape;
  const r = tf.tensor4d(seededValues(tf.util.sizeFromShape(yShape), c.seed + 2), yShape);
  return { x, w, r };
}

/** dL/dx for L = Σ conv2d(x, W) ⊙ R, and conv2dTranspose(R, W), which runs the same kernel. */
function inputGradientAndTranspose(c: ConvCase): tf.Tensor[] {
  const { x, w, r } = inputs(c);
  const loss = (input: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(input as tf.Tensor4D, w, c.stride, c.padding), r)) as tf.Scalar;
  return [tf.grad(loss)(x), tf.conv2dTranspose(r, w, x.shape, c.stride, c.padding)];
}

test('the input gradient of conv2d (and conv2dTranspose) on wasm matches the cpu backend within 1e-4 for random shapes', async () => {
  await fc.assert(
    fc.asyncProperty(convCase, async (c) => {
      const cpu = await computeOn('cpu', () => inputGradientAndTranspose(c));
      const wasm = await computeOn('wasm', () => inputGradientAndTranspose(c));
      assert.equal(disagreement(wasm[0], cpu[0]), null, `gradient ${JSON.stringify(c)}`);
      assert.equal(disagreement(wasm[1], cpu[1]), null, `conv2dTranspose ${JSON.stringify(c)}`);
    }),
    { seed: 20261130, numRuns: 60 },
  );
});

test("useBackend('wasm') replaces the built-in Conv2DBackpropInput with convkit's", async () => {
  await useBackend('wasm');
  assert.equal(tf.getKernel('Conv2DBackpropInput', 'wasm')?.kernelFunc, conv2dBackpropInputConfig.kernelFunc);
});

test('an input gradient with a non-integer stride is refused with an error that names strides', async () => {
  await useBackend('wasm');
  const dy = tf.zeros([1, 4, 4, 3]) as tf.Tensor4D;
  const w = tf.zeros([3, 3, 2, 3]) as tf.Tensor4D;
  assert.throws(
    () => conv2dBackpropInput(dy, w, { strides: [1.5, 1], pad: 'same', inputShape: [1, 4, 4, 2] }),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'Conv2DBackpropInput.strides[0]',
  );
  tf.dispose([dy, w]);
});

test('unequal strides (2 down, 1 across) give the cpu backend’s input gradients for conv2d and depthwiseConv2d', async () => {
  const gradients = () => {
    const x = tf.tensor4d(seededValues(2 * 9 * 8 * 3, 21), [2, 9, 8, 3]);
    const w = tf.tensor4d(seededValues(3 * 3 * 3 * 4, 22), [3, 3, 3, 4]);
    const dw = tf.tensor4d(seededValues(3 * 2 * 3 * 2, 23), [3, 2, 3, 2]);
    const yShape = tf.conv2d(x, w, [2, 1], 'same').shape;
    const dyShape = tf.depthwiseConv2d(x, dw, [1, 2], 'valid').shape;
    const r = tf.tensor4d(seededValues(tf.util.sizeFromShape(yShape), 24), yShape);
    const rd = tf.tensor4d(seededValues(tf.util.sizeFromShape(dyShape), 25), dyShape);
    const convLoss = (input: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(input as tf.Tensor4D, w, [2, 1], 'same'), r)) as tf.Scalar;
    const depthwiseLoss = (input: tf.Tensor) => tf.sum(tf.mul(tf.depthwiseConv2d(input as tf.Tensor4D, dw, [1, 2], 'valid'), rd)) as tf.Scalar;
    return [tf.grad(convLoss)(x), tf.grad(depthwiseLoss)(x)];
  };
  const cpu = await computeOn('cpu', gradients);
  const wasm = await computeOn('wasm', gradients);
  assert.equal(disagreement(wasm[0], cpu[0]), null, 'conv2d');
  assert.equal(disagreement(wasm[1], cpu[1]), null, 'depthwiseConv2d');
});
