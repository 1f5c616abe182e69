import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { pointwiseConv2d } from '../../../src/layers/reference/pointwise-conv2d';
import { conv2d } from '../../../src/layers/reference/conv2d';
import { randomTensor } from '../../../src/core/tensor';
import { uniformArray } from '../../../src/core/random';
import { ConvkitInputError } from '../../../src/core/errors';
import { assertMatchesTf, shapeArb, tidy, toTf, useCpuBackend } from './helpers';

before(useCpuBackend);

test('pointwiseConv2d equals tf.matMul of the pixels-by-channels matrix with the C×M kernel', () => {
  fc.assert(
    fc.property(shapeArb(), fc.integer({ min: 1, max: 6 }), fc.boolean(), fc.nat(1000), (shape, filters, useBias, seed) => {
      const input = randomTensor(shape, seed);
      const kernel = uniformArray(shape[2] * filters, seed + 1);
      const bias = uniformArray(filters, seed + 2);
      const { output } = pointwiseConv2d(input, { kind: 'pointwiseConv2d', filters, useBias }, { kernel, bias });
      tidy(() => {
        const pixels = tf.tensor2d(input.data, [shape[0] * shape[1], shape[2]]);
        let expected: tf.Tensor = tf.matMul(pixels, tf.tensor2d(kernel, [shape[2], filters]));
        if (useBias) expected = tf.add(expected, tf.tensor1d(bias));
        assertMatchesTf(output, expected.reshape([shape[0], shape[1], filters]));
      });
    }),
    { numRuns: 150 },
  );
});

test('pointwiseConv2d is conv2d with a 1x1 kernel, value for value and in counted multiply-adds', () => {
  fc.assert(
    fc.property(shapeArb(), fc.integer({ min: 1, max: 6 }), fc.nat(1000), (shape, filters, seed) => {
      const input = randomTensor(shape, seed);
      const kernel = uniformArray(shape[2] * filters, seed + 1);
      const pointwise = pointwiseConv2d(input, { kind: 'pointwiseConv2d', filters }, { kernel });
      const standard = conv2d(input, { kind: 'conv2d', filters, kernelSize: 1 }, { kernel });
      assert.deepEqual(pointwise.output.data, standard.output.data);
      assert.equal(pointwise.macs, standard.macs);
    }),
    { numRuns: 100 },
  );
});

test('a 1x1 convolution agrees with tf.conv2d on a [1, 1, C, M] kernel', () => {
  const input = randomTensor([3, 4, 5], 11);
  const kernel = uniformArray(5 * 6, 12);
  const { output } = pointwiseConv2d(input, { kind: 'pointwiseConv2d', filters: 6 }, { kernel });
  tidy(() => assertMatchesTf(output, tf.conv2d(toTf(input), tf.tensor4d(kernel, [1, 1, 5, 6]), 1, 'same')));
});

test('pointwiseConv2d rejects a kernel of the wrong size, naming weights.kernel.length', () => {
  assert.throws(
    () => pointwiseConv2d(randomTensor([2, 2, 3], 1), { kind: 'pointwiseConv2d', filters: 4 }, { kernel: new Float32Array(11) }),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'weights.kernel.length',
  );
});
