/**
 * Runs one job where it is called (main thread or worker): the data it
 * needs (made once per data plan and kept for the next job in the same
 * thread), the training, and its record, written next to its checkpoint.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { useBackend } from '../backend';
import { writeFileAtomic } from '../core/atomic-write';
import { loadFashionMnist, type FashionMnist } from '../data/fashion-mnist';
import type { DataPlan, EpochRecord, SeedRecord } from './experiment';
import { disposeFashionTensors, fashionTensors, type FashionTensors } from './fashion-tensors';
import type { Job } from './jobs';
import { trainJob } from './train-job';

/** Data made for earlier jobs in this thread, by data plan. */
const made = new Map<string, FashionTensors>();
let fashion: FashionMnist | undefined;

/** The tensors of `plan`, made on first use in this thread. */
export function dataFor(plan: DataPlan): FashionTensors {
  const key = JSON.stringify(plan);
  let tensors = made.get(key);
  if (tensors === undefined) {
    fashion ??= loadFashionMnist();
    tensors = fashionTensors(plan, fashion);
    made.set(key, tensors);
  }
  return tensors;
}

/** Frees every data set this thread made. */
export function releaseData(): void {
  for (const tensors of made.values()) disposeFashionTensors(tensors);
  made.clear();
}

export interface JobEvents {
  readonly onEpoch?: (record: EpochRecord) => void;
  readonly onStep?: (done: number, steps: number) => void;
  readonly stopAfterEpoch?: number;
}

/** The job's record: read back if a previous sitting finished it, else trained (resuming its checkpoint) and saved. */
export async function runJob(job: Job, events: JobEvents = {}): Promise<SeedRecord> {
  if (existsSync(job.resultPath)) return JSON.parse(readFileSync(job.resultPath, 'utf8')) as SeedRecord;
  await useBackend('wasm');
  const record = await trainJob(job, dataFor(job.data), { checkpointPath: job.checkpointPath, ...events });
  if (record.epochs.length === job.training.epochs) {
    writeFileAtomic(job.resultPath, `${JSON.stringify(record)}\n`);
    rmSync(job.checkpointPath, { force: true });
  }
  return record;
}
