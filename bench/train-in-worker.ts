/**
 * Worker side of bench/training-workers.bench.ts: its own TF.js and wasm
 * backend, one network trained for a few steps, the step times posted back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../src/backend';
import { buildTfModel, syntheticImages, trainSteps } from '../src/layers/tf';
import { smallResNet } from '../src/models/small';

async function main(): Promise<void> {
  const { steps, batch } = workerData as { steps: number; batch: number };
  await useBackend('wasm');
  const spec = smallResNet({ blocks: 3, width: 8, inputSize: 28 });
  const model = buildTfModel(spec, { seed: 1 });
  const data = syntheticImages({ count: batch, inputShape: spec.input, seed: 1 });
  const { stepMs, losses } = await trainSteps(model, data, { steps, batchSize: batch });
  tf.dispose([data.xs, data.ys]);
  model.dispose();
  parentPort?.postMessage({ stepMs, lastLoss: losses[losses.length - 1] });
}

void main();
