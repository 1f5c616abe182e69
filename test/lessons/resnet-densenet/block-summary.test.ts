import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockSummary, SUMMARY_INPUT } from '../../../src/lessons/resnet-densenet/block-summary';
import { distantReuseShare, type ReuseCell } from '../../../src/experiments/feature-reuse';
import { ConvkitInputError } from '../../../src/core/errors';
import { evaluate } from 'mathjs';

const near = (a: number, b: number, tolerance = 1e-12) => Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b));

test('the review table has one row per block of the course, lessons 01 to 08', () => {
  const rows = blockSummary();
  assert.equal(rows.length, 9);
  assert.deepEqual([...new Set(rows.map((r) => r.lesson))], ['01', '02', '03', '04', '05', '06', '07', '08']);
});

test('the numeric ratios equal the symbolic ratios evaluated at the example size', () => {
  const [, , C] = SUMMARY_INPUT;
  const rows = blockSummary();
  const withRatio = rows.filter((r) => r.symbolicRatio !== undefined);
  // Every row that has one formula: standard, depthwise, pointwise, separable (squeeze-and-excite has a formula but no ratio).
  assert.deepEqual(
    withRatio.map((r) => r.block.split(' (')[0]),
    ['standard conv 3×3', 'depthwise conv 3×3', 'pointwise conv 1×1', 'depthwise separable'],
  );
  for (const row of withRatio) {
    // The example size in the cost model's symbols: K = 3, C = M = the input channels, 56×56, stride 1, d = 1.
    const symbolic = evaluate(row.symbolicRatio!, { K: 3, M: C, C, H: SUMMARY_INPUT[0], W: SUMMARY_INPUT[1], s: 1, d: 1 }) as number;
    assert.ok(near(row.ratio, symbolic), `${row.block}: ${row.ratio} vs ${row.symbolicRatio} = ${symbolic}`);
  }
  assert.equal(rows.find((r) => r.block.startsWith('basic block'))!.ratio, 2);
  assert.equal(rows.find((r) => r.block.startsWith('depthwise separable'))!.symbolicRatio, '1 / M + 1 / K ^ 2');
});

test('a dense layer costs 4k·C + 9·4k·k MACs per pixel against 9·C·k for a standard conv to k channels', () => {
  const row = blockSummary().find((r) => r.block.startsWith('dense layer'))!;
  const [H, W, C] = SUMMARY_INPUT;
  const k = 32;
  assert.equal(row.macs, H * W * (C * 4 * k + 9 * 4 * k * k));
  assert.equal(row.standardMacs, H * W * 9 * C * k);
});

test('the distant-reuse share is 1 for equal weights and below 1 when a layer prefers its predecessor', () => {
  const cells = (weights: number[]): ReuseCell[] =>
    weights.map((w, i) => ({ block: 1, target: 'layer 3', source: i === 0 ? 'block input' : `layer ${i}`, meanAbsWeight: w }));
  assert.ok(near(distantReuseShare(cells([0.2, 0.2, 0.2]), 1, 'layer 3'), 1));
  assert.ok(distantReuseShare(cells([0.1, 0.1, 0.4]), 1, 'layer 3') < 1);
  assert.throws(() => distantReuseShare(cells([0.1, 0.1]), 1, 'layer 3'), ConvkitInputError);
});
