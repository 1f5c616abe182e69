import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { separableConv2d } from '../../../src/layers/reference/separable-conv2d';
import { depthwiseConv2d } from '../../../src/layers/reference/depthwise-conv2d';
import { pointwiseConv2d } from '../../../src/layers/reference/pointwise-conv2d';
import { randomTensor } from '../../../src/core/tensor';
import { uniformArray } from '../../../src/core/random';
import { ConvkitInputError } from '../../../src/core/errors';
import { assertMatchesTf, kernelFits, shapeArb, tidy, toTf, useCpuBackend } from './helpers';

before(useCpuBackend);

test('separableConv2d equals tf.separableConv2d for random shapes, strides, dilations and depth multipliers', () => {
  fc.assert(
    fc.property(
      shapeArb(),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 2 }),
      fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      fc.integer({ min: 1, max: 2 }),
      fc.integer({ min: 1, max: 2 }),
      fc.constantFrom<'same' | 'valid'>('same', 'valid'),
      fc.nat(1000),
      (shape, filters, depthMultiplier, kernel, stride, dilation, padding, seed) => {
        const dilationUsed = stride === 1 ? dilation : 1;
        fc.pre(kernelFits(shape, kernel, [dilationUsed, dilationUsed], padding));
        const middle = shape[2] * depthMultiplier;
        const input = randomTensor(shape, seed);
        const weights = {
          depthwiseKernel: uniformArray(kernel[0] * kernel[1] * middle, seed + 1),
          pointwiseKernel: uniformArray(middle * filters, seed + 2),
        };
        const { output } = separableConv2d(
          input,
          { kind: 'separableConv2d', filters, kernelSize: kernel, strides: stride, dilation: dilationUsed, padding, depthMultiplier },
          weights,
        );
        tidy(() => {
          const expected = tf.separableConv2d(
            toTf(input),
            tf.tensor4d(weights.depthwiseKernel, [kernel[0], kernel[1], shape[2], depthMultiplier]),
            tf.tensor4d(weights.pointwiseKernel, [1, 1, middle, filters]),
            stride,
            padding,
            dilationUsed,
          );
          assertMatchesTf(output, expected);
        });
      },
    ),
    { numRuns: 150 },
  );
});

test('separableConv2d counts exactly the depthwise plus the pointwise multiply-adds', () => {
  const input = randomTensor([6, 6, 4], 5);
  const depthwiseKernel = uniformArray(3 * 3 * 4, 6);
  const pointwiseKernel = uniformArray(4 * 8, 7);
  const whole = separableConv2d(input, { kind: 'separableConv2d', filters: 8, kernelSize: 3, strides: 2 }, { depthwiseKernel, pointwiseKernel });
  const first = depthwiseConv2d(input, { kind: 'depthwiseConv2d', kernelSize: 3, strides: 2 }, { kernel: depthwiseKernel });
  const second = pointwiseConv2d(first.output, { kind: 'pointwiseConv2d', filters: 8 }, { kernel: pointwiseKernel });
  assert.equal(whole.macs, first.macs + second.macs);
  assert.equal(whole.macs, 3 * 3 * 3 * 3 * 4 + 3 * 3 * 4 * 8); // 3x3 output: H'W'K²C + H'W'CM
  assert.deepEqual(whole.output.data, second.output.data);
});

test('separableConv2d names weights.pointwiseKernel when that kernel has the wrong size', () => {
  assert.throws(
    () =>
      separableConv2d(
        randomTensor([4, 4, 2], 1),
        { kind: 'separableConv2d', filters: 3, kernelSize: 3 },
        { depthwiseKernel: new Float32Array(18), pointwiseKernel: new Float32Array(5) },
      ),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'weights.pointwiseKernel.length',
  );
});
