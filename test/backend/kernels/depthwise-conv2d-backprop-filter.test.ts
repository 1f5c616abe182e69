import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { ConvkitInputError } from '../../../src/core/errors';
import { useBackend } from '../../../src/backend';
import { depthwiseConv2dBackpropFilter, depthwiseConv2dBackpropFilterConfig } from '../../../src/backend/kernels/depthwise-conv2d-backprop-filter';
import { computeOn, disagreement } from './compare-backends';
import { depthwiseCase, depthwiseGradient } from './depthwise-gradient-case';

test('the filter gradient of depthwiseConv2d on wasm matches the cpu backend within 1e-4 for random shapes', async () => {
  await fc.assert(
    fc.asyncProperty(depthwiseCase, async (c) => {
      const [cpu] = await computeOn('cpu', () => depthwiseGradient(c, 'filter'));
      const [wasm] = await computeOn('wasm', () => depthwiseGradient(c, 'filter'));
      assert.equal(disagreement(wasm, cpu), null, JSON.stringify(c));
    }),
    { seed: 20261131, numRuns: 60 },
  );
});

test("useBackend('wasm') registers convkit's DepthwiseConv2dNativeBackpropFilter", async () => {
  await useBackend('wasm');
  assert.equal(tf.getKernel('DepthwiseConv2dNativeBackpropFilter', 'wasm')?.kernelFunc, depthwiseConv2dBackpropFilterConfig.kernelFunc);
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
