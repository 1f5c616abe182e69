import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTensor, fromArray, randomTensor, valueAt, zeros } from '../../src/core/tensor';
import { ConvkitInputError } from '../../src/core/errors';

test('values are stored NHWC: channels fastest, then columns, then rows', () => {
  const t = fromArray(
    [2, 3, 2],
    Array.from({ length: 12 }, (_, i) => i),
  );
  assert.equal(valueAt(t, 0, 0, 1), 1);
  assert.equal(valueAt(t, 0, 1, 0), 2);
  assert.equal(valueAt(t, 1, 0, 0), 6);
  assert.equal(valueAt(t, 1, 2, 1), 11);
});

test('zeros has H·W·C zeros and randomTensor is reproducible from its seed', () => {
  assert.deepEqual(zeros([2, 2, 3]).data, new Float32Array(12));
  assert.deepEqual(randomTensor([3, 3, 2], 5).data, randomTensor([3, 3, 2], 5).data);
  assert.notDeepEqual(randomTensor([3, 3, 2], 5).data, randomTensor([3, 3, 2], 6).data);
});

test('fromArray rejects a value count that does not match the shape, naming tensor.data.length', () => {
  assert.throws(
    () => fromArray([2, 2, 2], [1, 2, 3]),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'tensor.data.length' && /2·2·2 = 8/.test(error.message),
  );
});

test('a non-integer or missing size is rejected, naming the axis', () => {
  assert.throws(
    () => zeros([2, 1.5, 1]),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'shape[1] (width)',
  );
  assert.throws(
    () => zeros([2, 2] as never),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'shape',
  );
});

test('checkTensor rejects plain arrays as data, naming input.data', () => {
  assert.throws(
    () => checkTensor('input', { shape: [1, 1, 1], data: [1] as unknown as Float32Array }),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'input.data',
  );
});

test('a shape too large to allocate is refused up front, naming its element count', () => {
  assert.throws(
    () => zeros([100_000, 100_000, 3]),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'shape elements',
  );
});
