import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mulberry32, seededPermutation, uniformArray } from '../../src/core/random';
import { ConvkitInputError } from '../../src/core/errors';

test('the same seed gives the same sequence and different seeds give different ones', () => {
  const a = mulberry32(42);
  const b = mulberry32(42);
  const c = mulberry32(43);
  const first = Array.from({ length: 5 }, () => a());
  assert.deepEqual(
    Array.from({ length: 5 }, () => b()),
    first,
  );
  assert.notDeepEqual(
    Array.from({ length: 5 }, () => c()),
    first,
  );
});

test('mulberry32 stays in [0, 1) and its mean over 10,000 draws is close to 1/2', () => {
  fc.assert(
    fc.property(fc.integer(), (seed) => {
      const next = mulberry32(seed);
      let sum = 0;
      for (let i = 0; i < 10_000; i++) {
        const u = next();
        assert.ok(u >= 0 && u < 1);
        sum += u;
      }
      assert.ok(Math.abs(sum / 10_000 - 0.5) < 0.02, `mean ${sum / 10_000}`);
    }),
    { numRuns: 20 },
  );
});

test('uniformArray draws within [low, high)', () => {
  const values = uniformArray(1000, 3, -2, 5);
  assert.ok(values.every((v) => v >= -2 && v < 5));
});

test('seededPermutation is a permutation and depends only on the seed', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 200 }), fc.integer(), (count, seed) => {
      const order = seededPermutation(count, seed);
      assert.deepEqual(
        [...order].sort((x, y) => x - y),
        Array.from({ length: count }, (_, i) => i),
      );
      assert.deepEqual(seededPermutation(count, seed), order);
    }),
  );
});

test('a fractional seed is rejected, naming seed', () => {
  assert.throws(
    () => mulberry32(1.5),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'seed',
  );
});
