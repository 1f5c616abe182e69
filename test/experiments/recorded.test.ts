/**
 * The committed results (data/experiments/NAME.json) come from the
 * committed code: for every experiment in the catalogue, the record exists,
 * its plan is the code's plan, its cost figures are the cost model's, and
 * the first step losses of every run (first seed), trained again here, are
 * bit for bit the recorded ones.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBackend } from '../../src/backend';
import { summarize } from '../../src/cost/summary';
import { defaultExperimentsFolder } from '../../src/experiments/campaign';
import { EXPERIMENTS } from '../../src/experiments/catalogue';
import { RECORDED_FIRST_STEPS, type ExperimentRecord } from '../../src/experiments/experiment';
import { planCampaign } from '../../src/experiments/jobs';
import { dataFor, releaseData } from '../../src/experiments/run-job';
import { firstStepLosses } from '../../src/experiments/train-job';

for (const experiment of EXPERIMENTS) {
  test(`${experiment.name}: the recorded first steps are retrained bit for bit from the committed code`, async () => {
    const path = join(defaultExperimentsFolder(), `${experiment.name}.json`);
    const record = JSON.parse(readFileSync(path, 'utf8')) as ExperimentRecord;
    const campaign = planCampaign(experiment, { quick: false, seeds: record.seeds.length, out: defaultExperimentsFolder() });
    const { set: _set, trainImages: _train, testImages: _test, ...recordedData } = record.data;
    const stale = `the record is stale: re-run npx convkit experiment ${experiment.name}`;
    assert.deepEqual(recordedData, campaign.plan.data, `data plan: ${stale}`);
    const { optimizer: _optimizer, loss: _loss, ...recordedTraining } = record.training;
    assert.deepEqual(recordedTraining, campaign.plan.training, `training plan: ${stale}`);
    assert.deepEqual(
      record.runs.map((r) => r.id),
      campaign.plan.runs.map((r) => r.id),
      `runs: ${stale}`,
    );
    await useBackend('wasm');
    try {
      for (const run of record.runs) {
        const job = campaign.jobs.find((j) => j.run.id === run.id && j.seed === run.seeds[0].seed);
        assert.ok(job, `${run.id}: no job for seed ${run.seeds[0].seed}`);
        const cost = summarize(job.spec);
        assert.equal(run.params, cost.params.total, `${run.id}: parameters`);
        assert.equal(run.macs, cost.macs, `${run.id}: MACs`);
        assert.equal(run.model, job.spec.name, `${run.id}: model`);
        for (const seed of run.seeds) assert.equal(seed.epochs.length, campaign.plan.training.epochs, `${run.id} seed ${seed.seed}: epochs recorded`);
        const losses = await firstStepLosses(job, dataFor(job.data), RECORDED_FIRST_STEPS);
        assert.deepEqual(losses, run.seeds[0].firstLosses, `${run.id} seed ${run.seeds[0].seed}: first ${RECORDED_FIRST_STEPS} step losses`);
      }
    } finally {
      releaseData();
    }
  });
}
