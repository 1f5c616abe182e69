/**
 * A worker thread of a campaign: it starts its own TF.js with its own wasm
 * backend (threads share no TF.js state), then trains the jobs the main
 * thread sends, one at a time, and reports each epoch, each step's progress
 * and each finished record. Started by ./worker-pool.ts, never imported.
 *
 *   main → worker   { experiment, quick, seeds, out, job }   (job = index in the plan)
 *   worker → main   { kind: 'step' | 'epoch' | 'done' | 'failed', … }
 */
import { parentPort } from 'node:worker_threads';
import { experimentNamed } from './catalogue';
import { planCampaign } from './jobs';
import { runJob } from './run-job';

export interface JobRequest {
  readonly experiment: string;
  readonly quick: boolean;
  readonly seeds: number;
  readonly out: string;
  readonly job: number;
  readonly stopAfterEpoch?: number;
}

const port = parentPort;
if (port !== null) {
  port.on('message', (request: JobRequest) => {
    const job = planCampaign(experimentNamed(request.experiment), request).jobs[request.job];
    runJob(job, {
      onStep: (done, steps) => port.postMessage({ kind: 'step', job: request.job, done, steps }),
      onEpoch: (record) => port.postMessage({ kind: 'epoch', job: request.job, record }),
      stopAfterEpoch: request.stopAfterEpoch,
    }).then(
      (record) => port.postMessage({ kind: 'done', job: request.job, record }),
      (error: unknown) => port.postMessage({ kind: 'failed', job: request.job, message: error instanceof Error ? error.message : String(error) }),
    );
  });
}
