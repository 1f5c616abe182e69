/**
 * Lesson 05's reading of the linear-bottleneck record, on records written by
 * hand: the verdict is linearBottleneckVerdict's (2 standard errors over
 * seeds), the seed-by-seed differences pair the runs by seed, and the
 * reading's first sentence follows the verdict.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { ConvkitInputError } from '../../../src/core/errors';
import {
  linearBottleneckChart,
  linearBottleneckFromRecord,
  linearBottleneckReading,
  linearBottleneckResults,
  seedBySeed,
} from '../../../src/lessons/mobilenet/linear-bottleneck';
import { chartLayoutProblems } from '../../../src/plot/layout-check';
import { fakeRecord, fakeRun, fakeSeed, recordsFolder } from '../fake-record';

/** Final test accuracies per seed 0, 1, 2 for each run (two epochs; the first at 0.5). */
const record = (linear: number[], relu6: number[]) =>
  fakeRecord('linear-bottleneck', [
    fakeRun({
      id: 'linear',
      label: 'linear bottlenecks',
      facts: { bottleneck: 'linear' },
      seeds: linear.map((a, s) =>
        fakeSeed(s, [
          [0.5, 0.5],
          [a + 0.02, a],
        ]),
      ),
    }),
    fakeRun({
      id: 'relu6',
      label: 'ReLU6 after each projection',
      facts: { bottleneck: 'relu6' },
      seeds: relu6.map((a, s) =>
        fakeSeed(s, [
          [0.5, 0.5],
          [a + 0.02, a],
        ]),
      ),
    }),
  ]);

// Linear 0.86, 0.87, 0.88 (sd 0.01) against ReLU6 0.84, 0.85, 0.86: +2 points, 2 SE = 2·√(2·0.01²/3) = 1.63 points.
const clear = record([0.86, 0.87, 0.88], [0.84, 0.85, 0.86]);
// Against ReLU6 0.855, 0.865, 0.875: +0.5 points, within 1.63.
const close = record([0.86, 0.87, 0.88], [0.855, 0.865, 0.875]);

test('the verdict, the seed-by-seed differences and the reading follow the numbers', () => {
  const r = linearBottleneckFromRecord(clear);
  assert.equal(r.verdict.verdict, 'reproduced');
  const seeds = seedBySeed(r);
  assert.deepEqual(
    seeds.map((s) => s.seed),
    [0, 1, 2],
  );
  seeds.forEach((s) => assert.ok(Math.abs(s.points - 2) < 1e-9));
  const lines = linearBottleneckReading(r);
  assert.match(lines[0], /^The linear bottlenecks end with the higher test accuracy, by more than the threshold/);
  assert.equal(
    lines[1],
    'seed by seed, final test accuracy (linear vs ReLU6, same batches): seed 0: 86.00% vs 84.00% (+2.00); seed 1: 87.00% vs 85.00% (+2.00); seed 2: 88.00% vs 86.00% (+2.00).',
  );
  assert.equal(lines[2], 'linear ahead on 3 of 3 seeds.');
  // Both runs' fake losses end at 1.5 on every seed: neither is lower.
  assert.equal(
    lines[3],
    "final training loss (the last epoch's mean over its batches), linear vs ReLU6: seed 0: 1.500 vs 1.500; seed 1: 1.500 vs 1.500; seed 2: 1.500 vs 1.500; lower for linear on 0 of 3 seeds.",
  );
  assert.match(linearBottleneckReading(linearBottleneckFromRecord(close))[0], /^The linear bottlenecks end ahead on average, but by less than the threshold/);
  // Equal fake losses: no sentence about the loss disagreeing with the accuracies.
  assert.equal(lines.length, 4);
  const lossy = (linearLoss: number) =>
    fakeRecord('linear-bottleneck', [
      fakeRun({
        id: 'linear',
        facts: { bottleneck: 'linear' },
        seeds: [0.86, 0.87, 0.88].map((a, s) => fakeSeed(s, [[a + 0.02, a]], undefined, [linearLoss])),
      }),
      fakeRun({ id: 'relu6', facts: { bottleneck: 'relu6' }, seeds: [0.855, 0.865, 0.875].map((a, s) => fakeSeed(s, [[a + 0.02, a]], undefined, [0.4])) }),
    ]);
  assert.match(
    linearBottleneckReading(linearBottleneckFromRecord(lossy(0.3)))[4],
    /^The training loss favours the linear bottlenecks with every seed, which the test accuracies do not show/,
  );
  assert.match(
    linearBottleneckReading(linearBottleneckFromRecord(lossy(0.5)))[4],
    /^The training loss favours ReLU6 with every seed, against the test accuracies/,
  );
  const behind = linearBottleneckFromRecord(record([0.84, 0.85, 0.86], [0.86, 0.87, 0.88]));
  assert.equal(behind.verdict.verdict, 'not reproduced');
  assert.match(linearBottleneckReading(behind)[0], /^The ReLU6 bottlenecks end level with or ahead of the linear ones/);
  assert.equal(linearBottleneckReading(behind)[2], 'linear ahead on 0 of 3 seeds.');
});

test('both per-epoch charts lay out cleanly, one colour per bottleneck', async () => {
  for (const q of ['trainError', 'testError'] as const) {
    const spec = linearBottleneckChart(linearBottleneckFromRecord(clear), q);
    const colours = new Set((spec as unknown as { data: { values: { colour: string }[] } }).data.values.map((v) => v.colour));
    assert.deepEqual([...colours], ['nothing (linear)', 'ReLU6']);
    assert.deepEqual(await chartLayoutProblems(spec), []);
  }
});

test('the record is read from the folder given; a record without both runs, or of another experiment, is refused', () => {
  const folder = recordsFolder(clear);
  try {
    assert.equal(linearBottleneckResults(folder).verdict.verdict, 'reproduced');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  assert.throws(() => linearBottleneckFromRecord({ ...clear, runs: clear.runs.slice(0, 1) }), ConvkitInputError);
  assert.throws(() => linearBottleneckFromRecord({ ...clear, experiment: 'degradation' }), ConvkitInputError);
});
