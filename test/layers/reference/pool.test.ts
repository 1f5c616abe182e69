import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { avgPool, maxPool, pool2d } from '../../../src/layers/reference/pool';
import { fromArray, randomTensor } from '../../../src/core/tensor';
import { ConvkitInputError } from '../../../src/core/errors';
import { assertMatchesTf, kernelFits, paddingArb, shapeArb, tidy, toTf, useCpuBackend } from './helpers';

before(useCpuBackend);

test('maxPool and avgPool equal tf.maxPool and tf.avgPool (explicit zeros: tf.pad, then a valid pool)', () => {
  fc.assert(
    fc.property(
      shapeArb(),
      fc.constantFrom<'maxPool' | 'avgPool'>('maxPool', 'avgPool'),
      fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
      fc.option(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })), { nil: undefined }),
      paddingArb,
      fc.nat(1000),
      (shape, kind, poolSize, strides, padding, seed) => {
        fc.pre(kernelFits(shape, poolSize, [1, 1], padding));
        const input = randomTensor(shape, seed, -2, 2);
        const result = pool2d(input, { kind, poolSize, strides, padding });
        assert.equal(result.macs, 0);
        tidy(() => {
          let x: tf.Tensor4D = toTf(input);
          let tfPad: 'same' | 'valid' = 'valid';
          if (padding === 'same') tfPad = 'same';
          else if (padding !== 'valid') {
            x = tf.pad(x, [
              [0, 0],
              [padding.top, padding.bottom],
              [padding.left, padding.right],
              [0, 0],
            ]);
          }
          const tfStrides = strides ?? poolSize; // Keras's default: strides = poolSize
          const expected = kind === 'maxPool' ? tf.maxPool(x, poolSize, tfStrides, tfPad) : tf.avgPool(x, poolSize, tfStrides, tfPad);
          assertMatchesTf(result.output, expected);
        });
      },
    ),
    { numRuns: 200 },
  );
});

test("avgPool with 'same' padding divides a corner window by its real pixels only", () => {
  const input = fromArray([2, 2, 1], [1, 2, 3, 4]);
  const { output } = avgPool(input, { poolSize: 3, strides: 1, padding: 'same' });
  // Every 3x3 window centred on a pixel of a 2x2 map covers all four real pixels.
  assert.deepEqual([...output.data], [2.5, 2.5, 2.5, 2.5]);
});

test('maxPool 2x2 stride 2 keeps the largest of each block', () => {
  const input = fromArray([2, 4, 1], [1, 5, 2, 0, 3, 4, -1, 7]);
  assert.deepEqual([...maxPool(input, { poolSize: 2 }).output.data], [5, 7]);
});

test('a pool window larger than a valid-padded input is rejected, naming poolSize', () => {
  assert.throws(
    () => maxPool(randomTensor([2, 2, 1], 1), { poolSize: 3 }),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'poolSize',
  );
});
