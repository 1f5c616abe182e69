import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { deriveSeed } from '../../../src/layers/tf';
import { requireKernelInitializerName, requireSeed } from '../../../src/layers/tf/kernel-initializer';
import { ConvkitInputError } from '../../../src/core/errors';

test('derived seeds are 32-bit integers that depend on the model seed, the layer and the slot', () => {
  fc.assert(
    fc.property(fc.nat(), fc.nat({ max: 5000 }), fc.nat({ max: 3 }), (seed, layer, slot) => {
      const s = deriveSeed(seed, layer, slot);
      assert.ok(Number.isInteger(s) && s >= 0 && s < 2 ** 32);
      assert.equal(deriveSeed(seed, layer, slot), s);
      assert.notEqual(deriveSeed(seed + 1, layer, slot), s);
      assert.notEqual(deriveSeed(seed, layer + 1, slot), s);
      assert.notEqual(deriveSeed(seed, layer, slot + 1), s);
    }),
    { numRuns: 1000 },
  );
});

test('every layer of a 2000-node model gets its own seed', () => {
  for (const seed of [0, 1, 12345]) {
    const seeds = new Set(Array.from({ length: 2000 }, (_, i) => deriveSeed(seed, i, 0)));
    assert.equal(seeds.size, 2000);
  }
});

test('seeds above 2^32 still differ from their low 32 bits', () => {
  assert.notEqual(deriveSeed(2 ** 32 + 7, 0, 0), deriveSeed(7, 0, 0));
});

test('bad seeds and unknown initialiser names are refused, naming the field', () => {
  for (const bad of [-1, 1.5, Number.NaN, '3', 2 ** 60]) {
    assert.throws(
      () => requireSeed('seed', bad),
      (e: unknown) => e instanceof ConvkitInputError && e.field === 'seed',
    );
  }
  assert.throws(
    () => requireKernelInitializerName('kernelInitializer', 'orthogonal'),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'kernelInitializer',
  );
});
