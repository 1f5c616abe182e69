/**
 * An experiment's plan as a list of jobs (run × seed), each with what a
 * worker needs to train it and where its files go. Pure: the same
 * experiment, quick flag and seed count always give the same jobs and the
 * same checkpoint folder, which is how a second sitting finds the first
 * one's work.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { requireInteger } from '../core/errors';
import type { DataPlan, Experiment, ExperimentPlan, RunPlan } from './experiment';
import type { JobPlan } from './train-job';

export interface Job extends JobPlan {
  readonly run: RunPlan;
  readonly data: DataPlan;
  /** The job's checkpoint (after each epoch) and its finished record. */
  readonly checkpointPath: string;
  readonly resultPath: string;
}

export interface CampaignPlan {
  readonly plan: ExperimentPlan;
  readonly seeds: readonly number[];
  readonly jobs: readonly Job[];
  /** Where this campaign's unfinished work lives: out/.checkpoints/NAME[-quick]-FINGERPRINT. */
  readonly checkpointFolder: string;
  /** Where the record goes: out/NAME.json, or NAME.quick.json for --quick. */
  readonly recordPath: string;
}

/** The data plan a run trains on: the experiment's, at the run's own resolution if it has one. */
export function runData(plan: ExperimentPlan, run: RunPlan): DataPlan {
  return run.resolution === undefined ? plan.data : { ...plan.data, resolution: run.resolution };
}

/** The jobs of `experiment` with `seeds` seeds (0, 1, …), filing their work under `out`. */
export function planCampaign(experiment: Experiment, options: { quick: boolean; seeds?: number; out: string }): CampaignPlan {
  const plan = experiment.plan(options.quick);
  const seedCount = requireInteger('seeds', options.seeds ?? plan.defaultSeeds);
  const seeds = Array.from({ length: seedCount }, (_, i) => i);
  // The fingerprint covers everything that changes a job's numbers, so a changed plan never resumes another's checkpoints.
  const fingerprint = createHash('sha256')
    .update(JSON.stringify({ plan: { ...plan, runs: plan.runs.map((r) => ({ ...r, spec: r.spec })) }, seeds }))
    .digest('hex')
    .slice(0, 12);
  const suffix = options.quick ? '.quick' : '';
  const checkpointFolder = join(options.out, '.checkpoints', `${experiment.name}${suffix}-${fingerprint}`);
  const jobs = plan.runs.flatMap((run) =>
    seeds.map(
      (seed): Job => ({
        job: `${run.id}/seed ${seed}`,
        run,
        spec: run.spec,
        seed,
        training: plan.training,
        data: runData(plan, run),
        measure: run.measure,
        checkpointPath: join(checkpointFolder, `${run.id}.seed${seed}.ckpt`),
        resultPath: join(checkpointFolder, `${run.id}.seed${seed}.json`),
      }),
    ),
  );
  return { plan, seeds, jobs, checkpointFolder, recordPath: join(options.out, `${experiment.name}${suffix}.json`) };
}
