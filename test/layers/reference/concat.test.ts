import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { concat } from '../../../src/layers/reference/concat';
import { randomTensor } from '../../../src/core/tensor';
import { ConvkitInputError } from '../../../src/core/errors';
import { assertMatchesTf, tidy, toTf, useCpuBackend } from './helpers';

before(useCpuBackend);

test('concat along channels equals tf.concat on axis 3 and adds up the channels', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 6 }),
      fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 5 }),
      fc.nat(1000),
      (height, width, channelCounts, seed) => {
        const inputs = channelCounts.map((c, n) => randomTensor([height, width, c], seed + n));
        const result = concat(inputs);
        assert.equal(
          result.output.shape[2],
          channelCounts.reduce((a, b) => a + b, 0),
        );
        assert.equal(result.macs, 0);
        tidy(() => assertMatchesTf(result.output, tf.concat(inputs.map(toTf), 3)));
      },
    ),
    { numRuns: 100 },
  );
});

test('concat rejects maps of different heights, naming the odd input', () => {
  assert.throws(
    () => concat([randomTensor([2, 2, 2], 1), randomTensor([3, 2, 2], 2)]),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'inputShapes[1]',
  );
});
