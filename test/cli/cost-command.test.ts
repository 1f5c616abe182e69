import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODEL_NAMES } from '../../src/models/zoo';
import { runCli, runJson } from './run-cli';

// Published figures (Keras conventions: trainable = weights + biases + BN γ/β,
// total adds BN moving statistics). MobileNet v1: Howard et al. 2017 Table 1
// (569 M mult-adds, 4.2 M weights) and Keras' MobileNet summary; DenseNet-121:
// Huang et al. 2017 Table 1 (~2.9 G MACs) and Keras' DenseNet121 summary.
const PUBLISHED = {
  'mobilenet-v1': { macs: 568_740_352, trainable: 4_231_976, total: 4_253_864 },
  'densenet-121': { macs: 2_834_161_664, trainable: 7_978_856, total: 8_062_504 },
} as const;

for (const [model, expected] of Object.entries(PUBLISHED)) {
  test(`cost ${model} --json reproduces the published MACs and parameter counts`, async () => {
    const json = await runJson('cost', model, '--json');
    assert.equal(json.macs, expected.macs);
    assert.equal(json.flops, 2 * expected.macs);
    assert.equal(json.params.trainable, expected.trainable);
    assert.equal(json.params.total, expected.total);
    assert.equal(json.params.nonTrainable, expected.total - expected.trainable);
    assert.deepEqual(json.input, [224, 224, 3]);
    assert.match(json.model, new RegExp(`^${model}`));
  });
}

test('every zoo model reports integer MACs, FLOPs of exactly twice that, and the four memory figures', async () => {
  for (const model of MODEL_NAMES) {
    const json = await runJson('cost', model, '--json');
    assert.ok(Number.isSafeInteger(json.macs) && json.macs > 0, `${model} macs ${json.macs}`);
    assert.equal(json.flops, 2 * json.macs, model);
    assert.equal(json.params.total, json.params.trainable + json.params.nonTrainable, model);
    for (const key of ['weightsBytes', 'activationsBytes', 'peakInferenceBytes', 'trainingBytes']) {
      assert.ok(json.memory[key] > 0, `${model} memory.${key}`);
    }
    const isDenseNet = model.startsWith('densenet');
    assert.equal('sharedStorageTrainingBytes' in json.memory, isDenseNet, `${model} sharedStorageTrainingBytes`);
    assert.equal('layers' in json, false, `${model} has no layers without --per-layer`);
  }
});

test('shared storage needs less training memory than storing every concatenation (Pleiss et al. 2017)', async () => {
  const json = await runJson('cost', 'densenet-121', '--json');
  assert.ok(json.memory.sharedStorageTrainingBytes < json.memory.trainingBytes);
});

test('model options reach the zoo: half the width of MobileNet v1 costs about a quarter of the MACs', async () => {
  // Howard et al. 2017 Table 6: α = 0.5 at 224 has 149 M mult-adds vs 569 M.
  const full = await runJson('cost', 'mobilenet-v1', '--json');
  const half = await runJson('cost', 'mobilenet-v1', '--alpha', '0.5', '--json');
  assert.ok(Math.abs(half.macs / 1e6 - 149) < 1.5, `alpha 0.5: ${half.macs}`);
  assert.ok(half.macs < full.macs / 3.5 && half.macs > full.macs / 4.5);
  const small = await runJson('cost', 'mobilenet-v1', '--resolution', '128', '--json');
  assert.deepEqual(small.input, [128, 128, 3]);
});

test('the CIFAR models take a depth and DenseNets a growth rate', async () => {
  const resnet56 = await runJson('cost', 'resnet-cifar', '--depth', '56', '--json');
  const resnet20 = await runJson('cost', 'resnet-cifar', '--json');
  assert.ok(resnet56.params.trainable > 2.5 * resnet20.params.trainable);
  const k24 = await runJson('cost', 'densenet-bc-cifar', '--growth-rate', '24', '--json');
  const k12 = await runJson('cost', 'densenet-bc-cifar', '--json');
  assert.ok(k24.params.trainable > 3 * k12.params.trainable);
  const v15 = await runJson('cost', 'resnet-50', '--variant', 'v1.5', '--json');
  const v1 = await runJson('cost', 'resnet-50', '--json');
  assert.ok(v15.macs > v1.macs, 'v1.5 strides the 3×3, which costs more');
  assert.equal(v15.params.total, v1.params.total);
});

for (const model of ['mobilenet-v2', 'densenet-121', 'resnet-50'] as const) {
  test(`cost ${model} --per-layer lists layers whose figures sum to the totals`, async () => {
    const json = await runJson('cost', model, '--per-layer', '--json');
    const layers = json.layers as Array<Record<string, any>>;
    const sum = (pick: (layer: Record<string, any>) => number) => layers.reduce((acc, layer) => acc + pick(layer), 0);
    assert.equal(sum((l) => l.macs), json.macs);
    assert.equal(sum((l) => l.flops), json.flops);
    assert.equal(sum((l) => l.params.trainable), json.params.trainable);
    assert.equal(sum((l) => l.params.nonTrainable), json.params.nonTrainable);
    assert.equal(sum((l) => l.outputBytes + l.intermediateBytes), json.memory.activationsBytes);
    assert.equal(sum((l) => l.weightBytes), json.memory.weightsBytes);
    assert.equal(new Set(layers.map((l) => l.name)).size, layers.length, 'layer names are unique');
  });
}

test('cost without --json prints the stage table whose MACs add up to the total line', async () => {
  const { code, stdout, stderr } = await runCli('cost', 'densenet-121');
  assert.equal(code, 0);
  assert.equal(stderr, '');
  const lines = stdout.split('\n');
  const rows = lines.filter((line) => /^(stem|dense_block_\d|transition_\d|head)\s/.test(line));
  assert.equal(rows.length, 9, 'stem, 4 dense blocks, 3 transitions, head');
  const macs = rows.map((row) => Number(row.trim().split(/\s+/)[3]!.replace(/,/g, '')));
  const total = Number(/Total MACs:\s+([\d,]+)/.exec(stdout)![1]!.replace(/,/g, ''));
  assert.equal(total, PUBLISHED['densenet-121'].macs);
  assert.equal(macs.reduce((a, b) => a + b, 0), total);
  assert.match(stdout, /Total FLOPs \(2 x MACs\):\s+5,668,323,328/);
  assert.match(stdout, /Training activations, shared storage:/);
});

test('cost --per-layer without --json prints one table row per layer', async () => {
  const json = await runJson('cost', 'mobilenet-v1', '--per-layer', '--json');
  const { stdout } = await runCli('cost', 'mobilenet-v1', '--per-layer');
  for (const layer of json.layers as Array<{ name: string }>) {
    assert.match(stdout, new RegExp(`^${layer.name.replace(/[/\\^$.*+?()[\]{}|]/g, '\\$&')}\\s`, 'm'));
  }
  assert.match(stdout, /Total MACs:\s+568,740,352/);
});
