import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExperiment } from '../../src/experiments/campaign';
import type { Experiment, ExperimentRecord } from '../../src/experiments/experiment';
import { planCampaign } from '../../src/experiments/jobs';
import { summarize } from '../../src/cost/summary';
import { smallResNet } from '../../src/models/small';

/** A two-epoch experiment small enough to train in a second or two. */
const tiny: Experiment = {
  name: 'tiny-test',
  title: 'tiny',
  source: 'a test',
  claim: 'none',
  plan: () => ({
    data: { resolution: 14, trainPerClass: 16, testPerClass: 8, splitSeed: 0, trainEvalImages: 40 },
    training: { epochs: 2, batchSize: 16, learningRate: 0.01, recalibrationImages: 20 },
    runs: [{ id: 'resnet-8', label: 'ResNet-8', spec: smallResNet({ blocks: 1, width: 4, inputSize: 14 }), facts: { depth: 8 } }],
    defaultSeeds: 2,
  }),
};

/** The numbers of a record without its wall times. */
function numbers(record: ExperimentRecord) {
  return record.runs.map((run) => run.seeds.map((s) => ({ ...s, epochs: s.epochs.map(({ seconds: _, ...rest }) => rest) })));
}

const quiet = { workers: 1, write: () => {}, redraw: false };

test('a campaign stopped after its first epoch and run again ends with the numbers of an uninterrupted one', async () => {
  const straight = mkdtempSync(join(tmpdir(), 'convkit-exp-'));
  const resumed = mkdtempSync(join(tmpdir(), 'convkit-exp-'));
  try {
    const whole = await runExperiment(tiny, { ...quiet, out: straight });
    assert.ok(whole);
    assert.equal(await runExperiment(tiny, { ...quiet, out: resumed, stopAfterEpoch: 1 }), undefined);
    const campaign = planCampaign(tiny, { quick: false, out: resumed });
    // What a kill after epoch 1 leaves: a checkpoint per job, no record yet.
    assert.deepEqual(
      readdirSync(campaign.checkpointFolder)
        .filter((f) => f.endsWith('.ckpt'))
        .sort(),
      ['resnet-8.seed0.ckpt', 'resnet-8.seed1.ckpt'],
    );
    assert.equal(existsSync(campaign.recordPath), false);
    const again = await runExperiment(tiny, { ...quiet, out: resumed });
    assert.ok(again);
    assert.deepEqual(numbers(again), numbers(whole));
    assert.equal(again.runs[0].seeds[0].epochs.length, 2);
    // Done: the record is written and the checkpoints are gone.
    assert.equal(existsSync(campaign.recordPath), true);
    assert.equal(existsSync(campaign.checkpointFolder), false);
  } finally {
    rmSync(straight, { recursive: true, force: true });
    rmSync(resumed, { recursive: true, force: true });
  }
});

test('the same seed gives the same numbers, another seed other numbers; the record says what produced it', async () => {
  const out = mkdtempSync(join(tmpdir(), 'convkit-exp-'));
  try {
    const first = await runExperiment(tiny, { ...quiet, out });
    const second = await runExperiment(tiny, { ...quiet, out });
    assert.ok(first && second);
    assert.deepEqual(numbers(second), numbers(first));
    const [seed0, seed1] = first.runs[0].seeds;
    assert.notDeepEqual(seed0.firstLosses, seed1.firstLosses);
    const cost = summarize(tiny.plan(false).runs[0].spec);
    assert.equal(first.runs[0].params, cost.params.total);
    assert.equal(first.runs[0].macs, cost.macs);
    assert.equal(first.data.trainImages, 160);
    assert.equal(first.data.testImages, 80);
    assert.equal(first.environment.backend.startsWith('wasm'), true);
    assert.match(first.command, /convkit experiment tiny-test/);
    assert.deepEqual(first.seeds, [0, 1]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("a changed plan does not resume another plan's checkpoints", () => {
  const a = planCampaign(tiny, { quick: false, out: '/x' });
  const b = planCampaign(tiny, { quick: false, seeds: 3, out: '/x' });
  const c = planCampaign(
    { ...tiny, plan: () => ({ ...tiny.plan(false), training: { epochs: 3, batchSize: 16, learningRate: 0.01, recalibrationImages: 20 } }) },
    { quick: false, out: '/x' },
  );
  assert.notEqual(a.checkpointFolder, b.checkpointFolder);
  assert.notEqual(a.checkpointFolder, c.checkpointFolder);
  assert.equal(a.recordPath, '/x/tiny-test.json');
  assert.equal(planCampaign(tiny, { quick: true, out: '/x' }).recordPath, '/x/tiny-test.quick.json');
});
