import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import * as blocks from '../../../src/models/one-block';
import { buildTfModel } from '../../../src/layers/tf/build-model';
import { summarize } from '../../../src/cost/summary';
import type { ModelSpec } from '../../../src/core/spec';

before(async () => {
  await tf.setBackend('cpu');
  tf.enableProdMode();
});

/** Every lesson block, in a few settings: [label, its one-block spec], each built by buildTfModel. */
const cases: [string, ModelSpec][] = [
  ['separable block, stride 2', blocks.separableBlockSpec([9, 9, 8], { filters: 16, strides: 2 })],
  ['separable block, relu6, depth multiplier 2', blocks.separableBlockSpec([6, 6, 4], { filters: 8, activation: 'relu6', depthMultiplier: 2 })],
  ['inverted residual with add', blocks.invertedResidualSpec([8, 8, 16], { expansion: 6, filters: 16 })],
  ['inverted residual, t = 1, stride 2', blocks.invertedResidualSpec([8, 8, 16], { expansion: 1, filters: 24, strides: 2 })],
  ['squeeze-and-excite', blocks.squeezeExciteSpec([5, 5, 32])],
  ['squeeze-and-excite, sigmoid gate', blocks.squeezeExciteSpec([5, 5, 12], { squeezeChannels: 3, gateActivation: 'sigmoid' })],
  [
    'v3 bottleneck with SE and h-swish',
    blocks.v3BottleneckSpec([8, 8, 40], { expandedChannels: 120, filters: 40, kernelSize: 5, squeezeExcite: true, activation: 'hardSwish' }),
  ],
  [
    'v3 bottleneck, stride 2, relu, no SE',
    blocks.v3BottleneckSpec([8, 8, 16], { expandedChannels: 64, filters: 24, kernelSize: 3, strides: 2, activation: 'relu' }),
  ],
  ['plain dense layer', blocks.denseLayerSpec([6, 6, 24], { growthRate: 12, bottleneck: false })],
  ['bottleneck (BC) dense layer', blocks.denseLayerSpec([6, 6, 24], { growthRate: 12 })],
  ['dense block of 4 layers', blocks.denseBlockSpec([6, 6, 16], { growthRate: 8, layers: 4 })],
  ['transition layer, odd size', blocks.transitionSpec([7, 7, 48])],
  ['transition layer without compression', blocks.transitionSpec([8, 8, 20], { compression: 1 })],
  ['resnet basic block, identity', blocks.resNetBasicSpec([8, 8, 16], { filters: 16 })],
  ['resnet basic block, projection', blocks.resNetBasicSpec([8, 8, 16], { filters: 32, strides: 2 })],
  ['resnet basic block, option-A shortcut', blocks.resNetBasicSpec([8, 8, 16], { filters: 32, strides: 2, shortcut: 'zeroPad' })],
  ['resnet bottleneck block, v1 stride on 1x1', blocks.resNetBottleneckSpec([8, 8, 32], { filters: 16, strides: 2 })],
  ['resnet bottleneck block, v1.5 stride on 3x3', blocks.resNetBottleneckSpec([8, 8, 32], { filters: 16, strides: 2, strideOn: '3x3' })],
  ['resnet bottleneck block, identity', blocks.resNetBottleneckSpec([6, 6, 64], { filters: 16 })],
];

for (const [label, spec] of cases) {
  test(`the ${label} runs in TF.js with the cost model's output shape and parameter count, and leaks nothing`, () => {
    const summary = summarize(spec);
    const model = buildTfModel(spec);
    assert.equal(model.countParams(), summary.params.total);
    const x = tf.randomNormal([2, ...spec.input], 0, 1, 'float32', 11);
    const y = model.predict(x) as tf.Tensor;
    assert.deepEqual(y.shape, [2, ...summary.rows[summary.rows.length - 1].outputShape]);
    assert.ok(tf.tidy(() => tf.all(tf.isFinite(y)).dataSync()[0]) === 1, 'finite output');
    y.dispose();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) (model.predict(x) as tf.Tensor).dispose();
    assert.equal(tf.memory().numTensors, before);
    x.dispose();
    model.dispose();
  });
}

test('a block built twice with the same seed has the same weights, and other weights with another seed', () => {
  const spec = blocks.denseBlockSpec([6, 6, 16], { growthRate: 8, layers: 2 });
  const [a, b, c] = [9, 9, 10].map((seed) => buildTfModel(spec, { seed }));
  const values = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));
  assert.deepEqual(values(a), values(b));
  assert.notDeepEqual(values(a), values(c));
  [a, b, c].forEach((m) => m.dispose());
});

test('the option-A shortcut block has exactly the weights of its two 3x3 convs and BNs', () => {
  const summary = summarize(blocks.resNetBasicSpec([8, 8, 16], { filters: 32, strides: 2, shortcut: 'zeroPad' }));
  const convs = 3 * 3 * 16 * 32 + 3 * 3 * 32 * 32;
  const bns = 2 * 4 * 32;
  assert.equal(summary.params.total, convs + bns);
});
