import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { buildTfModel } from '../../../src/layers/tf';
import { summarize } from '../../../src/cost/summary';
import { ConvkitInputError } from '../../../src/core/errors';
import type { LayerNode, ModelSpec } from '../../../src/core/spec';

before(async () => {
  await tf.setBackend('cpu');
  tf.enableProdMode();
});

/** A small graph that uses every LayerKind of spec.ts at least once, with explicit padding, groups and every activation. */
const everyKind: ModelSpec = {
  name: 'every kind',
  input: [9, 9, 4],
  nodes: [
    { name: 'stem', layer: { kind: 'conv2d', filters: 8, kernelSize: 3, strides: 2, padding: { top: 1, bottom: 1, left: 1, right: 1 } }, inputs: ['input'] },
    { name: 'grouped', layer: { kind: 'conv2d', filters: 8, kernelSize: [3, 1], groups: 2, useBias: true }, inputs: ['stem'] },
    { name: 'bn', layer: { kind: 'batchNorm', epsilon: 1e-5 }, inputs: ['grouped'] },
    { name: 'hswish', layer: { kind: 'activation', activation: 'hardSwish' }, inputs: ['bn'] },
    { name: 'dw', layer: { kind: 'depthwiseConv2d', kernelSize: 3, depthMultiplier: 2, useBias: true }, inputs: ['hswish'] },
    { name: 'se', layer: { kind: 'squeezeExcite', squeezeChannels: 4 }, inputs: ['dw'] },
    { name: 'pw', layer: { kind: 'pointwiseConv2d', filters: 8 }, inputs: ['se'] },
    { name: 'relu6', layer: { kind: 'activation', activation: 'relu6' }, inputs: ['pw'] },
    { name: 'sum', layer: { kind: 'add' }, inputs: ['relu6', 'grouped'] },
    { name: 'shortcut', layer: { kind: 'zeroPadShortcut', filters: 12, strides: 2 }, inputs: ['sum'] },
    { name: 'sep', layer: { kind: 'separableConv2d', filters: 12, kernelSize: 3, strides: 2, useBias: true }, inputs: ['sum'] },
    { name: 'cat', layer: { kind: 'concat' }, inputs: ['shortcut', 'sep'] },
    { name: 'swish', layer: { kind: 'activation', activation: 'swish' }, inputs: ['cat'] },
    { name: 'dilated', layer: { kind: 'conv2d', filters: 6, kernelSize: 2, dilation: 2, padding: 'same' }, inputs: ['swish'] },
    { name: 'sigmoid', layer: { kind: 'activation', activation: 'sigmoid' }, inputs: ['dilated'] },
    { name: 'maxpool', layer: { kind: 'maxPool', poolSize: 2, strides: 1, padding: 'same' }, inputs: ['sigmoid'] },
    { name: 'avgpool', layer: { kind: 'avgPool', poolSize: 2, strides: 1, padding: { top: 0, bottom: 1, left: 1, right: 0 } }, inputs: ['maxpool'] },
    { name: 'hsigmoid', layer: { kind: 'activation', activation: 'hardSigmoid' }, inputs: ['avgpool'] },
    { name: 'relu', layer: { kind: 'activation', activation: 'relu' }, inputs: ['hsigmoid'] },
    { name: 'gap', layer: { kind: 'globalAvgPool' }, inputs: ['relu'] },
    { name: 'fc', layer: { kind: 'dense', units: 10 }, inputs: ['gap'] },
    { name: 'softmax', layer: { kind: 'activation', activation: 'softmax' }, inputs: ['fc'] },
  ],
};

function weightsOf(model: tf.LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}

test('every layer kind builds, with the parameters and every intermediate shape of the cost model', () => {
  const model = buildTfModel(everyKind, { seed: 1 });
  const summary = summarize(everyKind);
  assert.equal(model.countParams(), summary.params.total);
  for (const row of summary.rows) {
    const layer = model.getLayer(row.name);
    const shape = (layer.outputShape as (number | null)[]).slice(1);
    const tfShape = row.layer.kind === 'globalAvgPool' ? (model.getLayer(`${row.name}_reshape`).outputShape as number[]).slice(1) : shape;
    assert.deepEqual(tfShape, [...row.outputShape], row.name);
  }
  const x = tf.randomNormal([2, 9, 9, 4], 0, 1, 'float32', 2);
  const y = model.predict(x) as tf.Tensor;
  assert.deepEqual(y.shape, [2, ...summary.rows[summary.rows.length - 1].outputShape]);
  const rowSums = tf.tidy(() => Array.from(tf.sum(y, -1).dataSync()));
  rowSums.forEach((s) => assert.ok(Math.abs(s - 1) < 1e-5, 'softmax rows sum to 1'));
  tf.dispose([x, y]);
  model.dispose();
});

test('the same seed gives identical weights and outputs, a different seed different ones', () => {
  const x = tf.randomNormal([1, 9, 9, 4], 0, 1, 'float32', 3);
  const run = (seed: number) => {
    const model = buildTfModel(everyKind, { seed });
    const weights = weightsOf(model);
    const out = tf.tidy(() => Array.from((model.predict(x) as tf.Tensor).dataSync()));
    model.dispose();
    return { weights, out };
  };
  const a = run(42);
  const b = run(42);
  const c = run(43);
  assert.deepEqual(a.weights, b.weights);
  assert.deepEqual(a.out, b.out);
  assert.notDeepEqual(a.weights, c.weights);
  assert.notDeepEqual(a.out, c.out);
  // Within one model, no two kernels of the same shape start equal (each layer has its own seed).
  const kernels = a.weights.filter((w) => w.some((v) => v !== 0 && v !== 1)).map((w) => w.join(','));
  assert.equal(new Set(kernels).size, kernels.length);
  x.dispose();
});

test('omitting the seed is the same as seed 0, so default builds are reproducible too', () => {
  const a = buildTfModel(everyKind);
  const b = buildTfModel(everyKind, { seed: 0 });
  assert.deepEqual(weightsOf(a), weightsOf(b));
  a.dispose();
  b.dispose();
});

test('running predict 100 times leaves the number of live tensors unchanged', () => {
  const model = buildTfModel(everyKind, { seed: 1 });
  const x = tf.randomNormal([1, 9, 9, 4], 0, 1, 'float32', 4);
  // No tf.tidy around predict: the model itself must free its intermediates.
  (model.predict(x) as tf.Tensor).dispose(); // a first call may create lasting state
  const before = tf.memory().numTensors;
  for (let i = 0; i < 100; i++) (model.predict(x) as tf.Tensor).dispose();
  assert.equal(tf.memory().numTensors, before);
  x.dispose();
  model.dispose();
});

test('explicit padding becomes zero padding in front of a valid conv', () => {
  const spec: ModelSpec = {
    name: 'padded',
    input: [3, 3, 1],
    nodes: [{ name: 'conv', layer: { kind: 'conv2d', filters: 1, kernelSize: 3, padding: { top: 1, bottom: 0, left: 0, right: 2 } }, inputs: ['input'] }],
  };
  const model = buildTfModel(spec);
  assert.equal(model.getLayer('conv_pad').getClassName(), 'ZeroPadding2D');
  model.getLayer('conv').setWeights([tf.ones([3, 3, 1, 1])]);
  const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
  const y = model.predict(x) as tf.Tensor;
  // Padded map rows: [0 0 0 0 0], [1 2 3 0 0], [4 5 6 0 0], [7 8 9 0 0]; an all-ones 3×3 kernel sums each window:
  // row 0: 0+1+2+3+4+5+6 = 21, 2+3+5+6 = 16, 3+6 = 9; row 1: 1+…+9 = 45, 2+3+5+6+8+9 = 33, 3+6+9 = 18.
  assert.deepEqual(y.shape, [1, 2, 3, 1]);
  assert.deepEqual(Array.from(y.dataSync()), [21, 16, 9, 45, 33, 18]);
  tf.dispose([x, y]);
  model.dispose();
});

function expectInputError(spec: ModelSpec, field: RegExp): void {
  const before = tf.memory().numTensors;
  assert.throws(
    () => buildTfModel(spec),
    (e: unknown) => e instanceof ConvkitInputError && field.test(e.field) && e.message.includes(e.rule),
  );
  assert.equal(tf.memory().numTensors, before, 'a failed build frees the weights it made');
}

const node = (name: string, layer: LayerNode['layer'], inputs: string[] = ['input']): LayerNode => ({ name, layer, inputs });

test('bad specs are refused with an error naming the node and the field', () => {
  const base: ModelSpec = { name: 'bad', input: [8, 8, 3], nodes: [] };
  expectInputError({ ...base, nodes: [] }, /^nodes$/);
  expectInputError({ ...base, input: [8, 0, 3] }, /^input$/);
  expectInputError(
    { ...base, nodes: [node('a', { kind: 'conv2d', filters: 4, kernelSize: 3 }), node('b', { kind: 'conv2d', filters: 0, kernelSize: 3 }, ['a'])] },
    /^b\.filters$/,
  );
  expectInputError({ ...base, nodes: [node('a', { kind: 'conv2d', filters: 4, kernelSize: 3, strides: 0 })] }, /^a\.strides$/);
  expectInputError({ ...base, nodes: [node('a', { kind: 'conv2d', filters: 4, kernelSize: 9, padding: 'valid' })] }, /^a\./);
  expectInputError({ ...base, nodes: [node('a', { kind: 'conv2d', filters: 4, kernelSize: 3, groups: 2 })] }, /^a\.groups$/);
  expectInputError({ ...base, nodes: [node('a', { kind: 'conv2d', filters: 4, kernelSize: 3, dilation: 2, strides: 2 })] }, /^a\.dilation$/);
  expectInputError({ ...base, nodes: [node('a', { kind: 'conv3d' } as never)] }, /^a\./);
  expectInputError({ ...base, nodes: [node('a', { kind: 'pointwiseConv2d', filters: 4 }, ['nowhere'])] }, /^a\.inputs$/);
  expectInputError({ ...base, nodes: [node('a', { kind: 'pointwiseConv2d', filters: 4 }), node('a', { kind: 'batchNorm' }, ['a'])] }, /^nodes\[1\]\.name$/);
  expectInputError({ ...base, nodes: [node('a', { kind: 'pointwiseConv2d', filters: 4 }), node('b', { kind: 'add' }, ['a', 'input'])] }, /^b\./);
  expectInputError({ ...base, nodes: [node('a', { kind: 'zeroPadShortcut', filters: 2 })] }, /^a\.filters$/);
  expectInputError({ ...base, nodes: [node('a', { kind: 'activation', activation: 'gelu' } as never)] }, /^a\.activation$/);
  assert.throws(
    () => buildTfModel(everyKind, { seed: -1 }),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'seed',
  );
  assert.throws(
    () => buildTfModel(everyKind, { seed: 1.5 }),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'seed',
  );
});

test("a built model with convkit's own layers survives a save and load through tf.io with the same outputs", async () => {
  const model = buildTfModel(everyKind, { seed: 8 });
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  assert.ok(saved !== undefined);
  const copy = await tf.loadLayersModel(tf.io.fromMemory(saved));
  const ownLayers = copy.layers
    .map((l) => l.getClassName())
    .filter((c) => ['GroupedConv2D', 'SqueezeExcite', 'ZeroPadShortcut', 'HardSwish', 'HardSigmoid', 'Swish'].includes(c));
  assert.equal(ownLayers.length, 6);
  const x = tf.randomNormal([1, 9, 9, 4], 0, 1, 'float32', 5);
  const a = model.predict(x) as tf.Tensor;
  const b = copy.predict(x) as tf.Tensor;
  assert.deepEqual(Array.from(a.dataSync()), Array.from(b.dataSync()));
  tf.dispose([x, a, b]);
  model.dispose();
  copy.dispose();
});
