/**
 * Both cores for training: the same training (ResNet-20 at width 8, 28×28,
 * batch 64) in one worker thread alone, then in two worker threads at once,
 * each with its own TF.js and wasm backend — the way `convkit experiment`
 * trains independent jobs (src/experiments/worker-pool.ts). The wasm
 * backend computes on one thread in Node (docs/design.md#training-speed), so
 * this is how training can use a second core at all.
 *
 * Printed: median ms per step alone and with two at once, the throughput
 * ratio (steps per second of both workers together over one alone; 2.0
 * would be perfect scaling, 1.0 none) and whether the two workers' losses
 * are bit-identical to the lone one's.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { median } from './median';

const STEPS = 12;
const WARM_UP = 2;
const BATCH = 64;

interface WorkerResult {
  readonly stepMs: number[];
  readonly lastLoss: number;
}

function trainInWorker(): Promise<WorkerResult> {
  const script = join(__dirname, 'train-in-worker.ts');
  // The bench runs under tsx; a worker registers tsx's require hook itself (Node 20 workers do not inherit --import).
  const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(script)});`, { eval: true, workerData: { steps: STEPS, batch: BATCH } });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: WorkerResult) => {
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', reject);
  });
}

export async function run(): Promise<void> {
  const alone = await trainInWorker();
  const pair = await Promise.all([trainInWorker(), trainInWorker()]);
  const aloneMs = median(alone.stepMs.slice(WARM_UP));
  const pairMs = pair.map((r) => median(r.stepMs.slice(WARM_UP)));
  const throughput = (2 * aloneMs) / Math.max(...pairMs);
  const same = pair.every((r) => r.lastLoss === alone.lastLoss);
  console.log(`ResNet-20 (width 8), 28x28x1, batch ${BATCH}; median of ${STEPS - WARM_UP} steps after ${WARM_UP} warm-up`);
  console.log(`one worker alone          ${aloneMs.toFixed(0)} ms/step`);
  console.log(`two workers at once       ${pairMs.map((ms) => ms.toFixed(0)).join(' and ')} ms/step`);
  console.log(`throughput, two vs one    ${throughput.toFixed(2)}x (2.00 = perfect scaling)`);
  console.log(`losses bit-identical      ${same ? 'yes' : `no: ${alone.lastLoss} vs ${pair.map((r) => r.lastLoss).join(', ')}`}`);
}
