import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { ConvkitInputError } from '../../../src/core/errors';
import { useBackend } from '../../../src/backend';
import { depthwiseConv2dBackpropInput, depthwiseConv2dBackpropInputConfig } from '../../../src/backend/kernels/depthwise-conv2d-backprop-input';
import { computeOn, disagreement, seededValues } from './compare-backends';
import { depthwiseCase, depthwiseGradient } from './depthwise-gradient-case';

test('the input gradient of depthwiseConv2d on wasm matches the cpu backend within 1e-4 for random shapes', async () => {
  await fc.assert(
    fc.asyncProperty(depthwiseCase, async (c) => {
      const [cpu] = await computeOn('cpu', () => depthwiseGradient(c, 'input'));
      const [wasm] = await computeOn('wasm', () => depthwiseGradient(c, 'input'));
      assert.equal(disagreement(wasm, cpu), null, JSON.stringify(c));
    }),
    { seed: 20261132, numRuns: 60 },
  );
});

test("useBackend('wasm') registers convkit's DepthwiseConv2dNativeBackpropInput", async () => {
  await useBackend('wasm');
  assert.equal(tf.getKernel('DepthwiseConv2dNativeBackpropInput', 'wasm')?.kernelFunc, depthwiseConv2dBackpropInputConfig.kernelFunc);
});

test('a channels-first depthwise input gradient is refused with an error that names dataFormat', async () => {
  await useBackend('wasm');
  const dy = tf.zeros([1, 6, 6, 2]) as tf.Tensor4D;
  const w = tf.zeros([3, 3, 2, 1]) as tf.Tensor4D;
  assert.throws(
    () => depthwiseConv2dBackpropInput(dy, w, { strides: 1, pad: 'same', dataFormat: 'NCHW', inputShape: [1, 6, 6, 2] }),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'DepthwiseConv2dNativeBackpropInput.dataFormat',
  );
  tf.dispose([dy, w]);
});

test('explicit uneven padding, stride 3 and depth multiplier 3 also give the cpu backend’s depthwise gradients', async () => {
  const padding: [[number, number], [number, number], [number, number], [number, number]] = [
    [0, 0],
    [2, 1],
    [0, 2],
    [0, 0],
  ];
  const gradients = () => {
    const x = tf.tensor4d(seededValues(2 * 11 * 8 * 3, 31), [2, 11, 8, 3]);
    const w = tf.tensor4d(seededValues(3 * 2 * 3 * 3, 32), [3, 2, 3, 3]);
    const yShape = tf.depthwiseConv2d(x, w, 3, padding).shape;
    const r = tf.tensor4d(seededValues(tf.util.sizeFromShape(yShape), 33), yShape);
    const loss = (input: tf.Tensor, filter: tf.Tensor) =>
      tf.sum(tf.mul(tf.depthwiseConv2d(input as tf.Tensor4D, filter as tf.Tensor4D, 3, padding), r)) as tf.Scalar;
    return tf.grads(loss)([x, w]);
  };
  const cpu = await computeOn('cpu', gradients);
  const wasm = await computeOn('wasm', gradients);
  assert.equal(disagreement(wasm[0], cpu[0]), null, 'input gradient');
  assert.equal(disagreement(wasm[1], cpu[1]), null, 'filter gradient');
});
