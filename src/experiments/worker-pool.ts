/**
 * Trains a campaign's jobs on several threads: a pool of worker threads
 * (./worker.ts), each with its own TF.js and wasm backend, each taking the
 * next unstarted job when it finishes one. The wasm backend computes on one
 * thread in Node (docs/design.md#training-speed), so independent jobs on
 * separate threads are how training uses more than one core.
 *
 * Jobs are deterministic wherever they run, so which worker trains which
 * job changes no number.
 */
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EpochRecord, SeedRecord } from './experiment';
import type { JobRequest } from './worker';

export interface PoolEvents {
  readonly onStep?: (job: number, done: number, steps: number) => void;
  readonly onEpoch?: (job: number, record: EpochRecord) => void;
  readonly onDone?: (job: number, record: SeedRecord) => void;
}

type WorkerMessage =
  | { kind: 'step'; job: number; done: number; steps: number }
  | { kind: 'epoch'; job: number; record: EpochRecord }
  | { kind: 'done'; job: number; record: SeedRecord }
  | { kind: 'failed'; job: number; message: string };

/**
 * Sends `requests[k]` for each k of `order`, in that order, to `threads`
 * workers; resolves when all are done, rejects on the first failure (after
 * stopping every worker). Events name jobs by k.
 */
export function runInWorkers(requests: readonly JobRequest[], order: readonly number[], threads: number, events: PoolEvents): Promise<void> {
  // Compiled (lib/experiments/worker.js), or under tsx (the tests) the TypeScript source, which a worker
  // can only load after registering tsx's require hook itself (Node 20 workers do not inherit --import hooks).
  const script = join(__dirname, `worker${extname(__filename)}`);
  const start = (): Worker =>
    script.endsWith('.ts') ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(script)});`, { eval: true }) : new Worker(script);
  const queue = [...order];
  const workers: Worker[] = [];
  const retired = new Set<Worker>();
  // Which k each worker is training: messages carry the request's own job number, not k.
  const busy = new Map<Worker, number>();
  return new Promise<void>((resolve, reject) => {
    let running = 0;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      for (const worker of workers) void worker.terminate();
      reject(error);
    };
    const next = (worker: Worker) => {
      const job = queue.shift();
      if (job === undefined) {
        retired.add(worker);
        void worker.terminate();
        if (--running === 0 && !failed) resolve();
        return;
      }
      busy.set(worker, job);
      worker.postMessage(requests[job]);
    };
    const count = Math.max(1, Math.min(threads, queue.length));
    if (queue.length === 0) {
      resolve();
      return;
    }
    for (let i = 0; i < count; i++) {
      const worker = start();
      workers.push(worker);
      running++;
      worker.on('message', (message: WorkerMessage) => {
        const k = busy.get(worker) ?? -1;
        if (message.kind === 'step') events.onStep?.(k, message.done, message.steps);
        else if (message.kind === 'epoch') events.onEpoch?.(k, message.record);
        else if (message.kind === 'failed') fail(new Error(`${requests[k]?.experiment} job ${message.job} failed in a worker: ${message.message}`));
        else {
          events.onDone?.(k, message.record);
          next(worker);
        }
      });
      worker.on('error', (error) => fail(error));
      worker.on('exit', (code) => {
        if (!retired.has(worker) && !failed) fail(new Error(`a worker stopped (exit code ${code}) before its jobs were done`));
      });
      next(worker);
    }
  });
}
