/**
 * Whole zoo models through the reference loops: the multiply-adds counted by
 * executing every layer equal the cost model's summary, layer by layer and
 * in total (small resolutions keep the plain loops fast).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../../src/cost/summary';
import { runModel } from '../../../src/layers/reference/run-model';
import { randomTensor } from '../../../src/core/tensor';
import { buildModelSpec, type ZooOptions } from '../../../src/models/zoo';
import { INPUT, type ModelSpec } from '../../../src/core/spec';
import { ConvkitInputError } from '../../../src/core/errors';

const MODELS: Array<[string, ZooOptions]> = [
  ['mobilenet-v1', { alpha: 0.25, resolution: 32 }],
  ['mobilenet-v2', { alpha: 0.35, resolution: 32 }],
  ['mobilenet-v3-small', { resolution: 32 }],
  ['mobilenet-v3-large', { alpha: 0.75, resolution: 32 }],
  ['resnet-cifar', {}],
  ['densenet-121', { resolution: 32 }],
];

for (const [name, options] of MODELS) {
  test(`${name} ${JSON.stringify(options)}: counted multiply-adds equal the cost summary, layer by layer and in total`, () => {
    const model = buildModelSpec(name, options);
    const summary = summarize(model);
    const run = runModel(model, randomTensor(model.input, 1, 0, 1), { seed: 7 });
    assert.equal(run.layers.length, summary.rows.length);
    run.layers.forEach((layer, i) => {
      const row = summary.rows[i];
      assert.equal(layer.name, row.name);
      assert.equal(layer.macs, row.macs, `${layer.name} (${layer.kind})`);
      assert.deepEqual([...layer.outputShape], [...row.outputShape], layer.name);
    });
    assert.equal(run.macs, summary.macs);
    assert.ok(run.output.data.every(Number.isFinite), 'LeCun-scaled random weights keep the output finite');
  });
}

const tiny: ModelSpec = {
  name: 'tiny',
  input: [4, 4, 2],
  nodes: [
    { name: 'conv', layer: { kind: 'conv2d', filters: 3, kernelSize: 3 }, inputs: [INPUT] },
    { name: 'relu', layer: { kind: 'activation', activation: 'relu' }, inputs: ['conv'] },
    { name: 'pool', layer: { kind: 'globalAvgPool' }, inputs: ['relu'] },
  ],
};

test('weights given by node name are used instead of random ones', () => {
  const zero = { kernel: new Float32Array(3 * 3 * 2 * 3) };
  const run = runModel(tiny, randomTensor([4, 4, 2], 1), { weights: { conv: zero } });
  assert.deepEqual([...run.output.data], [0, 0, 0]);
  assert.equal(run.macs, 4 * 4 * 3 * 3 * 2 * 3);
});

test('the same seed gives the same output, another seed another', () => {
  const input = randomTensor([4, 4, 2], 1);
  assert.deepEqual(runModel(tiny, input, { seed: 3 }).output.data, runModel(tiny, input, { seed: 3 }).output.data);
  assert.notDeepEqual(runModel(tiny, input, { seed: 3 }).output.data, runModel(tiny, input, { seed: 4 }).output.data);
});

test('an input of the wrong shape is rejected, naming input.shape', () => {
  assert.throws(
    () => runModel(tiny, randomTensor([4, 4, 3], 1)),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'input.shape',
  );
});

test('a node that reads an unknown tensor is rejected, naming the node input', () => {
  const broken: ModelSpec = { ...tiny, nodes: [{ ...tiny.nodes[0], inputs: ['nowhere'] }] };
  assert.throws(
    () => runModel(broken, randomTensor([4, 4, 2], 1)),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'nodes[0].inputs[0]',
  );
});
