/**
 * Lesson 08's reading of the feature-reuse record, on records written here:
 * the cells are those of the experiment's own DenseNet-BC, untrained (seed
 * 5), so the comparison with the untrained band must say "as at
 * initialisation"; cells of the same network at its record seed give a
 * trained ÷ initial ratio of 1 everywhere; a record of another network is
 * refused, since its untrained copies would be the wrong baseline.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { useBackend } from '../../../src/backend';
import { ConvkitInputError } from '../../../src/core/errors';
import { featureReuseExperiment } from '../../../src/experiments/catalogue/feature-reuse';
import { featureReuse } from '../../../src/experiments/feature-reuse';
import { buildTfModel } from '../../../src/layers/tf/build-model';
import { fashionReuseFromRecord, reuseBlocks } from '../../../src/lessons/resnet-densenet/fashion-reuse';
import { fakeRecord, fakeRun, fakeSeed } from '../fake-record';

before(async () => {
  await useBackend('wasm');
});

const planned = featureReuseExperiment.plan(false).runs[0];

function cellsOf(seed: number) {
  const model = buildTfModel(planned.spec, { seed });
  try {
    return featureReuse(model, planned.spec);
  } finally {
    model.dispose();
  }
}

const recordWith = (cells: unknown, seed = 0, model = planned.spec.name) =>
  fakeRecord('feature-reuse', [
    fakeRun({ id: planned.id, label: planned.label, model, facts: planned.facts, seeds: [fakeSeed(seed, [[0.9, 0.88]], { cells })] }),
  ]);

test('untrained cells from another seed lie inside the band of untrained copies; the same seed’s cells change by a factor of 1', () => {
  const r = fashionReuseFromRecord(recordWith(cellsOf(5), 5), 4);
  assert.equal(r.comparison.verdict, 'as at initialisation');
  assert.equal(r.comparison.untrainedShares.length, 4);
  r.change.forEach((c) => assert.ok(Math.abs(c.trainedOverInitial - 1) < 1e-12, `${c.block}/${c.target}/${c.source}`));
  assert.ok(Math.abs(r.initialShare - r.comparison.trainedShare) < 1e-12);
  // Three dense blocks; transitions after the first two (4 layers: 1 + 2 + 3 + 4 cells, and 5 for a transition).
  assert.deepEqual(reuseBlocks(r.cells), [1, 2, 3]);
  assert.equal(r.cells.length, 15 + 15 + 10);
});

test('a record without cells, of another network, or of another experiment is refused', () => {
  assert.throws(
    () => fashionReuseFromRecord(recordWith(undefined), 3),
    (e: unknown) => e instanceof ConvkitInputError && /extra\.cells/.test(e.message),
  );
  assert.throws(
    () => fashionReuseFromRecord(recordWith(cellsOf(0), 0, 'small-densenet-bc-28 (k 8, 14x14x1)'), 3),
    /must be the network the feature-reuse plan trains/,
  );
  assert.throws(() => fashionReuseFromRecord({ ...recordWith(cellsOf(0)), experiment: 'degradation' }, 3), ConvkitInputError);
});
