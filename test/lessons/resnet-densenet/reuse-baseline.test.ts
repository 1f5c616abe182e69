import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConvkitInputError } from '../../../src/core/errors';
import { buildTfModel } from '../../../src/layers/tf/build-model';
import { smallDenseNetBC } from '../../../src/models/small';
import { featureReuse, meanDistantReuseShare, reuseChange, type ReuseCell } from '../../../src/experiments/feature-reuse';
import { compareReuseToUntrained, describeReuseComparison, untrainedReuseShares } from '../../../src/lessons/resnet-densenet/reuse-baseline';

const spec = smallDenseNetBC({ inputSize: 8, growthRate: 6, layersPerBlock: 3 });

test('an untrained network lies inside the band of other untrained networks: random weights alone show no reuse', () => {
  const shares = untrainedReuseShares(spec, 10);
  assert.equal(shares.length, 10);
  // Seed 0's copy is the starting point of lesson 08's trained net; the review measured ~1.0 ± 0.02 per layer.
  shares.forEach((s) => assert.ok(Math.abs(s - 1) < 0.05, `${s}`));
  const model = buildTfModel(spec, { seed: 10 });
  try {
    const fresh = meanDistantReuseShare(featureReuse(model, spec));
    const comparison = compareReuseToUntrained(fresh, shares);
    assert.equal(comparison.verdict, 'as at initialisation');
    assert.match(describeReuseComparison(comparison), /Inside the band/);
  } finally {
    model.dispose();
  }
});

test('the band is the mean ± z sample standard deviations, and shares outside it get a direction', () => {
  const shares = [0.98, 1.0, 1.02];
  const c = compareReuseToUntrained(1.0, shares, 2);
  assert.ok(Math.abs(c.untrainedMean - 1) < 1e-12);
  assert.ok(Math.abs(c.untrainedSd - 0.02) < 1e-12);
  assert.ok(Math.abs(c.bandLow - 0.96) < 1e-12 && Math.abs(c.bandHigh - 1.04) < 1e-12);
  assert.equal(compareReuseToUntrained(1.05, shares, 2).verdict, 'more on distant sources');
  assert.equal(compareReuseToUntrained(0.95, shares, 2).verdict, 'more on recent sources');
  assert.equal(compareReuseToUntrained(1.039, shares, 2).verdict, 'as at initialisation');
});

test('too few untrained networks, or a non-positive share, is an input error', () => {
  assert.throws(() => compareReuseToUntrained(1, [1, 1]), ConvkitInputError);
  assert.throws(() => compareReuseToUntrained(Number.NaN, [1, 1, 1]), ConvkitInputError);
  assert.throws(() => compareReuseToUntrained(1, [1, 1, 0]), ConvkitInputError);
});

test('the mean distant-reuse share averages every target with three or more sources and skips the others', () => {
  const row = (block: number, target: string, weights: number[]): ReuseCell[] =>
    weights.map((meanAbsWeight, i) => ({ block, target, source: i === 0 ? 'block input' : `layer ${i}`, meanAbsWeight }));
  // Target A: distant mean 1, overall 4/3 → 0.75; target B: all equal → 1; the two-source target is skipped.
  const cells = [...row(1, 'layer 2', [5, 1]), ...row(1, 'layer 3', [1, 1, 2]), ...row(2, 'layer 3', [3, 3, 3])];
  assert.ok(Math.abs(meanDistantReuseShare(cells) - (0.75 + 1) / 2) < 1e-12);
  assert.throws(() => meanDistantReuseShare(row(1, 'layer 2', [1, 1])), ConvkitInputError);
});

test('what training changed is the trained mean |w| over the initial one, cell by cell', () => {
  const a: ReuseCell[] = [{ block: 1, target: 'layer 2', source: 'block input', meanAbsWeight: 0.3 }];
  const b: ReuseCell[] = [{ block: 1, target: 'layer 2', source: 'block input', meanAbsWeight: 0.2 }];
  assert.ok(Math.abs(reuseChange(a, b)[0].trainedOverInitial - 1.5) < 1e-12);
  assert.throws(() => reuseChange(a, [{ ...b[0], source: 'layer 1' }]), ConvkitInputError);
  assert.throws(() => reuseChange(a, []), ConvkitInputError);
});
