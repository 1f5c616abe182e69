// One rule for dilation with stride, stated once (src/models/defaults.ts
// requireDilationOrStrideOne) and refused with the same words by every view:
// spec normalisation, the cost model, the reference loops, the TF.js view
// and `convkit layer`.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { layerCost } from '../../src/cost/layer-cost';
import { summarize } from '../../src/cost/summary';
import { ConvkitInputError } from '../../src/core/errors';
import { runLayer } from '../../src/layers/reference/run-layer';
import { randomTensor } from '../../src/core/tensor';
import { buildTfModel } from '../../src/layers/tf';
import { DilatedDepthwiseConv2D } from '../../src/layers/tf/dilated-depthwise-conv2d';
import { GroupedConv2D } from '../../src/layers/tf/grouped-conv2d';
import { normalizeLayer } from '../../src/core/defaults';
import type { LayerSpec, ModelSpec } from '../../src/core/spec';
import { runCli } from '../cli/run-cli';

before(async () => {
  await tf.setBackend('cpu');
});

const RULE = /^must be 1 when strides > 1 \(strides = .+\): a window is dilated or strided, not both/;

const BOTH: ReadonlyArray<LayerSpec> = [
  { kind: 'conv2d', filters: 4, kernelSize: 3, strides: 2, dilation: 2 },
  { kind: 'conv2d', filters: 4, kernelSize: 3, strides: [1, 2], dilation: [2, 1] },
  { kind: 'depthwiseConv2d', kernelSize: 3, strides: [2, 1], dilation: [1, 3] },
  { kind: 'separableConv2d', filters: 4, kernelSize: 3, strides: 2, dilation: [1, 2] },
];

const isRule = (field: string) => (error: unknown) => error instanceof ConvkitInputError && error.field === field && RULE.test(error.rule);

for (const layer of BOTH) {
  const what = `${layer.kind} strides ${JSON.stringify((layer as { strides: unknown }).strides)} dilation ${JSON.stringify((layer as { dilation: unknown }).dilation)}`;
  const model: ModelSpec = { name: 'm', input: [16, 16, 4], nodes: [{ name: 'x', layer, inputs: ['input'] }] };
  test(`${what}: refused by normalisation, the cost model, the reference loops and the TF.js view with the same rule`, () => {
    assert.throws(() => normalizeLayer(layer), isRule('dilation'));
    assert.throws(() => layerCost(layer, [[16, 16, 4]]), isRule('dilation'));
    assert.throws(() => summarize(model), isRule('x.dilation'));
    assert.throws(() => runLayer(layer, [randomTensor([16, 16, 4], 1)]), isRule('dilation'));
    assert.throws(() => buildTfModel(model), isRule('x.dilation'));
  });
}

test('the value shown is the dilation as given, and the strides as given', () => {
  assert.throws(
    () => normalizeLayer({ kind: 'conv2d', filters: 1, kernelSize: 3, strides: 2, dilation: 2 }),
    (error: unknown) => error instanceof ConvkitInputError && error.message.startsWith('dilation = 2: must be 1 when strides > 1 (strides = 2)'),
  );
});

test('dilation alone and stride alone are accepted on either axis', () => {
  assert.doesNotThrow(() => normalizeLayer({ kind: 'conv2d', filters: 1, kernelSize: 3, strides: 1, dilation: [2, 3] }));
  assert.doesNotThrow(() => normalizeLayer({ kind: 'depthwiseConv2d', kernelSize: 3, strides: [2, 1], dilation: 1 }));
});

test('the custom TF.js layers refuse it with the same rule when built directly', () => {
  assert.throws(() => new GroupedConv2D({ filters: 4, kernelSize: [3, 3], groups: 2, strides: [2, 2], dilation: [2, 2] }), isRule('dilation'));
  assert.throws(() => new DilatedDepthwiseConv2D({ kernelSize: [3, 3], strides: [1, 2], dilation: [2, 1] }), isRule('dilation'));
});

for (const type of ['conv', 'depthwise', 'separable']) {
  test(`convkit layer ${type} --dilation 2 --stride 2 exits 2 naming --dilation and the rule`, async () => {
    const filters = type === 'depthwise' ? [] : ['--filters', '16'];
    const result = await runCli('layer', type, '--input', '16,16,32', ...filters, '--dilation', '2', '--stride', '2');
    assert.equal(result.code, 2, result.stderr);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^convkit: --dilation = 2: must be 1 when strides > 1 \(strides = 2\): a window is dilated or strided, not both/);
    assert.equal(result.stderr.trim().split('\n').length, 1);
  });
}
