import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { centerSquare, crop, resize } from '../../src/data/resize';
import { fromArray, randomTensor } from '../../src/core/tensor';
import { ConvkitInputError } from '../../src/core/errors';

before(async () => {
  await tf.setBackend('cpu');
});

test('resize equals tf.image.resizeBilinear / resizeNearestNeighbor with half-pixel centres', () => {
  fc.assert(
    fc.property(
      fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 3 })),
      fc.integer({ min: 1, max: 20 }),
      fc.integer({ min: 1, max: 20 }),
      fc.constantFrom<'nearest' | 'bilinear'>('nearest', 'bilinear'),
      fc.nat(1000),
      (shape, height, width, method, seed) => {
        const image = randomTensor(shape, seed, 0, 1);
        const mine = resize(image, height, width, method);
        const theirs = tf.tidy(() => {
          const x = tf.tensor3d(image.data, [...shape]);
          return (
            method === 'bilinear' ? tf.image.resizeBilinear(x, [height, width], false, true) : tf.image.resizeNearestNeighbor(x, [height, width], false, true)
          ).dataSync();
        });
        assert.deepEqual([...mine.shape], [height, width, shape[2]]);
        for (let i = 0; i < theirs.length; i++) assert.ok(Math.abs(theirs[i] - mine.data[i]) < 1e-5, `${method} element ${i}`);
      },
    ),
    { numRuns: 100 },
  );
});

test('crop cuts the requested rectangle and centerSquare the middle of a wide image', () => {
  const image = fromArray([2, 4, 1], [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual([...crop(image, 1, 1, 1, 2).data], [5, 6]);
  const square = centerSquare(image);
  assert.deepEqual([...square.shape], [2, 2, 1]);
  assert.deepEqual([...square.data], [1, 2, 5, 6]);
});

test('a crop that leaves the image is rejected, naming the side', () => {
  assert.throws(
    () => crop(randomTensor([4, 4, 1], 1), 2, 0, 3, 1),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'top + height',
  );
});

test('resize rejects a size of 0, naming height', () => {
  assert.throws(
    () => resize(randomTensor([4, 4, 1], 1), 0, 4),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'height',
  );
});

test('a resize to an absurd size is refused with a message, not a RangeError', () => {
  assert.throws(
    () => resize(randomTensor([2, 2, 1], 1), 100_000, 100_000),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'height·width·channels',
  );
});
