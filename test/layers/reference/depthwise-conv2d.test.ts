import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { depthwiseConv2d } from '../../../src/layers/reference/depthwise-conv2d';
import { randomTensor } from '../../../src/core/tensor';
import { uniformArray } from '../../../src/core/random';
import { ConvkitInputError } from '../../../src/core/errors';
import { assertMatchesTf, kernelFits, paddingArb, shapeArb, tfPadding, tidy, toTf, useCpuBackend } from './helpers';

before(useCpuBackend);

test('depthwiseConv2d equals tf.depthwiseConv2d for random shapes, depth multipliers, strides, dilations and paddings', () => {
  fc.assert(
    fc.property(
      shapeArb(),
      fc.integer({ min: 1, max: 3 }),
      fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
      fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
      paddingArb,
      fc.boolean(),
      fc.nat(1000),
      (shape, depthMultiplier, kernel, strides, dilation, padding, useBias, seed) => {
        const dilationUsed: [number, number] = strides[0] === 1 && strides[1] === 1 ? dilation : [1, 1];
        fc.pre(kernelFits(shape, kernel, dilationUsed, padding));
        const outChannels = shape[2] * depthMultiplier;
        const input = randomTensor(shape, seed);
        const kernelValues = uniformArray(kernel[0] * kernel[1] * outChannels, seed + 1);
        const bias = uniformArray(outChannels, seed + 2);
        const { output } = depthwiseConv2d(
          input,
          { kind: 'depthwiseConv2d', kernelSize: kernel, strides, dilation: dilationUsed, padding, depthMultiplier, useBias },
          { kernel: kernelValues, bias },
        );
        tidy(() => {
          let expected: tf.Tensor = tf.depthwiseConv2d(
            toTf(input),
            tf.tensor4d(kernelValues, [kernel[0], kernel[1], shape[2], depthMultiplier]),
            strides,
            tfPadding(padding),
            'NHWC',
            dilationUsed,
          );
          if (useBias) expected = tf.add(expected, tf.tensor1d(bias));
          assertMatchesTf(output, expected);
        });
      },
    ),
    { numRuns: 150 },
  );
});

test('depthwise convolution never mixes channels: zeroing one input channel zeroes exactly its outputs', () => {
  const input = randomTensor([5, 5, 3], 3);
  for (let p = 0; p < 25; p++) input.data[p * 3 + 1] = 0; // channel 1 off
  const kernel = uniformArray(3 * 3 * 3 * 2, 4);
  const { output } = depthwiseConv2d(input, { kind: 'depthwiseConv2d', kernelSize: 3, depthMultiplier: 2 }, { kernel });
  for (let p = 0; p < 25; p++) {
    assert.equal(output.data[p * 6 + 2], 0); // channel 1, filter 0
    assert.equal(output.data[p * 6 + 3], 0); // channel 1, filter 1
    assert.notEqual(output.data[p * 6 + 0], 0);
  }
});

test('depthwiseConv2d rejects a kernel sized for another channel count, naming weights.kernel.length', () => {
  const input = randomTensor([4, 4, 3], 1);
  assert.throws(
    () => depthwiseConv2d(input, { kind: 'depthwiseConv2d', kernelSize: 3 }, { kernel: new Float32Array(3 * 3 * 4) }),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'weights.kernel.length',
  );
});

test('depthwiseConv2d rejects a depth multiplier of 0, naming depthMultiplier', () => {
  const input = randomTensor([4, 4, 3], 1);
  assert.throws(
    () => depthwiseConv2d(input, { kind: 'depthwiseConv2d', kernelSize: 3, depthMultiplier: 0 }, { kernel: new Float32Array(27) }),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'depthMultiplier',
  );
});
