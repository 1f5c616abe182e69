import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fitLinearMap, pseudoInverse, reluInformationLoss } from '../../../src/lessons/mobilenet/relu-information';
import { loadPhoto } from '../../../src/data/image';
import { ConvkitInputError } from '../../../src/core/errors';

const photo = loadPhoto('chelsea', { size: 24 });
const entry = fc.double({ min: -3, max: 3, noNaN: true });

test('the pseudo-inverse undoes T: T⁺·T = I for a random tall matrix', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 3, max: 8 }).chain((n) => fc.array(fc.array(entry, { minLength: 3, maxLength: 3 }), { minLength: n, maxLength: n })),
      (t) => {
        const gram = [0, 1, 2].map((i) => [0, 1, 2].map((j) => t.reduce((s, row) => s + row[i] * row[j], 0)));
        const det =
          gram[0][0] * (gram[1][1] * gram[2][2] - gram[1][2] * gram[2][1]) -
          gram[0][1] * (gram[1][0] * gram[2][2] - gram[1][2] * gram[2][0]) +
          gram[0][2] * (gram[1][0] * gram[2][1] - gram[1][1] * gram[2][0]);
        fc.pre(det > 1e-2);
        const plus = pseudoInverse(t);
        for (let i = 0; i < 3; i++) {
          for (let j = 0; j < 3; j++) {
            const v = plus[i].reduce((s, p, r) => s + p * t[r][j], 0);
            if (Math.abs(v - (i === j ? 1 : 0)) > 1e-6) return false;
          }
        }
        return true;
      },
    ),
  );
});

test('the least-squares fit recovers an exact affine map from its samples', () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(entry, { minLength: 4, maxLength: 4 }), { minLength: 2, maxLength: 2 }),
      fc.array(entry, { minLength: 2, maxLength: 2 }),
      fc.integer({ min: 0, max: 1000 }),
      (weights, bias, seed) => {
        let s = seed + 1;
        const next = () => {
          s = (s * 16807) % 2147483647;
          return (s / 2147483647) * 2 - 1;
        };
        const features = Array.from({ length: 30 }, () => Array.from({ length: 4 }, next));
        const targets = features.map((f) => weights.map((row, k) => row.reduce((a, w, j) => a + w * f[j], bias[k])));
        const fit = fitLinearMap(features, targets);
        return fit.weights.every((row, k) => row.every((w, j) => Math.abs(w - weights[k][j]) < 1e-5)) && fit.bias.every((b, k) => Math.abs(b - bias[k]) < 1e-5);
      },
    ),
  );
});

test('the fitted linear map is never worse than T⁺, which is one of the maps it could choose', () => {
  for (const point of reluInformationLoss(photo, [3, 4, 6, 10, 20], 2, 2)) {
    assert.ok(point.linearFitError <= point.pseudoInverseError + 1e-9, `n = ${point.dimensions}: ${point.linearFitError} > ${point.pseudoInverseError}`);
  }
});

test('ReLU in 3 dimensions loses much of the colours to any linear decoder, in 30 dimensions almost nothing', () => {
  const [few, mid, many] = reluInformationLoss(photo, [3, 10, 30], 0, 3);
  assert.ok(few.linearFitError > 0.1, `n = 3: ${few.linearFitError}`);
  assert.ok(mid.linearFitError < few.linearFitError && many.linearFitError < mid.linearFitError);
  assert.ok(many.linearFitError < 1e-3, `n = 30: ${many.linearFitError}`);
  // T⁺ alone: about half the coordinates are cut, so T⁺·ReLU(Tx) comes back near x/2 (error near 1/4).
  assert.ok(many.pseudoInverseError > 0.1 && many.pseudoInverseError < 0.5, `n = 30, T⁺: ${many.pseudoInverseError}`);
});

test('the same seed gives the same numbers, another seed other matrices', () => {
  assert.deepEqual(reluInformationLoss(photo, [4, 8], 5), reluInformationLoss(photo, [4, 8], 5));
  assert.notDeepEqual(reluInformationLoss(photo, [4], 5), reluInformationLoss(photo, [4], 6));
});

test('fewer dimensions than channels is an input error', () => {
  assert.throws(() => reluInformationLoss(photo, [2]), ConvkitInputError);
  assert.throws(() => reluInformationLoss(photo, []), ConvkitInputError);
  assert.throws(() => pseudoInverse([[1, 2, 3]]), /T = "1×3": must have at least as many rows as columns/);
});
