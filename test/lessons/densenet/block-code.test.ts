/**
 * The helpers behind lessons 06 and 07's block-code cells: the kit's dense
 * block and transition, run with the notebook's nested weights, against
 * small cases worked by hand and against a nested-array version written
 * here; the seeded weights repeat and have the block's sizes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  kitDenseBlock,
  kitTransition,
  maxNestedDifference,
  seededBatchNorm,
  seededDenseBlockWeights,
  seededTransitionWeights,
  type DenseLayerWeights,
  type NestedBatchNorm,
} from '../../../src/lessons/densenet/block-code';
import { fromArray, randomTensor } from '../../../src/core/tensor';
import { toArray3 } from '../../../src/exercises/implementation/values';

type Map3 = number[][][];

/** A BN that passes its input through: γ = 1, β = 0, μ = 0, σ² = 1 − ε. */
const identityBn = (channels: number, epsilon = 1.001e-5): NestedBatchNorm => ({
  gamma: new Array(channels).fill(1),
  beta: new Array(channels).fill(0),
  mean: new Array(channels).fill(0),
  variance: new Array(channels).fill(1 - epsilon),
  epsilon,
});

const rounded = (values: ArrayLike<number>) => Array.from(values, (v) => Math.round(v * 1e4) / 1e4);

test('kitDenseBlock on a 1×1 map worked by hand: the input first, each new channel after it', () => {
  // x_0 = [2, −1]; layer 1: ReLU → [2, 0], the 3×3 kernel's centre tap [1, 1] → 2; layer 2 reads [2, −1, 2] → ReLU [2, 0, 2], centre [1, 0, −1] → 0.
  const centre = (weights: number[]) =>
    Array.from({ length: 3 }, (_, i) => Array.from({ length: 3 }, (_, j) => weights.map((w) => [i === 1 && j === 1 ? w : 0])));
  const layers: DenseLayerWeights[] = [
    { bn0: identityBn(2), conv1: centre([1, 1]) },
    { bn0: identityBn(3), conv1: centre([1, 0, -1]) },
  ];
  const out = kitDenseBlock(fromArray([1, 1, 2], [2, -1]), layers, 1);
  assert.deepEqual(out.shape, [1, 1, 4]);
  assert.deepEqual(rounded(out.data), [2, -1, 2, 0]);
});

test('kitTransition on a 3×3 map worked by hand: ReLU, halve the channels, average the top-left 2×2, drop the last row and column', () => {
  // Two channels; channel 0 = 1…9 row by row, channel 1 = −1 everywhere (ReLU → 0); the 1×1 kernel keeps channel 0 + channel 1.
  const data = Array.from({ length: 9 }, (_, i) => [i + 1, -1]).flat();
  const out = kitTransition(fromArray([3, 3, 2], data), { bn: identityBn(2), kernel: [[1], [1]] });
  assert.deepEqual(out.shape, [1, 1, 1]);
  assert.deepEqual(rounded(out.data), [(1 + 2 + 4 + 5) / 4]);
});

/** The block on nested arrays, written here: BN → ReLU → conv (→ BN → ReLU → conv), concatenated in order. */
function nestedBlock(x0: Map3, layers: DenseLayerWeights[]): Map3 {
  const bnRelu = (x: Map3, bn: NestedBatchNorm) =>
    x.map((r) => r.map((p) => p.map((v, c) => Math.max(0, (bn.gamma[c] * (v - bn.mean[c])) / Math.sqrt(bn.variance[c] + bn.epsilon) + bn.beta[c]))));
  const conv = (x: Map3, w: number[][][][]) => {
    const pad = (w.length - 1) / 2;
    return x.map((r, y) =>
      r.map((_, xx) =>
        w[0][0][0].map((_, m) => {
          let s = 0;
          for (let i = 0; i < w.length; i++)
            for (let j = 0; j < w.length; j++) {
              const p = x[y + i - pad]?.[xx + j - pad];
              if (p) p.forEach((v, c) => (s += v * w[i][j][c][m]));
            }
          return s;
        }),
      ),
    );
  };
  const cat = (maps: Map3[]) => maps[0].map((r, y) => r.map((_, x) => maps.flatMap((m) => m[y][x])));
  const features = [x0];
  for (const w of layers) {
    const z = conv(bnRelu(cat(features), w.bn0), w.conv1);
    features.push(w.conv2 && w.bn1 ? conv(bnRelu(z, w.bn1), w.conv2) : z);
  }
  return cat(features);
}

test('kitDenseBlock agrees with a nested-array block on seeded weights, plain and bottleneck, and not when the order is reversed', () => {
  const input = randomTensor([5, 6, 3], 11);
  for (const bottleneck of [false, true]) {
    const weights = seededDenseBlockWeights(3, 4, 3, bottleneck, 20);
    const kit = kitDenseBlock(input, weights, 4);
    const mine = nestedBlock(toArray3(input), weights);
    assert.deepEqual(kit.shape, [5, 6, 3 + 3 * 4]);
    assert.ok(maxNestedDifference(mine, kit) < 1e-5, `bottleneck ${bottleneck}`);
    const reversed = mine.map((r) => r.map((p) => [...p.slice(3), ...p.slice(0, 3)]));
    assert.ok(maxNestedDifference(reversed, kit) > 0.1);
  }
});

test('seeded weights repeat with the seed, have the block sizes and differ per channel; θ·C is exact for the transition', () => {
  const w = seededDenseBlockWeights(16, 12, 3, true, 60);
  assert.deepEqual(w, seededDenseBlockWeights(16, 12, 3, true, 60));
  assert.deepEqual(
    w.map((l) => [l.bn0.gamma.length, l.conv1[0][0].length, l.conv1[0][0][0].length, l.conv2?.length]),
    [
      [16, 16, 48, 3],
      [28, 28, 48, 3],
      [40, 40, 48, 3],
    ],
  );
  const bn = seededBatchNorm(8, 1);
  assert.equal(new Set(bn.variance).size, 8);
  assert.ok(bn.variance.every((v) => v >= 0.5));
  const t = seededTransitionWeights(12, 0.25, 71);
  assert.deepEqual([t.kernel.length, t.kernel[0].length], [12, 3]);
  const out = kitTransition(randomTensor([7, 6, 12], 3), seededTransitionWeights(12, 7 / 12, 5));
  assert.deepEqual(out.shape, [3, 3, 7]);
});

test('maxNestedDifference is the largest gap, and Infinity for different shapes', () => {
  const kit = fromArray([1, 2, 1], [1, 2]);
  assert.equal(maxNestedDifference([[[1.5], [1]]], kit), 1);
  assert.equal(maxNestedDifference([[[1]], [[2]]], kit), Infinity);
});
