/**
 * The small DenseNet-BC and ResNet from src/models/small.ts learn on the wasm
 * backend (whose missing gradient kernels src/backend supplies): a few seeded
 * Adam steps on synthetic class-template images, and the loss goes down. The
 * seeded batch order, the BN recalibration and the accuracy are checked
 * against what they are defined to compute.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../../src/backend';
import { buildTfModel, classificationAccuracy, recalibrateBatchNorm, syntheticImages, trainSteps } from '../../../src/layers/tf';
import { ConvkitInputError } from '../../../src/core/errors';
import { seededPermutation } from '../../../src/core/random';
import { smallDenseNetBC, smallResNet, tinyStandardCnn } from '../../../src/models/small';
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

test('a shuffled pass trains on the batches of the seeded permutation, and onPass sees each pass', async () => {
  const spec = smallResNet({ inputSize: 8, width: 2 });
  const data = syntheticImages({ count: 48, inputShape: spec.input, seed: 7 });
  const passes: [number, number[]][] = [];
  const shuffledModel = buildTfModel(spec, { seed: 3 });
  const shuffled = await trainSteps(shuffledModel, data, {
    steps: 6,
    batchSize: 16,
    shuffleSeed: 10,
    onPass: (pass, losses) => {
      passes.push([pass, [...losses]]);
    },
  });
  // Pass 1 visits the examples in seededPermutation(count, shuffleSeed + 1): the same as
  // training in order on the data permuted that way beforehand.
  const order = tf.tensor1d(seededPermutation(48, 11), 'int32');
  const permuted = { xs: tf.gather(data.xs, order), ys: tf.gather(data.ys, order) };
  const inOrderModel = buildTfModel(spec, { seed: 3 });
  const inOrder = await trainSteps(inOrderModel, permuted, { steps: 3, batchSize: 16 });
  assert.deepEqual(shuffled.losses.slice(0, 3), inOrder.losses);
  assert.deepEqual(passes, [
    [1, shuffled.losses.slice(0, 3)],
    [2, shuffled.losses.slice(3, 6)],
  ]);
  tf.dispose([data.xs, data.ys, order, permuted.xs, permuted.ys]);
  shuffledModel.dispose();
  inOrderModel.dispose();
});

/** The mean and variance of one layer's input over `xs`, from a model that stops there. */
function inputMoments(model: tf.LayersModel, layerName: string, xs: tf.Tensor): { mean: number[]; variance: number[] } {
  const probe = tf.model({ inputs: model.inputs, outputs: model.getLayer(layerName).input as tf.SymbolicTensor });
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(probe.predict(xs) as tf.Tensor, [0, 1, 2]);
    return { mean: mean.arraySync() as number[], variance: variance.arraySync() as number[] };
  });
}

for (const [label, spec] of [
  ['a plain stack (tiny standard CNN)', tinyStandardCnn({ width: 4 })],
  ['a graph with concatenations (DenseNet-BC)', smallDenseNetBC({ inputSize: 8, growthRate: 4, layersPerBlock: 2, blocks: 2 })],
] as const) {
  test(`BN recalibration of ${label}: each BN's moving statistics are the moments of its input, γ and β unchanged`, () => {
    const model = buildTfModel(spec, { seed: 2, kernelInitializer: 'glorotUniform' });
    const xs = tf.randomNormal([32, 8, 8, 1], 0.2, 1, 'float32', 9);
    const bnLayers = model.layers.filter((layer) => layer.getClassName() === 'BatchNormalization');
    assert.ok(bnLayers.length >= 4);
    const learnt = bnLayers.map((layer) =>
      layer
        .getWeights()
        .slice(0, 2)
        .map((w) => w.arraySync()),
    );
    const before = tf.memory().numTensors;
    recalibrateBatchNorm(model, xs);
    assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
    bnLayers.forEach((layer, i) => {
      // With every earlier BN already recalibrated, the probe sees the input this layer saw.
      const expected = inputMoments(model, layer.name, xs);
      const [gamma, beta, movingMean, movingVariance] = layer.getWeights().map((w) => w.arraySync() as number[]);
      assert.deepEqual([gamma, beta], learnt[i], `${layer.name}: γ and β`);
      expected.mean.forEach((m, c) => assert.ok(Math.abs(m - movingMean[c]) < 1e-5, `${layer.name} mean[${c}]: ${movingMean[c]} vs ${m}`));
      expected.variance.forEach((v, c) =>
        assert.ok(Math.abs(v - movingVariance[c]) < 1e-4 * Math.max(1, v), `${layer.name} variance[${c}]: ${movingVariance[c]} vs ${v}`),
      );
    });
    tf.dispose(xs);
    model.dispose();
  });
}

test('classification accuracy is the share of rows whose largest output is the labelled class', () => {
  // Softmax of the identity: each image's prediction is the arg max of its own three values.
  const model = tf.sequential({
    layers: [tf.layers.flatten({ inputShape: [1, 1, 3] }), tf.layers.dense({ units: 3, useBias: false, kernelInitializer: 'identity', activation: 'softmax' })],
  });
  const xs = tf.tensor4d([0.9, 0.1, 0, 0, 2, 1, 5, 0, 6, 0, 0, 1], [4, 1, 1, 3]);
  const ys = tf.tensor2d([
    [1, 0, 0],
    [0, 1, 0],
    [1, 0, 0],
    [0, 1, 0],
  ]);
  assert.equal(classificationAccuracy(model, xs, ys), 0.5);
  tf.dispose([xs, ys]);
  model.dispose();
});
