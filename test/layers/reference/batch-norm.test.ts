import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { batchNorm } from '../../../src/layers/reference/batch-norm';
import { randomTensor } from '../../../src/core/tensor';
import { uniformArray } from '../../../src/core/random';
import { ConvkitInputError } from '../../../src/core/errors';
import { assertMatchesTf, shapeArb, tidy, toTf, useCpuBackend } from './helpers';

before(useCpuBackend);

test('batchNorm equals tf.batchNorm with the same moving statistics, γ, β and ε', () => {
  fc.assert(
    fc.property(shapeArb(), fc.constantFrom(1e-3, 1e-5, 0.1), fc.nat(1000), (shape, epsilon, seed) => {
      const C = shape[2];
      const input = randomTensor(shape, seed, -3, 3);
      const weights = {
        gamma: uniformArray(C, seed + 1),
        beta: uniformArray(C, seed + 2),
        movingMean: uniformArray(C, seed + 3),
        movingVariance: uniformArray(C, seed + 4, 0.1, 2),
      };
      const result = batchNorm(input, { kind: 'batchNorm', epsilon }, weights);
      assert.equal(result.macs, 0);
      tidy(() => {
        const expected = tf.batchNorm(
          toTf(input),
          tf.tensor1d(weights.movingMean),
          tf.tensor1d(weights.movingVariance),
          tf.tensor1d(weights.beta),
          tf.tensor1d(weights.gamma),
          epsilon,
        );
        assertMatchesTf(result.output, expected);
      });
    }),
    { numRuns: 150 },
  );
});

test('batchNorm with γ = 1, β = 0 maps the moving mean to 0 and mean ± σ to about ±1', () => {
  const C = 2;
  const input = { shape: [1, 2, C] as const, data: new Float32Array([5, -1, 5 + 2, -1 - 0.5]) };
  const { output } = batchNorm(
    input,
    { kind: 'batchNorm', epsilon: 1e-9 },
    {
      gamma: new Float32Array([1, 1]),
      beta: new Float32Array([0, 0]),
      movingMean: new Float32Array([5, -1]),
      movingVariance: new Float32Array([4, 0.25]),
    },
  );
  const expected = [0, 0, 1, -1];
  expected.forEach((value, i) => assert.ok(Math.abs(output.data[i] - value) < 1e-6, `element ${i}: ${output.data[i]}`));
});

test('batchNorm rejects a moving mean with the wrong channel count, naming weights.movingMean.length', () => {
  const ones = new Float32Array([1, 1, 1]);
  assert.throws(
    () => batchNorm(randomTensor([2, 2, 3], 1), { kind: 'batchNorm' }, { gamma: ones, beta: ones, movingMean: new Float32Array(2), movingVariance: ones }),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'weights.movingMean.length',
  );
});

test('batchNorm rejects a negative epsilon, naming epsilon', () => {
  const ones = new Float32Array([1]);
  assert.throws(
    () => batchNorm(randomTensor([2, 2, 1], 1), { kind: 'batchNorm', epsilon: -1 }, { gamma: ones, beta: ones, movingMean: ones, movingVariance: ones }),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'epsilon',
  );
});
