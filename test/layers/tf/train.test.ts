/**
 * The small DenseNet-BC and ResNet from src/models/small.ts learn on the wasm
 * backend (whose missing gradient kernels src/backend supplies): a few seeded
 * Adam steps on synthetic class-template images, and the loss goes down.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../../src/backend';
import { buildTfModel, syntheticImages, trainSteps } from '../../../src/layers/tf';
import { ConvkitInputError } from '../../../src/core/errors';
import { smallDenseNetBC, smallResNet } from '../../../src/models/small';
import type { ModelSpec } from '../../../src/core/spec';

before(async () => {
  assert.equal(await useBackend('wasm'), 'wasm');
});

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

async function lossesOf(spec: ModelSpec, seed: number, steps: number): Promise<number[]> {
  const model = buildTfModel(spec, { seed });
  const data = syntheticImages({ count: 64, inputShape: spec.input, seed: 100 });
  const before = tf.memory().numTensors;
  const { losses } = await trainSteps(model, data, { steps, batchSize: 32, learningRate: 0.01 });
  // The optimiser keeps two Adam slots per trainable weight (plus its step counters); nothing else may stay.
  const adamSlots = 2 * model.trainableWeights.length;
  assert.ok(tf.memory().numTensors - before <= adamSlots + 4, `tensors after training: ${tf.memory().numTensors - before} new`);
  tf.dispose([data.xs, data.ys]);
  model.dispose();
  return losses;
}

for (const [label, spec] of [
  ['small DenseNet-BC', smallDenseNetBC({ inputSize: 8 })],
  ['small ResNet', smallResNet({ inputSize: 8 })],
] as const) {
  test(`the ${label} trains on wasm: the loss of the last steps is well below the first`, async () => {
    const losses = await lossesOf(spec, 1, 12);
    losses.forEach((loss) => assert.ok(Number.isFinite(loss), `loss ${loss}`));
    const first = mean(losses.slice(0, 2));
    const last = mean(losses.slice(-3));
    assert.ok(last < 0.7 * first, `${spec.name}: first ${first.toFixed(3)}, last ${last.toFixed(3)} (${losses.map((l) => l.toFixed(2)).join(' ')})`);
  });
}

test('training with the same seed repeats the same losses; another seed gives others', async () => {
  const spec = smallResNet({ inputSize: 8, width: 4 });
  const a = await lossesOf(spec, 5, 3);
  const b = await lossesOf(spec, 5, 3);
  const c = await lossesOf(spec, 6, 3);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('trainSteps refuses a batch larger than the data or labels that do not match', async () => {
  const spec = smallResNet({ inputSize: 8, width: 2 });
  const model = buildTfModel(spec);
  const data = syntheticImages({ count: 8, inputShape: spec.input });
  await assert.rejects(trainSteps(model, data, { steps: 1, batchSize: 9 }), (e: unknown) => e instanceof ConvkitInputError && e.field === 'batchSize');
  const fewer = tf.slice(data.ys, 0, 4);
  await assert.rejects(trainSteps(model, { xs: data.xs, ys: fewer }, { steps: 1 }), (e: unknown) => e instanceof ConvkitInputError && e.field === 'ys');
  await assert.rejects(trainSteps(model, data, { steps: 0 }), (e: unknown) => e instanceof ConvkitInputError && e.field === 'steps');
  tf.dispose([data.xs, data.ys, fewer]);
  model.dispose();
});
