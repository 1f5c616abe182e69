import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kitInvertedResidual, maxAbsDifference, seededInvertedResidualWeights, seededSqueezeExciteWeights } from '../../../src/lessons/mobilenet/block-code';
import { fromArray } from '../../../src/core/tensor';
import { uniformArray } from '../../../src/core/random';

// A 2×2×1 map through a block with t = 2 and one output channel, worked by hand:
// expand w = [1, −1] → ReLU6; depthwise 3×3 of ones on channel 0, zeros on channel 1 → ReLU6; project [1, 0].
test('the kit block with identity batch norm is the bare block: a 2×2 map worked by hand', () => {
  const input = fromArray([2, 2, 1], [1, 2, 3, 7]);
  const depthwise = new Float32Array(18);
  for (let i = 0; i < 9; i++) depthwise[2 * i] = 1;
  const weights = { expand: new Float32Array([1, -1]), depthwise, project: new Float32Array([1, 0]) };
  const out = kitInvertedResidual(input, weights, 2, 1, 1);
  // relu6 clips 7 to 6; every 3×3 'same' window on a 2×2 map covers all four pixels: 1 + 2 + 3 + 6 = 12 → relu6 = 6; plus the input.
  assert.deepEqual(
    Array.from(out.data).map((v) => Math.round(v * 1e4) / 1e4),
    [7, 8, 9, 13],
  );
});

test('seeded weights have the sizes of the block and repeat with the seed', () => {
  const w = seededInvertedResidualWeights(3, 6, 5, 1);
  assert.deepEqual([w.expand.length, w.depthwise.length, w.project.length], [3 * 18, 9 * 18, 18 * 5]);
  assert.deepEqual(w.project, seededInvertedResidualWeights(3, 6, 5, 1).project);
  const se = seededSqueezeExciteWeights(24, 8, 2);
  assert.deepEqual([se.squeezeKernel.length, se.squeezeBias.length, se.exciteKernel.length, se.exciteBias.length], [192, 8, 192, 24]);
});

test('maxAbsDifference is the largest gap, and Infinity for different shapes', () => {
  const a = fromArray([1, 2, 1], [1, 2]);
  assert.equal(maxAbsDifference(a, fromArray([1, 2, 1], [1.5, 1])), 1);
  assert.equal(maxAbsDifference(a, fromArray([2, 1, 1], uniformArray(2, 3))), Infinity);
});
