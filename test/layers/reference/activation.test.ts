import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import {
  activation,
  activationDerivative,
  activationValue,
  hardSigmoid,
  hardSwish,
  relu,
  relu6,
  sigmoid,
  SCALAR_ACTIVATIONS,
  type ScalarActivationName,
} from '../../../src/layers/reference/activation';
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

const KINKS = [-3, 0, 3, 6];
const SCALAR_NAMES = Object.keys(SCALAR_ACTIVATIONS) as ScalarActivationName[];

test('each scalar derivative matches a central finite difference away from the kinks', () => {
  fc.assert(
    fc.property(fc.double({ min: -8, max: 8, noNaN: true }), fc.constantFrom(...SCALAR_NAMES), (x, name) => {
      fc.pre(KINKS.every((k) => Math.abs(x - k) > 1e-3));
      const h = 1e-5;
      const numeric = (activationValue(name, x + h) - activationValue(name, x - h)) / (2 * h);
      return Math.abs(numeric - activationDerivative(name, x)) < 1e-4;
    }),
  );
});

test('the scalar forms are the layer: each activation layer applies its scalar function to every element', () => {
  const xs = [-7, -3, -0.5, 0, 0.25, 3, 6, 7.5];
  for (const name of SCALAR_NAMES) {
    const layer = activation(fromArray([1, 1, xs.length], xs), { kind: 'activation', activation: name }).output.data;
    xs.forEach((x, i) => assert.equal(layer[i], Math.fround(activationValue(name, x)), `${name}(${x})`));
  }
});

test('the slopes at the kinks are the ones chosen: 0, except hard-swish at 3', () => {
  assert.deepEqual(
    [0, 6].map((x) => activationDerivative('relu6', x)),
    [0, 0],
  );
  assert.deepEqual(
    [-3, 3].map((x) => activationDerivative('hardSwish', x)),
    [0, 1],
  );
  assert.deepEqual(
    [-3, 3].map((x) => activationDerivative('hardSigmoid', x)),
    [0, 0],
  );
  assert.equal(activationDerivative('relu', 0), 0);
});

test('a scalar activation must be named by one of the scalar names (softmax has no scalar form)', () => {
  for (const bad of ['gelu', 'softmax', 'toString', 3]) {
    assert.throws(
      () => activationValue(bad as never, 0),
      (e: unknown) => e instanceof ConvkitInputError && e.field === 'activation',
      String(bad),
    );
    assert.throws(() => activationDerivative(bad as never, 0), ConvkitInputError, String(bad));
  }
});
