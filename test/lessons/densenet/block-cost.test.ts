import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ConvkitInputError } from '../../../src/core/errors';
import { blockCost, bottleneckBreakEvenChannels, bottleneckByLayer, growthDepthGrid } from '../../../src/lessons/densenet/block-cost';
import { plainBlockMacsClosedForm } from '../../../src/lessons/densenet/layer-formulas';

test('the growth grid holds one block per (k, L) pair with k0 + L·k output channels and the closed-form MACs', () => {
  const grid = growthDepthGrid([8, 8, 16], [6, 12], [2, 4, 8]);
  assert.equal(grid.length, 6);
  for (const point of grid) {
    assert.equal(point.outputChannels, 16 + point.layers * point.growthRate);
    assert.equal(point.macs, plainBlockMacsClosedForm(8, 8, 16, point.growthRate, point.layers));
  }
});

test("doubling the number of layers more than doubles a block's MACs and parameters: every layer reads all earlier ones", () => {
  for (const k of [6, 12, 32]) {
    const short = blockCost([8, 8, 2 * k], k, 6, true);
    const long = blockCost([8, 8, 2 * k], k, 12, true);
    assert.ok(long.macs > 2 * short.macs, `k = ${k}`);
    assert.ok(long.params > 2 * short.params, `k = ${k}`);
  }
});

test('a bottleneck layer costs fewer MACs than a plain one exactly when its input has more than 7.2·k channels', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 10 }), (k, k0, layers) => {
      const breakEven = bottleneckBreakEvenChannels(k);
      for (const row of bottleneckByLayer([4, 4, k0], k, layers)) {
        assert.equal(row.inputChannels, k0 + (row.layer - 1) * k);
        if (row.inputChannels > breakEven) assert.ok(row.ratio < 1, JSON.stringify(row));
        else if (row.inputChannels < breakEven) assert.ok(row.ratio > 1, JSON.stringify(row));
        else assert.equal(row.ratio, 1);
      }
    }),
    { numRuns: 30, seed: 11 },
  );
});

test('bad grid inputs name the field, the value and the rule', () => {
  assert.throws(
    () => growthDepthGrid([8, 8, 16], [], [2]),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'growthRates',
  );
  assert.throws(
    () => growthDepthGrid([8, 8, 16], [12], [0]),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'layerCounts[0]',
  );
  assert.throws(
    () => bottleneckBreakEvenChannels(1.5),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'growthRate',
  );
});
