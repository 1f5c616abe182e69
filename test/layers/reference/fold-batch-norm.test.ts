import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { foldBatchNorm } from '../../../src/layers/reference/fold-batch-norm';
import { batchNorm, type BatchNormWeights } from '../../../src/layers/reference/batch-norm';
import { conv2d } from '../../../src/layers/reference/conv2d';
import { depthwiseConv2d } from '../../../src/layers/reference/depthwise-conv2d';
import { pointwiseConv2d } from '../../../src/layers/reference/pointwise-conv2d';
import { randomTensor, type Tensor3 } from '../../../src/core/tensor';
import { uniformArray } from '../../../src/core/random';
import { ConvkitInputError } from '../../../src/core/errors';

function statistics(channels: number, seed: number): BatchNormWeights {
  return {
    gamma: uniformArray(channels, seed, -2, 2),
    beta: uniformArray(channels, seed + 1, -1, 1),
    movingMean: uniformArray(channels, seed + 2, -1, 1),
    movingVariance: uniformArray(channels, seed + 3, 0, 3),
  };
}

function largestDifference(a: Tensor3, b: Tensor3): number {
  assert.deepEqual([...a.shape], [...b.shape]);
  return a.data.reduce((worst, value, i) => Math.max(worst, Math.abs(value - b.data[i])), 0);
}

const scaleOf = (t: Tensor3): number => t.data.reduce((m, v) => Math.max(m, Math.abs(v)), 1);

test('property: a conv folded with its BN gives what conv → BN gives, for standard, depthwise and pointwise convs', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 5 }),
      fc.constantFrom(1, 3),
      fc.constantFrom(1, 2),
      fc.constantFrom('same' as const, 'valid' as const),
      fc.constantFrom('conv2d' as const, 'depthwiseConv2d' as const, 'pointwiseConv2d' as const),
      fc.boolean(),
      fc.constantFrom(1e-3, 1e-5, 0.1),
      fc.nat(10_000),
      (h, w, c, m, k, stride, padding, kind, withBias, epsilon, seed) => {
        fc.pre(padding === 'same' || (k <= h && k <= w));
        const input = randomTensor([h, w, c], seed, -2, 2);
        const outChannels = kind === 'depthwiseConv2d' ? c * m : m;
        const kernel = uniformArray(kind === 'pointwiseConv2d' ? c * m : k * k * c * m, seed + 10); // [C, M], [K, K, C, M] or [K, K, C, d = m]
        const bias = withBias ? uniformArray(outChannels, seed + 11) : undefined;
        const run = (weights: { kernel: Float32Array; bias?: Float32Array }, useBias: boolean): Tensor3 => {
          if (kind === 'conv2d') return conv2d(input, { kind, filters: m, kernelSize: k, strides: stride, padding, useBias }, weights).output;
          if (kind === 'depthwiseConv2d')
            return depthwiseConv2d(input, { kind, kernelSize: k, strides: stride, padding, depthMultiplier: m, useBias }, weights).output;
          return pointwiseConv2d(input, { kind, filters: m, useBias }, weights).output;
        };
        const bn = statistics(outChannels, seed + 20);
        const unfolded = batchNorm(run({ kernel, bias }, withBias), { kind: 'batchNorm', epsilon }, bn).output;
        const folded = foldBatchNorm(kernel, bias, bn, epsilon);
        const once = run(folded, true);
        assert.ok(largestDifference(once, unfolded) <= 1e-4 * scaleOf(unfolded), `${kind}: ${largestDifference(once, unfolded)}`);
      },
    ),
    { numRuns: 200, seed: 4 },
  );
});

test('the fold scales each output channel by γ/√(σ² + ε) and shifts it by β − γμ/√(σ² + ε), and leaves its inputs alone', () => {
  const kernel = Float32Array.from([1, 2, 3, 4]); // [C = 2, M = 2]: weight i belongs to output channel i mod 2
  const bn: BatchNormWeights = {
    gamma: Float32Array.from([2, 1]),
    beta: Float32Array.from([0.5, -1]),
    movingMean: Float32Array.from([1, 0]),
    movingVariance: Float32Array.from([4, 1]),
  };
  const folded = foldBatchNorm(kernel, undefined, bn, 0);
  assert.deepEqual([...folded.kernel], [1, 2, 3, 4]); // s = 2/√4 = 1 and 1/√1 = 1
  assert.deepEqual([...folded.bias], [0.5 - 1, -1]);
  const withBias = foldBatchNorm(kernel, Float32Array.from([3, 2]), { ...bn, gamma: Float32Array.from([4, 3]) }, 0);
  assert.deepEqual([...withBias.kernel], [2, 6, 6, 12]);
  assert.deepEqual([...withBias.bias], [0.5 + 2 * (3 - 1), -1 + 3 * 2]);
  assert.deepEqual([...kernel], [1, 2, 3, 4]);
});

test('a kernel that does not split into the BN channels, a bias of the wrong length or a negative variance is refused', () => {
  const bn = statistics(3, 1);
  assert.throws(() => foldBatchNorm(new Float32Array(4), undefined, bn), ConvkitInputError);
  assert.throws(() => foldBatchNorm(new Float32Array(6), new Float32Array(2), bn), ConvkitInputError);
  assert.throws(() => foldBatchNorm(new Float32Array(6), undefined, { ...bn, movingVariance: Float32Array.from([1, -1, 1]) }), /movingVariance\[1\]/);
  assert.throws(() => foldBatchNorm(new Float32Array(6), undefined, bn, -1), /epsilon/);
});
