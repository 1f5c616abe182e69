import { test } from 'node:test';
import assert from 'node:assert/strict';
import { depthwiseVsStandardOverFilters, groupSweep, kernelFilterGrid, kindComparison, resolutionSweep } from '../../../src/lessons/conv-basics/cost-grids';
import { ConvkitInputError } from '../../../src/core/errors';

test('every cell of the K×M grid is H·W·K·K·C·M MACs and K·K·C·M parameters', () => {
  const cells = kernelFilterGrid([28, 28, 16], [1, 3, 5, 7], [8, 32]);
  assert.equal(cells.length, 8);
  for (const { K, M, macs, params, mmacs } of cells) {
    assert.equal(macs, 28 * 28 * K * K * 16 * M);
    assert.equal(params, K * K * 16 * M);
    assert.ok(Math.abs(mmacs - macs / 1e6) < 1e-9);
  }
});

test('the cost grows with the number of pixels: doubling the side quadruples it', () => {
  const rows = resolutionSweep({ kind: 'conv2d', kernelSize: 3, filters: 32 }, 16, [28, 56, 112, 224]);
  assert.deepEqual(
    rows.map((r) => r.relativeMacs),
    [1, 4, 16, 64],
  );
  for (const row of rows) assert.equal(row.relativeMacs, row.pixelRatio);
});

test('depthwise costs 1/M and pointwise 1/K² of the standard convolution', () => {
  const [standard, depthwise, pointwise] = kindComparison([14, 14, 64], 5, 128);
  assert.equal(standard.macsVsStandard, 1);
  assert.ok(Math.abs(depthwise.macsVsStandard - 1 / 128) < 1e-15);
  assert.ok(Math.abs(pointwise.macsVsStandard - 1 / 25) < 1e-15);
  assert.equal(depthwise.outputShape, '14×14×64');
  assert.equal(pointwise.outputShape, '14×14×128');
});

test('the depthwise curve stays flat while the standard one grows with M', () => {
  const rows = depthwiseVsStandardOverFilters([28, 28, 32], 3, [16, 64, 256]);
  const depthwise = rows.filter((r) => r.layer === 'depthwise').map((r) => r.macs);
  assert.equal(new Set(depthwise).size, 1);
  for (const row of rows) assert.ok(Math.abs(row.depthwiseShare - 1 / row.M) < 1e-15);
});

test('empty or non-integer size lists are input errors that name the field', () => {
  assert.throws(
    () => kernelFilterGrid([8, 8, 3], [], [4]),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'kernelSizes',
  );
  assert.throws(
    () => resolutionSweep({ kind: 'conv2d', kernelSize: 3, filters: 4 }, 3, [8, 2.5]),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'sides[1]',
  );
});

test('g channel groups cut MACs and parameters to 1/g, from standard (g = 1) down to depthwise (g = C = M)', () => {
  const rows = groupSweep([56, 56, 128], 3, 128, [1, 2, 32, 128]);
  for (const { g, channelsPerGroup, filtersPerGroup, macs, params, macsVsStandard } of rows) {
    assert.equal(channelsPerGroup, 128 / g);
    assert.equal(filtersPerGroup, 128 / g);
    assert.equal(macs, (56 * 56 * 3 * 3 * 128 * 128) / g);
    assert.equal(params, (3 * 3 * 128 * 128) / g);
    assert.ok(Math.abs(macsVsStandard - 1 / g) < 1e-15);
  }
  // g = C = M costs exactly what the depthwise layer costs
  const depthwise = kindComparison([56, 56, 128], 3, 128)[1];
  assert.equal(rows[3].macs, depthwise.macs);
  assert.equal(rows[3].params, depthwise.params);
  assert.throws(() => groupSweep([56, 56, 128], 3, 128, [3]), ConvkitInputError);
});
