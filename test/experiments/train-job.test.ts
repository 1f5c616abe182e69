import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../src/backend';
import { ConvkitInputError } from '../../src/core/errors';
import { loadCheckpoint } from '../../src/experiments/checkpoint';
import { disposeFashionTensors, fashionTensors } from '../../src/experiments/fashion-tensors';
import { accuracyOn, recalibrateOn, trainJob, type JobPlan } from '../../src/experiments/train-job';
import { buildTfModel } from '../../src/layers/tf/build-model';
import { recalibrateBatchNorm } from '../../src/layers/tf/train';
import { smallResNet } from '../../src/models/small';

const spec = smallResNet({ blocks: 1, width: 4, inputSize: 14 });
const plan: JobPlan = { job: 'resnet-8/seed 0', spec, seed: 0, training: { epochs: 1, batchSize: 16, learningRate: 0.01, recalibrationImages: 20 } };
const dataPlan = { resolution: 14 as const, trainPerClass: 16, testPerClass: 8, splitSeed: 0, trainEvalImages: 40 };

/** Every BN layer's moving mean and variance, flattened. */
function movingStatistics(model: tf.LayersModel): number[][] {
  return model.layers
    .filter((l) => l.getClassName() === 'BatchNormalization')
    .map((l) =>
      l
        .getWeights()
        .slice(2)
        .flatMap((w) => Array.from(w.dataSync())),
    );
}

test('recalibrateOn sets the moving statistics recalibrateBatchNorm gives on the first N images of the set', async () => {
  await useBackend('wasm');
  const data = fashionTensors(dataPlan);
  const [a, b] = [buildTfModel(spec, { seed: 3 }), buildTfModel(spec, { seed: 3 })];
  try {
    recalibrateOn(a, data.trainEval, 20);
    const first = tf.slice(data.trainEval.xs, 0, 20);
    recalibrateBatchNorm(b, first);
    first.dispose();
    assert.deepEqual(movingStatistics(a), movingStatistics(b));
    assert.notDeepEqual(movingStatistics(a), movingStatistics(buildTfModel(spec, { seed: 3 })), 'recalibration changed the statistics');
    for (const bad of [0, 41, 2.5]) {
      assert.throws(
        () => recalibrateOn(a, data.trainEval, bad),
        (e: unknown) => e instanceof ConvkitInputError && e.field === 'training.recalibrationImages' && /from 1 to the 40/.test(e.message),
      );
    }
  } finally {
    a.dispose();
    b.dispose();
    disposeFashionTensors(data);
  }
});

test('a job measures its network after recalibrating BN: the checkpointed network is recalibrated and scores the recorded accuracy', async () => {
  await useBackend('wasm');
  const data = fashionTensors(dataPlan);
  const folder = mkdtempSync(join(tmpdir(), 'convkit-job-'));
  const model = buildTfModel(spec, { seed: 0 });
  const optimizer = tf.train.adam(0.01);
  try {
    const checkpointPath = join(folder, 'job.ckpt');
    const record = await trainJob(plan, data, { checkpointPath });
    model.compile({ optimizer, loss: 'categoricalCrossentropy' });
    await loadCheckpoint(checkpointPath, plan.job, model, optimizer);
    const saved = movingStatistics(model);
    // Recalibrating again on the same images changes nothing: the job had already done it before measuring.
    recalibrateOn(model, data.trainEval, 20);
    const again = movingStatistics(model);
    saved.forEach((layer, i) =>
      layer.forEach((v, c) => assert.ok(Math.abs(v - again[i][c]) < 1e-5 * Math.max(1, Math.abs(v)), `BN ${i}[${c}]: ${v} vs ${again[i][c]}`)),
    );
    assert.equal(accuracyOn(model, data.test), record.epochs[0].testAccuracy);
    assert.equal(accuracyOn(model, data.trainEval), record.epochs[0].trainAccuracy);
  } finally {
    model.dispose();
    optimizer.dispose();
    disposeFashionTensors(data);
    rmSync(folder, { recursive: true, force: true });
  }
});
