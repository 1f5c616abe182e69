import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { conv2d } from '../../../src/layers/reference/conv2d';
import { fromArray, randomTensor } from '../../../src/core/tensor';
import { uniformArray } from '../../../src/core/random';
import { ConvkitInputError } from '../../../src/core/errors';
import type { Conv2dSpec } from '../../../src/core/spec';
import { assertMatchesTf, kernelFits, paddingArb, shapeArb, tfPadding, tidy, toTf, useCpuBackend } from './helpers';

before(useCpuBackend);

const kernelArb = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }));
const stridesArb = fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }));
const dilationArb = fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }));

test('conv2d equals tf.conv2d for random shapes, strides, dilations, paddings and biases', () => {
  fc.assert(
    fc.property(
      shapeArb(),
      fc.integer({ min: 1, max: 5 }),
      kernelArb,
      stridesArb,
      dilationArb,
      paddingArb,
      fc.boolean(),
      fc.nat(1000),
      (shape, filters, kernel, strides, dilation, padding, useBias, seed) => {
        // TF.js's conv2d takes either strides or dilations above 1, not both.
        const dilationUsed: [number, number] = strides[0] === 1 && strides[1] === 1 ? dilation : [1, 1];
        fc.pre(kernelFits(shape, kernel, dilationUsed, padding));
        const spec: Conv2dSpec = { kind: 'conv2d', filters, kernelSize: kernel, strides, dilation: dilationUsed, padding, useBias };
        const input = randomTensor(shape, seed);
        const weights = {
          kernel: uniformArray(kernel[0] * kernel[1] * shape[2] * filters, seed + 1),
          bias: uniformArray(filters, seed + 2),
        };
        const { output } = conv2d(input, spec, weights);
        tidy(() => {
          let expected: tf.Tensor = tf.conv2d(
            toTf(input),
            tf.tensor4d(weights.kernel, [kernel[0], kernel[1], shape[2], filters]),
            strides,
            tfPadding(padding),
            'NHWC',
            dilationUsed,
          );
          if (useBias) expected = tf.add(expected, tf.tensor1d(weights.bias));
          assertMatchesTf(output, expected);
        });
      },
    ),
    { numRuns: 150 },
  );
});

test('grouped conv2d equals tf.conv2d run on each group of channels and concatenated', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 3 }),
      shapeArb(6, 1),
      kernelArb,
      stridesArb,
      fc.constantFrom<'same' | 'valid'>('same', 'valid'),
      fc.nat(1000),
      (groups, channelsPerGroup, filtersPerGroup, [height, width], kernel, strides, padding, seed) => {
        fc.pre(kernelFits([height, width, 1], kernel, [1, 1], padding));
        const channels = groups * channelsPerGroup;
        const filters = groups * filtersPerGroup;
        const input = randomTensor([height, width, channels], seed);
        const kernelValues = uniformArray(kernel[0] * kernel[1] * channelsPerGroup * filters, seed + 1);
        const { output } = conv2d(input, { kind: 'conv2d', filters, kernelSize: kernel, strides, padding, groups }, { kernel: kernelValues });
        tidy(() => {
          // Group g sees input channels [g·C_g, (g+1)·C_g) and owns output channels [g·M_g, (g+1)·M_g).
          const inputs = tf.split(toTf(input), groups, 3);
          const fullKernel = tf.tensor4d(kernelValues, [kernel[0], kernel[1], channelsPerGroup, filters]);
          const kernels = tf.split(fullKernel, groups, 3);
          const parts = inputs.map((x, g) => tf.conv2d(x as tf.Tensor4D, kernels[g] as tf.Tensor4D, strides, padding));
          assertMatchesTf(output, tf.concat(parts, 3));
        });
      },
    ),
    { numRuns: 100 },
  );
});

test('a 3x3 kernel that is 1 only at its centre copies the input (same padding)', () => {
  const input = randomTensor([4, 5, 2], 7);
  const kernel = new Float32Array(3 * 3 * 2 * 2);
  kernel[(1 * 3 + 1) * 4 + 0 * 2 + 0] = 1; // tap (1,1), channel 0 → filter 0
  kernel[(1 * 3 + 1) * 4 + 1 * 2 + 1] = 1; // tap (1,1), channel 1 → filter 1
  const { output, macs } = conv2d(input, { kind: 'conv2d', filters: 2, kernelSize: 3 }, { kernel });
  assert.deepEqual(output.data, input.data);
  assert.equal(macs, 4 * 5 * 3 * 3 * 2 * 2, 'every tap is counted, including those over the zero padding');
});

test('conv2d counts the taps over zero padding, so a 1x1 input with a 3x3 kernel still costs K·K·C·M', () => {
  const input = fromArray([1, 1, 3], [1, 2, 3]);
  const { macs } = conv2d(input, { kind: 'conv2d', filters: 4, kernelSize: 3 }, { kernel: new Float32Array(3 * 3 * 3 * 4) });
  assert.equal(macs, 3 * 3 * 3 * 4);
});

test('conv2d rejects a kernel of the wrong size, naming weights.kernel.length', () => {
  const input = randomTensor([4, 4, 3], 1);
  assert.throws(
    () => conv2d(input, { kind: 'conv2d', filters: 2, kernelSize: 3 }, { kernel: new Float32Array(10) }),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'weights.kernel.length' && /3·3·3·2 = 54/.test(error.message),
  );
});

test('conv2d rejects a missing bias when useBias is set, naming weights.bias', () => {
  const input = randomTensor([4, 4, 1], 1);
  assert.throws(
    () => conv2d(input, { kind: 'conv2d', filters: 2, kernelSize: 1, useBias: true }, { kernel: new Float32Array(2) }),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'weights.bias',
  );
});

test('conv2d rejects groups that do not divide the input channels, naming groups', () => {
  const input = randomTensor([4, 4, 3], 1);
  assert.throws(
    () => conv2d(input, { kind: 'conv2d', filters: 4, kernelSize: 1, groups: 2 }, { kernel: new Float32Array(6) }),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'groups',
  );
});

test('conv2d rejects a kernel larger than a valid-padded input, naming kernelSize', () => {
  const input = randomTensor([2, 2, 1], 1);
  assert.throws(
    () => conv2d(input, { kind: 'conv2d', filters: 1, kernelSize: 3, padding: 'valid' }, { kernel: new Float32Array(9) }),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'kernelSize',
  );
});

test('conv2d rejects input data whose length does not match its shape, naming input.data.length', () => {
  const input = { shape: [2, 2, 2] as const, data: new Float32Array(7) };
  assert.throws(
    () => conv2d(input, { kind: 'conv2d', filters: 1, kernelSize: 1 }, { kernel: new Float32Array(2) }),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'input.data.length',
  );
});

test('conv2d rejects stride 0, naming strides', () => {
  const input = randomTensor([2, 2, 1], 1);
  assert.throws(
    () => conv2d(input, { kind: 'conv2d', filters: 1, kernelSize: 1, strides: 0 }, { kernel: new Float32Array(1) }),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'strides',
  );
});
