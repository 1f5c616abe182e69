import { test } from 'node:test';
import assert from 'node:assert/strict';
import { widthResolutionGrid } from '../../../src/lessons/mobilenet/width-resolution-grid';
import { ConvkitInputError } from '../../../src/core/errors';

const grid = widthResolutionGrid();

test("the default grid is the paper's 4 widths × 4 resolutions", () => {
  assert.equal(grid.length, 16);
});

test('the weights do not depend on the resolution', () => {
  for (const alpha of [1, 0.75, 0.5, 0.25]) {
    const weights = new Set(grid.filter((g) => g.alpha === alpha).map((g) => g.weights));
    assert.equal(weights.size, 1, `alpha ${alpha}`);
  }
});

test('MACs scale close to ρ² with the resolution and α² with the width', () => {
  const at = (alpha: number, resolution: number) => grid.find((g) => g.alpha === alpha && g.resolution === resolution)!.macs;
  const rho = 128 / 224;
  assert.ok(Math.abs(at(1, 128) / at(1, 224) - rho * rho) < 0.02);
  assert.ok(Math.abs(at(0.5, 224) / at(1, 224) - 0.25) < 0.02);
});

test('every point the paper prints (Tables 4, 6, 7) is reproduced to its printed rounding', () => {
  const printed = grid.filter((g) => g.publishedMillionMacs !== undefined);
  assert.equal(printed.length, 7);
  for (const g of printed) {
    assert.ok(Math.abs(g.macs / 1e6 - g.publishedMillionMacs!) <= 0.75, `α ${g.alpha}, ${g.resolution}: ${g.macs}`);
    if (g.publishedMillionWeights !== undefined) assert.ok(Math.abs(g.weights / 1e6 - g.publishedMillionWeights) <= 0.05);
  }
});

test('an empty list of widths is an input error that names the field', () => {
  assert.throws(
    () => widthResolutionGrid([], [224]),
    (e: unknown) => e instanceof ConvkitInputError && /alphas/.test(e.message),
  );
  assert.throws(() => widthResolutionGrid([1], [0]), ConvkitInputError);
});
