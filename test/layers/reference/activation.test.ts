import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { activation, hardSigmoid, hardSwish, relu, relu6, sigmoid } from '../../../src/layers/reference/activation';
import { fromArray, randomTensor } from '../../../src/core/tensor';
import { ConvkitInputError } from '../../../src/core/errors';
import { ACTIVATIONS, type ActivationName } from '../../../src/core/spec';
import { assertMatchesTf, shapeArb, tidy, toTf, useCpuBackend } from './helpers';

before(useCpuBackend);

/** TF.js's own ops for each activation (hard-sigmoid/swish composed from tf.relu6, as MobileNet v3 defines them). */
const TF_ACTIVATIONS: Record<ActivationName, (x: tf.Tensor) => tf.Tensor> = {
  relu: (x) => tf.relu(x),
  relu6: (x) => tf.relu6(x),
  hardSigmoid: (x) => tf.div(tf.relu6(tf.add(x, 3)), 6),
  hardSwish: (x) => tf.mul(x, tf.div(tf.relu6(tf.add(x, 3)), 6)),
  sigmoid: (x) => tf.sigmoid(x),
  swish: (x) => tf.mul(x, tf.sigmoid(x)),
  softmax: (x) => tf.softmax(x),
};

test('every activation equals its TF.js op on random inputs spanning −8..8', () => {
  fc.assert(
    fc.property(shapeArb(), fc.constantFrom(...ACTIVATIONS), fc.nat(1000), (shape, name, seed) => {
      const input = randomTensor(shape, seed, -8, 8);
      const result = activation(input, { kind: 'activation', activation: name });
      assert.equal(result.macs, 0);
      tidy(() => assertMatchesTf(result.output, TF_ACTIVATIONS[name](toTf(input))));
    }),
    { numRuns: 200 },
  );
});

test('relu6, hard-sigmoid and hard-swish take their textbook values at the corners', () => {
  const x = fromArray([1, 1, 5], [-4, -3, 0, 3, 7]);
  assert.deepEqual([...relu(x).output.data], [0, 0, 0, 3, 7]);
  assert.deepEqual([...relu6(x).output.data], [0, 0, 0, 3, 6]);
  assert.deepEqual([...hardSigmoid(x).output.data], [0, 0, 0.5, 1, 1]);
  assert.deepEqual([...hardSwish(x).output.data], [-0, -0, 0, 3, 7]);
  assert.ok(Math.abs(sigmoid(x).output.data[2] - 0.5) < 1e-7);
});

test('softmax over channels sums to 1 at every pixel', () => {
  const { output } = activation(randomTensor([3, 3, 4], 9, -5, 5), { kind: 'activation', activation: 'softmax' });
  for (let p = 0; p < 9; p++) {
    const sum = output.data.subarray(p * 4, p * 4 + 4).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-6);
  }
});

test('an unknown activation name is rejected, naming activation', () => {
  assert.throws(
    () => activation(randomTensor([1, 1, 1], 1), { kind: 'activation', activation: 'gelu' as ActivationName }),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'activation',
  );
});
