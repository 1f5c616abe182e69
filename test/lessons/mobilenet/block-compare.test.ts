import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareBlocks, squeezeExciteCost } from '../../../src/lessons/mobilenet/block-compare';

const [v1Wide, v1Thin, v2, v3] = compareBlocks({ size: 28, bottleneck: 32, expansion: 6 });

test('the v2 block costs expand + depthwise + project, written out', () => {
  const hw = 28 * 28;
  assert.equal(v2.macs, hw * 32 * 192 + hw * 192 * 9 + hw * 192 * 32);
  assert.equal(v1Wide.macs, hw * 192 * 9 + hw * 192 * 192);
  assert.equal(v1Thin.macs, hw * 32 * 9 + hw * 32 * 32);
});

test('at the same depthwise width a v2 block needs fewer MACs and weights than a v1 block, and passes on a t times smaller tensor', () => {
  assert.ok(v2.macs < v1Wide.macs / 2);
  assert.ok(v2.weights < v1Wide.weights / 2);
  assert.equal(v1Wide.outputBytes / v2.outputBytes, 6);
});

test('v3 adds exactly the SE multiply-adds 2·C·S on top of the v2 block', () => {
  // SE on 192 channels squeezes to makeDivisible(192 / 4, 8) = 48.
  assert.equal(v3.macs - v2.macs, 2 * 192 * 48);
});

test('squeeze-and-excite in the 28×28×40 block of v3-Large adds < 0.1% MACs but > 50% weights', () => {
  const se = squeezeExciteCost();
  assert.equal(se.withSe.macs - se.withoutSe.macs, 2 * 120 * 32);
  assert.ok(se.extraMacsPercent < 0.1);
  assert.ok(se.extraWeightsPercent > 50);
});
