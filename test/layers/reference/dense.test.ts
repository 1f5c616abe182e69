import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { dense } from '../../../src/layers/reference/dense';
import { randomTensor } from '../../../src/core/tensor';
import { uniformArray } from '../../../src/core/random';
import { ConvkitInputError } from '../../../src/core/errors';
import { assertMatchesTf, shapeArb, tidy, useCpuBackend } from './helpers';

before(useCpuBackend);

test('dense equals tf.matMul plus bias at every position, with macs H·W·C·units', () => {
  fc.assert(
    fc.property(shapeArb(4, 8), fc.integer({ min: 1, max: 10 }), fc.boolean(), fc.nat(1000), (shape, units, useBias, seed) => {
      const [H, W, C] = shape;
      const input = randomTensor(shape, seed);
      const kernel = uniformArray(C * units, seed + 1);
      const bias = uniformArray(units, seed + 2);
      const result = dense(input, { kind: 'dense', units, useBias }, { kernel, bias });
      assert.equal(result.macs, H * W * C * units);
      tidy(() => {
        let expected: tf.Tensor = tf.matMul(tf.tensor2d(input.data, [H * W, C]), tf.tensor2d(kernel, [C, units]));
        if (useBias) expected = tf.add(expected, tf.tensor1d(bias));
        assertMatchesTf(result.output, expected.reshape([H, W, units]));
      });
    }),
    { numRuns: 150 },
  );
});

test('dense uses a bias by default, as Keras does, and rejects a missing one naming weights.bias', () => {
  assert.throws(
    () => dense(randomTensor([1, 1, 3], 1), { kind: 'dense', units: 2 }, { kernel: new Float32Array(6) }),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'weights.bias',
  );
});
