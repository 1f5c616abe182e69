/**
 * The shared helpers lessons 04, 05 and 08 show experiment records with
 * (src/lessons/experiment-results.ts), on records written by hand
 * (./fake-record.ts): what is printed comes from the record, spreads over
 * seeds are mean ± sample sd, the charts' bands and bars span the lowest to
 * the highest seed and lay out cleanly, and the live slice trains one quick
 * run deterministically and frees its images.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../src/backend';
import { ConvkitInputError } from '../../src/core/errors';
import { spread, type ClaimVerdict, type CostPoint } from '../../src/experiments/analysis';
import { degradation } from '../../src/experiments/catalogue/degradation';
import {
  byVerdict,
  costChart,
  describeDifferences,
  lossAgreement,
  lossComparison,
  describeEpoch,
  describeQuickRun,
  describeRecordSetup,
  describeVerdict,
  epochChart,
  equalCostDifferences,
  formatErrorSpread,
  loadLessonRecord,
  logTicks,
  lossPoints,
  outsideRange,
  resultRows,
  trainQuickRun,
} from '../../src/lessons/experiment-results';
import { chartLayoutProblems } from '../../src/plot/layout-check';
import { renderSvg } from '../../src/plot/vega-render';
import { fakeRecord, fakeRun, fakeSeed, recordsFolder } from './fake-record';

/** Two runs × three seeds, two epochs. Net A ends with train accuracies 0.90, 0.89, 0.88 (error 11 ± 1%) and test 0.80, 0.82, 0.84 (18 ± 2%); net B with 0.95 and 0.90 on every seed. */
const twoRuns = fakeRecord('demo', [
  fakeRun({
    id: 'a',
    label: 'net A',
    facts: { family: 'plain', depth: 20 },
    params: 12_345,
    macs: 2_000_000,
    seeds: [0, 1, 2].map((s) =>
      fakeSeed(s, [
        [0.5, 0.5],
        [0.9 - 0.01 * s, 0.8 + 0.02 * s],
      ]),
    ),
  }),
  fakeRun({
    id: 'b',
    label: 'net B',
    facts: { family: 'ResNet', depth: 56 },
    params: 50_000,
    macs: 6_000_000,
    seeds: [0, 1, 2].map((s) =>
      fakeSeed(s, [
        [0.6, 0.6],
        [0.95, 0.9],
      ]),
    ),
  }),
]);

test('loadLessonRecord reads NAME.json from the folder and names the command when it is missing', () => {
  const folder = recordsFolder(twoRuns);
  try {
    assert.deepEqual(loadLessonRecord('demo', folder), twoRuns);
    assert.throws(
      () => loadLessonRecord('degradation', folder),
      (e: unknown) => e instanceof ConvkitInputError && /no such file; make it with npx convkit experiment degradation\)/.test(e.message),
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('the setup lines say what the record holds: runs, seeds, images, resolution, epochs and steps, optimiser, cost', () => {
  const lines = describeRecordSetup(twoRuns);
  assert.equal(lines[0], 'record: data/experiments/demo.json: title of demo');
  assert.equal(lines[1], 'trained: 2 runs × 3 seeds (0, 1, 2): net A; net B');
  assert.match(
    lines[2],
    /^data: Fashion-MNIST from fashion-mnist 1\.1\.0 .*; 30,000 training images \(3,000 per class\), 10,000 test images, at 14×14; .* fixed 5,000 of the training images/,
  );
  // 30,000 images in batches of 64: 468 steps per epoch.
  assert.match(lines[3], /^training: 2 epochs of 468 steps, batch 64, Adam at a constant learning rate of 0\.001, categorical cross-entropy/);
  assert.match(lines[4], /^cost: 2\.0 hours of training summed over its 6 jobs \(Test CPU, wasm \(SIMD\)\), by `npx convkit experiment all`$/);
  const mixed = fakeRecord('demo', [
    fakeRun({ id: 'x', resolution: 28, seeds: [fakeSeed(4, [[0.5, 0.5]])] }),
    fakeRun({ id: 'y', resolution: 14, seeds: [fakeSeed(4, [[0.5, 0.5]])] }),
  ]);
  assert.match(describeRecordSetup(mixed)[1], /2 runs × 1 seed \(4\)/);
  assert.match(describeRecordSetup(fakeRecord('demo', [mixed.runs[0]]))[1], /^trained: 1 run × 1 seed \(4\): x$/);
  assert.match(describeRecordSetup(fakeRecord('demo', [mixed.runs[0]]))[4], /summed over its 1 job \(/);
  assert.match(describeRecordSetup(mixed)[2], /at 14×14 and 28×28 \(each run at its own\)/);
});

test('an error spread prints as mean ± sample sd in percent, one seed as its value alone', () => {
  assert.equal(formatErrorSpread(spread([0.18, 0.2, 0.16])), '18.0 ± 2.0');
  assert.equal(formatErrorSpread(spread([0.1234])), '12.3');
  assert.equal(formatErrorSpread(spread([0.1234]), 2), '12.34');
});

test('the result rows hold each run’s size, cost, final training loss and errors over seeds, the column saying how many seeds', () => {
  assert.deepEqual(resultRows(twoRuns), [
    {
      run: 'net A',
      params: 12_345,
      MACs: 2_000_000,
      'final train loss (mean ± sd over 3 seeds)': '1.500 ± 0.000',
      'final train error % (mean ± sd over 3 seeds)': '11.0 ± 1.0',
      'final test error % (mean ± sd over 3 seeds)': '18.0 ± 2.0',
    },
    {
      run: 'net B',
      params: 50_000,
      MACs: 6_000_000,
      'final train loss (mean ± sd over 3 seeds)': '1.500 ± 0.000',
      'final train error % (mean ± sd over 3 seeds)': '5.0 ± 0.0',
      'final test error % (mean ± sd over 3 seeds)': '10.0 ± 0.0',
    },
  ]);
  const one = fakeRecord('demo', [fakeRun({ id: 'x', seeds: [fakeSeed(0, [[0.9, 0.8]])] })]);
  assert.deepEqual(Object.keys(resultRows(one)[0]), [
    'run',
    'params',
    'MACs',
    'final train loss (1 seed)',
    'final train error % (1 seed)',
    'final test error % (1 seed)',
  ]);
});

test('a verdict prints as two lines, and byVerdict picks the sentence for it', () => {
  const v: ClaimVerdict = { verdict: 'partly reproduced', evidence: '1 of 2 points below' };
  assert.deepEqual(describeVerdict('A vs B', v), ['verdict (A vs B): partly reproduced', '  evidence: 1 of 2 points below']);
  const sentences = { reproduced: 'R', partly: 'P', not: 'N' };
  assert.equal(byVerdict(v, sentences), 'P');
  assert.equal(byVerdict({ ...v, verdict: 'reproduced' }, sentences), 'R');
  assert.equal(byVerdict({ ...v, verdict: 'not reproduced' }, sentences), 'N');
});

const point = (run: string, x: number, ...errors: number[]): CostPoint => ({ run, x, error: spread(errors) });

test('equal-cost differences are taken against the reference interpolated in log cost, next to the challenger’s own seeds', () => {
  // Reference 20% at 10k and 10% at 100k: at 31,623 (10^4.5) the curve is at 15%.
  const reference = [point('R1', 10_000, 0.2), point('R2', 100_000, 0.1)];
  const challenger = [point('C0', 5_000, 0.3), point('C1', 10 ** 4.5, 0.13, 0.14), point('C2', 100_000, 0.105, 0.115)];
  const d = equalCostDifferences(challenger, reference);
  assert.deepEqual(
    d.map((x) => x.run),
    ['C1', 'C2'],
  );
  assert.ok(Math.abs(d[0].points - 1.5) < 1e-9, `${d[0].points}`); // 15 − 13.5
  assert.ok(Math.abs(d[0].seedRangePoints - 1) < 1e-9);
  assert.ok(Math.abs(d[1].points + 1) < 1e-9); // 10 − 11
  assert.deepEqual(
    outsideRange(challenger, reference).map((p) => p.run),
    ['C0'],
  );
  const lines = describeDifferences(d, outsideRange(challenger, reference), { reference: 'R', challenger: 'C', axis: 'MACs' });
  assert.equal(lines[0], 'R curve minus C net, in points of test error at equal MACs (+ favours C): C1 +1.5; C2 −1.0');
  assert.match(lines[1], /^1 of 2 differences are larger than the gap between that C net’s own seeds/);
  assert.equal(lines[2], 'C0 (5,000 MACs) lies outside the R nets’ range and is not compared.');
  const single = describeDifferences(equalCostDifferences([point('C1', 10 ** 4.5, 0.13)], reference), [], { reference: 'R', challenger: 'C', axis: 'MACs' });
  assert.equal(single[1], 'one seed per run: how far another seed would move these differences was not measured.');
});

test('the loss comparison puts each run at its final training loss and counts the challengers below the reference curve', () => {
  // Reference losses 0.5 at 1M MACs and 0.3 at 10M; challengers at 10^6.5 MACs (curve 0.4) with 0.35 and 0.45, one outside.
  const record = fakeRecord('demo', [
    fakeRun({ id: 'r1', facts: { family: 'R' }, macs: 1e6, seeds: [fakeSeed(0, [[0.9, 0.9]], undefined, [0.5])] }),
    fakeRun({ id: 'r2', facts: { family: 'R' }, macs: 1e7, seeds: [fakeSeed(0, [[0.9, 0.9]], undefined, [0.3])] }),
    fakeRun({ id: 'c1', facts: { family: 'C' }, macs: 10 ** 6.5, seeds: [fakeSeed(0, [[0.9, 0.9]], undefined, [0.35])] }),
    fakeRun({ id: 'c2', facts: { family: 'C' }, macs: 10 ** 6.5, seeds: [fakeSeed(0, [[0.9, 0.9]], undefined, [0.45])] }),
    fakeRun({ id: 'c3', facts: { family: 'C' }, macs: 1e8, seeds: [fakeSeed(0, [[0.9, 0.9]], undefined, [0.1])] }),
  ]);
  const of = (f: string) => (run: { facts: Readonly<Record<string, unknown>> }) => run.facts.family === f;
  const c = lossPoints(record, of('C'), 'macs');
  assert.deepEqual(
    c.map((p) => [p.run, p.error.mean]),
    [
      ['c1', 0.35],
      ['c2', 0.45],
      ['c3', 0.1],
    ],
  );
  const loss = lossComparison(c, lossPoints(record, of('R'), 'macs'), { reference: 'R', challenger: 'C', axis: 'MACs' });
  assert.deepEqual([loss.below, loss.compared, loss.verdict], [1, 2, 'partly reproduced']);
  assert.equal(
    loss.line,
    "the same comparison on the final training loss (the last epoch's mean over all its batches): 1 of 2 C nets below the R curve at equal MACs (c1 0.350 vs 0.400; c2 0.450 vs 0.400)",
  );
  assert.equal(lossAgreement('partly reproduced', loss.verdict), 'On the training loss the same rule gives the same verdict (partly reproduced).');
  assert.match(
    lossAgreement('not reproduced', loss.verdict),
    /^On the training loss the same rule would give “partly reproduced” instead of “not reproduced”: /,
  );
});

interface ChartLayer {
  mark: { type: string };
  encoding: Record<string, { field?: string }>;
}
interface ChartSpec {
  data: { values: Record<string, number | string>[] };
  layer: ChartLayer[];
}

test('the epoch chart draws the mean over seeds as a line and a band from the lowest to the highest seed, in percent', async () => {
  const spec = epochChart(
    twoRuns,
    'testError',
    { colour: (r) => `${r.facts.depth} layers`, colourTitle: 'depth', dash: (r) => String(r.facts.family), dashTitle: 'network' },
    { title: 'test error' },
  );
  const rows = (spec as unknown as ChartSpec).data.values;
  const a2 = rows.find((r) => r.run === 'net A' && r.epoch === 2)!;
  assert.deepEqual({ colour: a2.colour, dash: a2.dash }, { colour: '20 layers', dash: 'plain' });
  assert.ok(Math.abs((a2.mean as number) - 18) < 1e-9 && Math.abs((a2.low as number) - 16) < 1e-9 && Math.abs((a2.high as number) - 20) < 1e-9);
  const layers = (spec as unknown as ChartSpec).layer;
  assert.deepEqual(
    layers.map((l) => l.mark.type),
    ['area', 'line'],
  );
  assert.equal(layers[0].encoding.y.field, 'low');
  assert.equal(layers[0].encoding.y2.field, 'high');
  assert.equal(layers[1].encoding.strokeDash.field, 'dash');
  assert.match(await renderSvg(spec), /<svg/);
  assert.deepEqual(await chartLayoutProblems(spec), []);
});

test('the cost chart puts each point at its mean with a bar over the seeds, a line per family and variant (dashed by variant), on a log axis', async () => {
  const spec = costChart(
    [
      { family: 'separable blocks', variant: '14×14', points: [point('s1', 150_000, 0.2, 0.22), point('s2', 500_000, 0.15, 0.16)] },
      { family: 'standard convs', variant: '14×14', points: [point('t1', 230_000, 0.21, 0.25), point('t2', 900_000, 0.17, 0.18)] },
      { family: 'separable blocks', variant: '28×28', points: [point('s3', 600_000, 0.14, 0.15)] },
    ],
    { title: 'error against MACs', x: 'multiply-adds per image (log scale)', variantTitle: 'resolution' },
  );
  const chart = spec as unknown as ChartSpec & { encoding: { x: { scale: { type: string } } } };
  assert.equal(chart.encoding.x.scale.type, 'log');
  const t1 = chart.data.values.find((r) => r.run === 't1')!;
  assert.deepEqual([t1.x, t1.low, t1.high, t1.variant], [230_000, 21, 25, '14×14']);
  assert.ok(Math.abs((t1.mean as number) - 23) < 1e-9);
  assert.deepEqual(
    chart.layer.map((l) => l.mark.type),
    ['rule', 'line'],
  );
  assert.equal(chart.layer[1].encoding.detail.field, 'curve');
  assert.equal(chart.layer[1].encoding.strokeDash.field, 'variant');
  assert.deepEqual(await chartLayoutProblems(spec), []);
  assert.throws(() => costChart([], { title: 't', x: 'x' }), ConvkitInputError);
});

test('log ticks are 1, 2 and 5 × 10^k from just below the smallest value to just above the largest', () => {
  assert.deepEqual(logTicks([11_032, 152_998]), [10_000, 20_000, 50_000, 100_000, 200_000]);
  assert.deepEqual(logTicks([150_064, 14_564_224]), [100_000, 200_000, 500_000, 1e6, 2e6, 5e6, 1e7, 2e7]);
  assert.deepEqual(logTicks([0.2, 0.2]), [0.2]);
  assert.throws(() => logTicks([0, 10]), ConvkitInputError);
});

test('an epoch is described by its loss and accuracies, never its wall time', () => {
  const line = describeEpoch({ epoch: 1, trainLoss: 2.123456, trainAccuracy: 0.295, testAccuracy: 0.155, seconds: 1.23 }, { trainEval: 200, test: 200 });
  assert.equal(line, 'epoch 1: mean training loss 2.1235, training accuracy 29.5% (200 images), test accuracy 15.5% (200 images)');
  assert.doesNotMatch(line, /1\.23|second/);
});

test('a quick run of the degradation plan trains one seeded epoch the same way twice, is described without timings, and frees its images', async () => {
  await useBackend('wasm');
  const before = tf.memory().numTensors;
  const first = await trainQuickRun(degradation, 'resnet-20');
  assert.equal(tf.memory().numTensors, before, 'the quick run leaves no tensor behind');
  const second = await trainQuickRun(degradation, 'resnet-20');
  const withoutTime = (q: typeof first) => q.record.epochs.map(({ seconds: _, ...rest }) => rest);
  assert.deepEqual(withoutTime(second), withoutTime(first));
  assert.deepEqual(second.record.firstLosses, first.record.firstLosses);
  // The quick plan: 40 training images per class, 20 test, 200 measured for the training accuracy; batch 32.
  assert.deepEqual([first.trainImages, first.testImages, first.trainEvalImages, first.steps], [400, 200, 200, 12]);
  const lines = describeQuickRun(first);
  assert.match(
    lines[0],
    /^ResNet-20, quick plan of degradation, seed 0: 400 training images at 14×14, 1 epoch of 12 steps of 32, Adam at learning rate 0\.001$/,
  );
  assert.match(lines[1], /^first step losses: \d\.\d{4}, \d\.\d{4}, \d\.\d{4} \(a uniform guess over 10 classes scores ln 10 = 2\.3026\)$/);
  assert.match(lines[2], /^epoch 1: mean training loss /);
  // 1 − 0.99^12 = 0.114
  assert.match(lines[3], /statistics are recomputed on 200 training images; with 400 images and one epoch/);
  assert.doesNotMatch(lines.join('\n'), /seconds?\b|\d s\b/);
  await assert.rejects(trainQuickRun(degradation, 'resnet-99'), /runId = "resnet-99": must be one of plain-20, resnet-20, plain-56, resnet-56 in degradation/);
});
