/**
 * Memory rules of src/cost/memory.ts: exact values on a tiny hand-worked
 * dense block, and the growth laws on synthetic dense blocks (Pleiss et al.
 * 2017): per-layer storage grows quadratically with depth, shared storage
 * linearly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize, memoryReport, peakInferenceBytes } from '../../src/cost';
import { INPUT, type LayerNode, type ModelSpec } from '../../src/core/spec';

/**
 * A dense block as the DenseNet builder spells it: per layer BN → ReLU →
 * 3x3 conv to `growthRate` channels → concat with everything before. The
 * concatenations and BN/ReLU outputs are marked for shared storage.
 */
function denseBlock(layers: number, size: number, initialChannels: number, growthRate: number, kernel = 3): ModelSpec {
  const nodes: LayerNode[] = [];
  let features = INPUT;
  for (let l = 1; l <= layers; l++) {
    nodes.push({ name: `bn_${l}`, layer: { kind: 'batchNorm' }, inputs: [features], sharedStorage: true });
    nodes.push({ name: `relu_${l}`, layer: { kind: 'activation', activation: 'relu' }, inputs: [`bn_${l}`], sharedStorage: true });
    nodes.push({ name: `conv_${l}`, layer: { kind: 'conv2d', filters: growthRate, kernelSize: kernel }, inputs: [`relu_${l}`] });
    nodes.push({ name: `concat_${l}`, layer: { kind: 'concat' }, inputs: [features, `conv_${l}`], sharedStorage: true });
    features = `concat_${l}`;
  }
  return { name: `dense block (${layers} layers)`, input: [size, size, initialChannels], nodes };
}

test('a two-layer dense block on 1x1x2 has the hand-worked memory figures', () => {
  // Channels: input 2; bn_1/relu_1 2; conv_1 1; concat_1 3; bn_2/relu_2 3; conv_2 1; concat_2 4.
  // Bytes (fp32, 1x1 pixels): input 8; outputs 8, 8, 4, 12, 12, 12, 4, 16 → activations 76.
  // Training keeps input + outputs = 84.
  // Shared: 84 − marked (8+8+12+12+12+16 = 68) + largest concat 16 + largest BN/ReLU 12 = 44
  //   (= input 8 + conv outputs 4 + 4 + the two buffers 16 + 12).
  // Peak inference (live totals while each node runs):
  //   bn_1 8+8=16; relu_1 16+8=24 (then bn_1 dies → 16); conv_1 16+4=20 (relu_1 dies → 12);
  //   concat_1 12+12=24 (input, conv_1 die → 12); bn_2 12+12=24; relu_2 24+12=36 (bn_2 dies → 24);
  //   conv_2 24+4=28 (relu_2 dies → 16); concat_2 16+16=32. Peak 36.
  // Weights: BN 4·2 + 4·3 = 20 params; the 1x1 convs 2·1 + 3·1 = 5 params; 25 · 4 = 100 bytes.
  const summary = summarize(denseBlock(2, 1, 2, 1, 1));
  assert.deepEqual(summary.memory, {
    weightsBytes: 100,
    activationsBytes: 76,
    peakInferenceBytes: 36,
    trainingBytes: 84,
    sharedStorageTrainingBytes: 44,
  });
});

test('a graph without shared-storage marks has no shared-storage figure', () => {
  const summary = summarize({
    name: 'plain',
    input: [4, 4, 1],
    nodes: [{ name: 'conv', layer: { kind: 'conv2d', filters: 2, kernelSize: 3 }, inputs: [INPUT] }],
  });
  assert.equal(summary.memory.sharedStorageTrainingBytes, undefined);
  // input 64 B + output 128 B live together while the conv runs.
  assert.equal(summary.memory.peakInferenceBytes, 192);
});

test('a tensor stays live until its last consumer, as in a residual block', () => {
  // input → a → b → add(input, b): the input (100 B) must stay live through a and b.
  const peak = peakInferenceBytes({
    inputName: INPUT,
    inputBytes: 100,
    nodes: [
      { name: 'a', kind: 'conv2d', inputs: [INPUT], outputBytes: 10, weightBytes: 0 },
      { name: 'b', kind: 'conv2d', inputs: ['a'], outputBytes: 20, weightBytes: 0 },
      { name: 'sum', kind: 'add', inputs: [INPUT, 'b'], outputBytes: 100, weightBytes: 0 },
    ],
  });
  // while b runs: input 100 + a 10 + b 20 = 130; while sum runs: input 100 + b 20 + sum 100 = 220.
  assert.equal(peak, 220);
});

test('an output nobody reads is freed right after its node runs', () => {
  const report = memoryReport({
    inputName: INPUT,
    inputBytes: 1,
    nodes: [
      { name: 'side', kind: 'conv2d', inputs: [INPUT], outputBytes: 50, weightBytes: 0 },
      { name: 'main', kind: 'conv2d', inputs: [INPUT], outputBytes: 5, weightBytes: 0 },
      { name: 'last', kind: 'conv2d', inputs: ['main'], outputBytes: 5, weightBytes: 0 },
    ],
  });
  // side runs with the input: 51; it is dropped, so main runs at 1 + 5 and last at 5 + 5.
  assert.equal(report.peakInferenceBytes, 51);
  assert.equal(report.trainingBytes, 61);
});

/** Second differences f(n+1) − 2 f(n) + f(n−1) over n = 1…. */
function secondDifferences(values: readonly number[]): number[] {
  return values.slice(2).map((v, i) => v - 2 * values[i + 1] + values[i]);
}

test('naive dense-block training memory grows quadratically and shared storage linearly', () => {
  const depths = [1, 2, 3, 4, 5, 6, 7, 8];
  const reports = depths.map((layers) => summarize(denseBlock(layers, 8, 16, 12)).memory);
  const naive = secondDifferences(reports.map((m) => m.trainingBytes));
  const shared = secondDifferences(reports.map((m) => m.sharedStorageTrainingBytes ?? Number.NaN));
  // Naive: layer l stores BN, ReLU outputs of k0 + (l−1)k channels, k conv channels and the
  // k0 + lk concat: 3k0 + 3lk − k channels, so the second difference is 3k channels of 8x8 fp32.
  const quadraticTerm = 3 * 12 * 8 * 8 * 4;
  assert.ok(
    naive.every((d) => d === quadraticTerm),
    `naive second differences ${naive.join(', ')}`,
  );
  // Shared: k per layer plus two buffers that grow by k per layer: linear, second difference 0.
  assert.ok(
    shared.every((d) => d === 0),
    `shared second differences ${shared.join(', ')}`,
  );
  // And sharing always helps once there is more than one layer.
  reports.slice(1).forEach((m) => assert.ok((m.sharedStorageTrainingBytes ?? Infinity) < m.trainingBytes));
});

test("an intermediate map counts in activations and training, and is live with its node's input and output", () => {
  // input 10 → a (output 20, intermediate 30) → b (output 5). Hand-worked:
  //   activations = 20 + 30 + 5 = 55; training = input 10 + 55 = 65;
  //   while a runs: input 10 + intermediate 30 + output 20 = 60 (then input and the map die → 20);
  //   while b runs: 20 + 5 = 25. Peak 60.
  const report = memoryReport({
    inputName: INPUT,
    inputBytes: 10,
    nodes: [
      { name: 'a', kind: 'separableConv2d', inputs: [INPUT], outputBytes: 20, intermediateBytes: 30, weightBytes: 0 },
      { name: 'b', kind: 'activation', inputs: ['a'], outputBytes: 5, weightBytes: 0 },
    ],
  });
  assert.equal(report.activationsBytes, 55);
  assert.equal(report.trainingBytes, 65);
  assert.equal(report.peakInferenceBytes, 60);
});

test('one separableConv2d layer keeps as many activation bytes as the depthwise + pointwise pair', () => {
  const input = [56, 56, 128] as const;
  const map = 56 * 56 * 128 * 4;
  const separable = summarize({
    name: 'separable',
    input,
    nodes: [{ name: 'sep', layer: { kind: 'separableConv2d', filters: 128, kernelSize: 3 }, inputs: [INPUT] }],
  });
  const pair = summarize({
    name: 'pair',
    input,
    nodes: [
      { name: 'dw', layer: { kind: 'depthwiseConv2d', kernelSize: 3 }, inputs: [INPUT] },
      { name: 'pw', layer: { kind: 'pointwiseConv2d', filters: 128 }, inputs: ['dw'] },
    ],
  });
  assert.equal(separable.memory.activationsBytes, 2 * map);
  assert.equal(separable.memory.activationsBytes, pair.memory.activationsBytes);
  assert.equal(separable.memory.trainingBytes, pair.memory.trainingBytes);
  // One fused layer holds its input until it ends: input, map and output at once (3 maps);
  // as two layers the input dies after the depthwise step, so the pair peaks at 2 maps.
  assert.equal(separable.memory.peakInferenceBytes, 3 * map);
  assert.equal(pair.memory.peakInferenceBytes, 2 * map);
});
