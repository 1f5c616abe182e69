import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { squeezeExcite } from '../../../src/layers/reference/squeeze-excite';
import { randomTensor } from '../../../src/core/tensor';
import { uniformArray } from '../../../src/core/random';
import { ConvkitInputError } from '../../../src/core/errors';
import type { ActivationName } from '../../../src/core/spec';
import { assertMatchesTf, shapeArb, tidy, toTf, useCpuBackend } from './helpers';

before(useCpuBackend);

const TF_GATES: Partial<Record<ActivationName, (x: tf.Tensor) => tf.Tensor>> = {
  relu: (x) => tf.relu(x),
  hardSigmoid: (x) => tf.div(tf.relu6(tf.add(x, 3)), 6),
  sigmoid: (x) => tf.sigmoid(x),
};

test('squeezeExcite equals the TF.js composition mean → conv 1x1 → inner → conv 1x1 → gate → multiply', () => {
  fc.assert(
    fc.property(
      shapeArb(6, 6),
      fc.integer({ min: 1, max: 4 }),
      fc.constantFrom<ActivationName>('relu', 'sigmoid'),
      fc.constantFrom<ActivationName>('hardSigmoid', 'sigmoid'),
      fc.nat(1000),
      (shape, squeezeChannels, innerActivation, gateActivation, seed) => {
        const C = shape[2];
        const S = squeezeChannels;
        const input = randomTensor(shape, seed, -2, 2);
        const weights = {
          squeezeKernel: uniformArray(C * S, seed + 1),
          squeezeBias: uniformArray(S, seed + 2),
          exciteKernel: uniformArray(S * C, seed + 3),
          exciteBias: uniformArray(C, seed + 4),
        };
        const result = squeezeExcite(input, { kind: 'squeezeExcite', squeezeChannels, innerActivation, gateActivation }, weights);
        assert.equal(result.macs, C * S + S * C);
        tidy(() => {
          const x = toTf(input);
          const pooled = tf.mean(x, [1, 2], true);
          const reduced = TF_GATES[innerActivation]!(
            tf.add(tf.conv2d(pooled as tf.Tensor4D, tf.tensor4d(weights.squeezeKernel, [1, 1, C, S]), 1, 'valid'), tf.tensor1d(weights.squeezeBias)),
          );
          const gate = TF_GATES[gateActivation]!(
            tf.add(tf.conv2d(reduced as tf.Tensor4D, tf.tensor4d(weights.exciteKernel, [1, 1, S, C]), 1, 'valid'), tf.tensor1d(weights.exciteBias)),
          );
          assertMatchesTf(result.output, tf.mul(x, gate));
        });
      },
    ),
    { numRuns: 150 },
  );
});

test('squeezeExcite rejects an excite bias of the wrong length, naming weights.exciteBias.length', () => {
  assert.throws(
    () =>
      squeezeExcite(
        randomTensor([2, 2, 4], 1),
        { kind: 'squeezeExcite', squeezeChannels: 2 },
        {
          squeezeKernel: new Float32Array(8),
          squeezeBias: new Float32Array(2),
          exciteKernel: new Float32Array(8),
          exciteBias: new Float32Array(3),
        },
      ),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'weights.exciteBias.length',
  );
});
