import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { invertedResidualBlock } from '../../src/models/blocks';
import { makeDivisible, roundHalfToEven, scaleChannelsV1 } from '../../src/models/channels';

test('makeDivisible rounds to the nearest multiple of 8 as the reference MobileNet code does', () => {
  assert.equal(makeDivisible(32, 8), 32);
  assert.equal(makeDivisible(32 * 0.75, 8), 24);
  assert.equal(makeDivisible(16 * 0.5, 8), 8);
  assert.equal(makeDivisible(20, 8), 24); // 20 + 4 = 24 → 24
  assert.equal(makeDivisible(19.9, 8), 24); // rounds to 16, below 0.9 × 19.9 = 17.9, so one more 8
});

test('makeDivisible adds a divisor when rounding down would lose more than 10%', () => {
  // 11.2 rounds to 8, which is 29% below, so the answer is 16.
  assert.equal(makeDivisible(32 * 0.35, 8), 16);
  // 96 × 0.35 = 33.6 rounds to 32, 5% below: kept.
  assert.equal(makeDivisible(96 * 0.35, 8), 32);
  // A quarter of 72 channels (MobileNet v3 SE squeeze): 18 → 16 would lose 11%, so 24.
  assert.equal(makeDivisible(72 / 4, 8), 24);
});

test('makeDivisible never goes below the minimum, returns a multiple of the divisor and stays within 10% below', () => {
  fc.assert(
    fc.property(fc.double({ min: 0.01, max: 5000, noNaN: true }), fc.constantFrom(4, 8, 16), (value, divisor) => {
      const result = makeDivisible(value, divisor);
      assert.equal(result % divisor, 0);
      assert.ok(result >= divisor);
      assert.ok(result >= 0.9 * value);
      assert.ok(result <= Math.max(divisor, value + divisor / 2 + divisor));
    }),
  );
});

test('scaleChannelsV1 rounds α·C to the nearest whole channel and keeps at least one', () => {
  assert.equal(scaleChannelsV1(32, 0.25), 8);
  assert.equal(scaleChannelsV1(1024, 0.75), 768);
  assert.equal(scaleChannelsV1(32, 0.3), 10); // 9.6 → 10 (Keras would truncate to 9)
  assert.equal(scaleChannelsV1(32, 0.001), 1);
});

test('roundHalfToEven rounds ties to the even neighbour, as Python 3 round() does', () => {
  assert.equal(roundHalfToEven(12.5), 12);
  assert.equal(roundHalfToEven(13.5), 14);
  assert.equal(roundHalfToEven(0.5), 0);
  assert.equal(roundHalfToEven(1.5), 2);
  assert.equal(roundHalfToEven(12.4999), 12);
  assert.equal(roundHalfToEven(12.5001), 13);
  assert.equal(roundHalfToEven(7), 7);
  // Off a tie it is Math.round; on a tie it never moves to the odd neighbour.
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 99 }), (whole, hundredths) => {
      const value = whole + hundredths / 100;
      const rounded = roundHalfToEven(value);
      if (hundredths === 50) assert.equal(rounded % 2, 0);
      else assert.equal(rounded, Math.round(value));
    }),
  );
});

test('the inverted residual expands t·C = 12.5 to 12 channels (the reference rounds half to even), 13.5 to 14', () => {
  const expandFilters = (inputChannels: number, expansion: number): number => {
    const block = invertedResidualBlock({ prefix: 'b', input: 'input', inputChannels, expansion, filters: 8 });
    const expand = block.nodes.find((node) => node.name === 'b_expand')!.layer as { filters: number };
    return expand.filters;
  };
  assert.equal(expandFilters(5, 2.5), 12);
  assert.equal(expandFilters(27, 0.5), 14);
  assert.equal(expandFilters(24, 6), 144);
});
