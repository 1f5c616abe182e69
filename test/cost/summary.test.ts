/**
 * summarize(): graph validation with node-named errors, one row per node,
 * totals that are the sums of the rows, flops = 2 × macs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize, layerCost } from '../../src/cost';
import { ConvkitInputError } from '../../src/core/errors';
import { INPUT, type LayerNode, type ModelSpec } from '../../src/core/spec';

/** A small MobileNet-v1-like stem: conv → BN → ReLU6 → separable pair → pool → dense. */
const TINY: ModelSpec = {
  name: 'tiny',
  input: [32, 32, 3],
  nodes: [
    { name: 'conv1', layer: { kind: 'conv2d', filters: 8, kernelSize: 3, strides: 2 }, inputs: [INPUT], path: ['stem'] },
    { name: 'conv1_bn', layer: { kind: 'batchNorm' }, inputs: ['conv1'], path: ['stem'] },
    { name: 'conv1_relu', layer: { kind: 'activation', activation: 'relu6' }, inputs: ['conv1_bn'], path: ['stem'] },
    { name: 'conv_dw_1', layer: { kind: 'depthwiseConv2d', kernelSize: 3 }, inputs: ['conv1_relu'] },
    { name: 'conv_pw_1', layer: { kind: 'pointwiseConv2d', filters: 16 }, inputs: ['conv_dw_1'] },
    { name: 'pool', layer: { kind: 'globalAvgPool' }, inputs: ['conv_pw_1'] },
    { name: 'logits', layer: { kind: 'dense', units: 10 }, inputs: ['pool'] },
  ],
};

test('each row carries its node name, inputs, path and the cost of its layer', () => {
  const summary = summarize(TINY);
  assert.equal(summary.rows.length, TINY.nodes.length);
  assert.deepEqual(
    summary.rows.map((row) => row.name),
    TINY.nodes.map((node) => node.name),
  );
  const first = summary.rows[0];
  assert.deepEqual(first.path, ['stem']);
  assert.deepEqual(first.inputs, [INPUT]);
  // conv1: 16·16 · 3·3·3 · 8 = 256 · 216 = 55,296 MACs.
  assert.equal(first.macs, 55_296);
  assert.deepEqual(summary.rows[3].path, []);
  // A row agrees with layerCost on the same input.
  assert.deepEqual(
    { ...summary.rows[4], name: undefined, inputs: undefined, path: undefined, layer: undefined },
    {
      ...layerCost({ kind: 'pointwiseConv2d', filters: 16 }, [[16, 16, 8]]),
      name: undefined,
      inputs: undefined,
      path: undefined,
      layer: undefined,
    },
  );
});

test('totals are the sums of the rows and flops are twice the MACs', () => {
  const summary = summarize(TINY);
  const sum = (pick: (row: (typeof summary.rows)[number]) => number): number => summary.rows.reduce((acc, row) => acc + pick(row), 0);
  assert.equal(
    summary.macs,
    sum((row) => row.macs),
  );
  assert.equal(summary.flops, 2 * summary.macs);
  assert.equal(
    summary.elementwiseOps,
    sum((row) => row.elementwiseOps),
  );
  assert.equal(
    summary.params.trainable,
    sum((row) => row.params.trainable),
  );
  assert.equal(
    summary.params.nonTrainable,
    sum((row) => row.params.nonTrainable),
  );
  assert.equal(summary.params.total, summary.params.trainable + summary.params.nonTrainable);
  assert.equal(summary.memory.weightsBytes, 4 * summary.params.total);
  assert.equal(
    summary.memory.activationsBytes,
    sum((row) => row.outputBytes),
  );
  // Hand count: conv1 55,296; dw 16·16·9·8 = 18,432; pw 16·16·8·16 = 32,768; dense 16·10 = 160.
  assert.equal(summary.macs, 55_296 + 18_432 + 32_768 + 160);
  // Params: conv1 216; BN 32 (16 non-trainable); dw 72; pw 128; dense 170 → 618 total.
  assert.deepEqual(summary.params, { trainable: 216 + 16 + 72 + 128 + 170, nonTrainable: 16, total: 618 });
});

/** Asserts an input error on `field` whose message matches. */
function rejects(model: unknown, field: string, message: RegExp): void {
  assert.throws(
    () => summarize(model as ModelSpec),
    (error: unknown) => error instanceof ConvkitInputError && error.field === field && message.test(error.message),
  );
}

const withNodes = (nodes: unknown[]): unknown => ({ name: 'bad', input: [8, 8, 3], nodes });
const conv = (name: string, inputs: string[]): LayerNode => ({ name, layer: { kind: 'conv2d', filters: 4, kernelSize: 3 }, inputs });

test('duplicate node names are rejected', () => {
  rejects(withNodes([conv('a', [INPUT]), conv('a', ['a'])]), 'nodes[1].name', /"a": must be unique/);
});

test('a node may not be called "input"', () => {
  rejects(withNodes([conv(INPUT, [INPUT])]), 'nodes[0].name', /reserved for the model input/);
});

test('inputs must exist and come earlier', () => {
  rejects(withNodes([conv('a', ['b']), conv('b', [INPUT])]), 'a.inputs', /a.inputs = "b": must name the model input or an earlier node/);
  rejects(withNodes([conv('a', ['nowhere'])]), 'a.inputs', /"nowhere"/);
  rejects(withNodes([conv('a', [])]), 'a.inputs', /at least one/);
});

test('layer errors are prefixed with the node name', () => {
  rejects(
    withNodes([{ name: 'conv1', layer: { kind: 'conv2d', filters: 4, kernelSize: 3, strides: 0 }, inputs: [INPUT] }]),
    'conv1.strides',
    /^conv1.strides = 0: must be a positive integer$/,
  );
  rejects(
    withNodes([conv('a', [INPUT]), { name: 'sum', layer: { kind: 'add' }, inputs: [INPUT, 'a'] }]),
    'sum.inputShapes[1]',
    /add needs every input to have the shape/,
  );
});

test('a bad model input or an empty graph is rejected', () => {
  rejects({ name: 'x', input: [0, 8, 3], nodes: [conv('a', [INPUT])] }, 'input', /every size must be a positive integer/);
  rejects({ name: 'x', input: [8, 8, 3], nodes: [] }, 'nodes', /non-empty/);
});

test('a thousand-node graph is summarised', () => {
  // A DenseNet-like chain: 250 × (BN, ReLU, conv, concat). Only correctness here; speed is in bench/cost.bench.ts.
  const nodes: LayerNode[] = [];
  let features = INPUT;
  for (let l = 1; l <= 250; l++) {
    nodes.push({ name: `bn${l}`, layer: { kind: 'batchNorm' }, inputs: [features] });
    nodes.push({ name: `relu${l}`, layer: { kind: 'activation', activation: 'relu' }, inputs: [`bn${l}`] });
    nodes.push({ name: `conv${l}`, layer: { kind: 'conv2d', filters: 2, kernelSize: 3 }, inputs: [`relu${l}`] });
    nodes.push({ name: `cat${l}`, layer: { kind: 'concat' }, inputs: [features, `conv${l}`] });
    features = `cat${l}`;
  }
  const summary = summarize({ name: 'chain', input: [4, 4, 2], nodes });
  assert.equal(summary.rows.length, 1000);
  // channels grow 2 + 2·l: the last concat has 2 + 500 = 502 channels.
  assert.deepEqual(summary.rows[999].outputShape, [4, 4, 502]);
});
