/**
 * The TF.js view and the cost model agree on every zoo model's parameters:
 * `model.countParams()` (tf's own count of the weights it allocated) equals
 * `summarize(spec).params.total` (the formulas). Nothing is executed, so the
 * cpu backend is used; kernels are drawn with the faster Glorot initialiser
 * (the count does not depend on the values). Each model is disposed after.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildTfModel } from '../../../src/layers/tf';
import { summarize } from '../../../src/cost/summary';
import { buildModelSpec, MODEL_NAMES, type ZooOptions } from '../../../src/models/zoo';

before(async () => {
  await tf.setBackend('cpu');
  tf.enableProdMode();
});

function checkParams(name: string, options: ZooOptions = {}): void {
  const spec = buildModelSpec(name, options);
  const before = tf.memory().numTensors;
  const model = buildTfModel(spec, { kernelInitializer: 'glorotUniform' });
  try {
    const summary = summarize(spec);
    assert.equal(model.countParams(), summary.params.total, `${spec.name}: tf ${model.countParams()} vs cost ${summary.params.total}`);
    const trainable = model.trainableWeights.reduce((sum, w) => sum + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
    assert.equal(trainable, summary.params.trainable, `${spec.name}: trainable`);
    assert.deepEqual(model.outputs[0].shape.slice(1), [...summary.rows[summary.rows.length - 1].outputShape]);
  } finally {
    model.dispose();
  }
  assert.equal(tf.memory().numTensors, before, `${spec.name}: disposing the model frees every weight`);
}

for (const name of MODEL_NAMES) {
  test(`${name} with default options has as many TF.js parameters as the cost model counts`, () => checkParams(name));
}

const nonDefault: [string, ZooOptions][] = [
  ['mobilenet-v1', { alpha: 0.5 }],
  ['mobilenet-v1', { resolution: 160 }],
  ['mobilenet-v2', { alpha: 0.5, resolution: 160 }],
  ['mobilenet-v3-large', { alpha: 0.5 }],
  ['densenet-bc-cifar', { depth: 100, growthRate: 12 }],
  ['resnet-cifar', { depth: 56 }],
  ['resnet-50', { variant: 'v1.5' }],
];
for (const [name, options] of nonDefault) {
  test(`${name} ${JSON.stringify(options)} has as many TF.js parameters as the cost model counts`, () => checkParams(name, options));
}

/** A few whole zoo models, small enough to run on the cpu backend: the real output has the cost model's shape. */
const runnable: [string, ZooOptions][] = [
  ['resnet-cifar', {}],
  ['mobilenet-v1', { alpha: 0.25, resolution: 64 }],
  ['mobilenet-v2', { alpha: 0.35, resolution: 64 }],
  ['mobilenet-v3-small', { resolution: 64 }],
  ['densenet-121', { resolution: 32 }],
];
for (const [name, options] of runnable) {
  test(`${name} ${JSON.stringify(options)} runs end to end with the cost model's output shape`, () => {
    const spec = buildModelSpec(name, options);
    const model = buildTfModel(spec, { kernelInitializer: 'glorotUniform' });
    const x = tf.randomNormal([1, ...spec.input], 0, 1, 'float32', 1);
    const y = model.predict(x) as tf.Tensor;
    assert.deepEqual(y.shape, [1, ...summarize(spec).rows[spec.nodes.length - 1].outputShape]);
    const total = tf.tidy(() => tf.sum(y).dataSync()[0]);
    assert.ok(Math.abs(total - 1) < 1e-4, `softmax output sums to ${total}`);
    tf.dispose([x, y]);
    model.dispose();
  });
}
