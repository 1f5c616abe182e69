import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { add } from '../../../src/layers/reference/add';
import { randomTensor } from '../../../src/core/tensor';
import { ConvkitInputError } from '../../../src/core/errors';
import { assertMatchesTf, shapeArb, tidy, toTf, useCpuBackend } from './helpers';

before(useCpuBackend);

test('add of two to four same-shaped maps equals tf.addN', () => {
  fc.assert(
    fc.property(shapeArb(), fc.integer({ min: 2, max: 4 }), fc.nat(1000), (shape, count, seed) => {
      const inputs = Array.from({ length: count }, (_, n) => randomTensor(shape, seed + n));
      const result = add(inputs);
      assert.equal(result.macs, 0);
      tidy(() => assertMatchesTf(result.output, tf.addN(inputs.map(toTf))));
    }),
    { numRuns: 100 },
  );
});

test('add leaves its inputs unchanged', () => {
  const a = randomTensor([2, 2, 2], 1);
  const copy = Float32Array.from(a.data);
  add([a, randomTensor([2, 2, 2], 2)]);
  assert.deepEqual(a.data, copy);
});

test('add rejects maps of different shapes, naming the odd input', () => {
  assert.throws(
    () => add([randomTensor([2, 2, 2], 1), randomTensor([2, 2, 3], 2)]),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'inputShapes[1]',
  );
});

test('add rejects a single input, naming inputs', () => {
  assert.throws(
    () => add([randomTensor([2, 2, 2], 1)]),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'inputs',
  );
});
