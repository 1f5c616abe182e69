import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { globalAvgPool } from '../../../src/layers/reference/global-avg-pool';
import { randomTensor } from '../../../src/core/tensor';
import { ConvkitInputError } from '../../../src/core/errors';
import { assertMatchesTf, shapeArb, tidy, toTf, useCpuBackend } from './helpers';

before(useCpuBackend);

test('globalAvgPool equals tf.mean over height and width, kept as [1, 1, C]', () => {
  fc.assert(
    fc.property(shapeArb(9, 6), fc.nat(1000), (shape, seed) => {
      const input = randomTensor(shape, seed);
      const result = globalAvgPool(input);
      assert.equal(result.macs, 0);
      tidy(() => assertMatchesTf(result.output, tf.mean(toTf(input), [1, 2], true)));
    }),
    { numRuns: 150 },
  );
});

test('globalAvgPool rejects a tensor whose shape has a zero, naming the height', () => {
  assert.throws(
    () => globalAvgPool({ shape: [0, 2, 2], data: new Float32Array(0) }),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'input.shape[0] (height)',
  );
});
