import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { zeroPadShortcut } from '../../../src/layers/reference/zero-pad-shortcut';
import { randomTensor } from '../../../src/core/tensor';
import { ConvkitInputError } from '../../../src/core/errors';
import { assertMatchesTf, shapeArb, tidy, toTf, useCpuBackend } from './helpers';

before(useCpuBackend);

test('zeroPadShortcut equals tf.stridedSlice every s-th pixel then tf.pad of the extra channels', () => {
  fc.assert(
    fc.property(shapeArb(), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 4 }), fc.nat(1000), (shape, strides, extra, seed) => {
      const filters = shape[2] + extra;
      const input = randomTensor(shape, seed);
      const result = zeroPadShortcut(input, { kind: 'zeroPadShortcut', filters, strides });
      assert.equal(result.macs, 0);
      tidy(() => {
        const sub = tf.stridedSlice(toTf(input), [0, 0, 0, 0], [1, shape[0], shape[1], shape[2]], [1, strides, strides, 1]);
        assertMatchesTf(
          result.output,
          tf.pad(sub, [
            [0, 0],
            [0, 0],
            [0, 0],
            [0, extra],
          ]),
        );
      });
    }),
    { numRuns: 100 },
  );
});

test('zeroPadShortcut refuses to drop channels, naming filters', () => {
  assert.throws(
    () => zeroPadShortcut(randomTensor([2, 2, 4], 1), { kind: 'zeroPadShortcut', filters: 3 }),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'filters',
  );
});
