import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../../src/backend';
import { pick } from '../../../src/data/digits';
import { ConvkitInputError } from '../../../src/core/errors';
import { digitsSplit } from '../../../src/lessons/digits-training';
import { smallResNet } from '../../../src/models/small';
import { progressLine, trainEpochs } from '../../../src/lessons/resnet-densenet/training';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function smallData() {
  const { train, test } = digitsSplit(0);
  return { train: pick(train, range(192)), test: pick(test, range(64)) };
}

test('a seeded run prints the same progress lines twice on wasm', async () => {
  await useBackend('wasm');
  const data = smallData();
  const lines: string[][] = [[], []];
  for (const run of [0, 1]) {
    const { model } = await trainEpochs(smallResNet({ inputSize: 8, width: 4 }), data, { epochs: 2, log: (line) => lines[run].push(line) }, 'ResNet');
    model.dispose();
  }
  assert.equal(lines[0].length, 2);
  assert.deepEqual(lines[0], lines[1]);
  assert.match(lines[0][0], /^ResNet {2}epoch 1\/2 {2}loss \d+\.\d{4} {2}train acc \d+\.\d% {2}test acc \d+\.\d%$/);
});

test('training lowers the loss, leaves no tensors behind and reports the cost-model size', async () => {
  await useBackend('wasm');
  const data = smallData();
  const before = tf.memory().numTensors;
  const { run, model } = await trainEpochs(smallResNet({ inputSize: 8, width: 4 }), data, { epochs: 3, log: () => {} });
  assert.equal(run.params, model.countParams());
  model.dispose();
  assert.equal(tf.memory().numTensors, before);
  assert.equal(run.epochs.length, 3);
  assert.ok(run.epochs[2].trainLoss < run.epochs[0].trainLoss, run.epochs.map((e) => e.trainLoss).join(', '));
  for (const e of run.epochs) assert.ok(e.testAccuracy >= 0 && e.testAccuracy <= 1 && e.trainAccuracy >= 0 && e.trainAccuracy <= 1);
});

test('a spec that does not read 8×8×1 digits and a batch larger than the data are input errors', async () => {
  await useBackend('wasm');
  const data = smallData();
  await assert.rejects(trainEpochs(smallResNet({ inputSize: 16 }), data, { log: () => {} }), ConvkitInputError);
  await assert.rejects(trainEpochs(smallResNet({ inputSize: 8 }), data, { batchSize: 500, log: () => {} }), ConvkitInputError);
  await assert.rejects(trainEpochs(smallResNet({ inputSize: 8 }), data, { epochs: 0, log: () => {} }), ConvkitInputError);
});

test('the progress line has fixed formatting', () => {
  assert.equal(
    progressLine('DenseNet-BC', { epoch: 3, trainLoss: 0.123456, trainAccuracy: 0.98765, testAccuracy: 0.5 }, 12),
    'DenseNet-BC  epoch  3/12  loss 0.1235  train acc 98.8%  test acc 50.0%',
  );
});
