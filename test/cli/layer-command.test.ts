import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluate } from 'mathjs';
import { LAYER_TYPE_NAMES } from '../../src/cli/layer-types';
import { runCli, runJson } from './run-cli';

const close = (actual: number, expected: number, tolerance = 1e-12): void =>
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${actual} ≉ ${expected}`);

test('layer separable gives the sum of depthwise and pointwise MACs and the ratio 1/128 + 1/9', async () => {
  const json = await runJson('layer', 'separable', '--input', '56,56,128', '--filters', '128', '--kernel', '3', '--json');
  const depthwise = 56 * 56 * 3 * 3 * 128; // one 3×3 filter per channel (MobileNet eq. 3)
  const pointwise = 56 * 56 * 128 * 128; // 1×1 from 128 to 128 channels
  const standard = 56 * 56 * 3 * 3 * 128 * 128;
  assert.equal(json.vsStandard.depthwiseMacs, depthwise);
  assert.equal(json.vsStandard.pointwiseMacs, pointwise);
  assert.equal(json.macs, depthwise + pointwise);
  assert.equal(json.flops, 2 * json.macs);
  assert.equal(json.vsStandard.standardMacs, standard);
  close(json.vsStandard.macsRatio, 1 / 128 + 1 / 9);
  close(json.vsStandard.formulaRatio, 1 / 128 + 1 / 9);
  assert.deepEqual(json.output, [56, 56, 128]);
  assert.equal(json.params.total, 3 * 3 * 128 + 128 * 128);
  // The symbolic ratio mathjs derived, evaluated at M = 128, K = 3.
  close(evaluate(json.vsStandard.symbolicRatio, { M: 128, K: 3 }) as number, 1 / 128 + 1 / 9);
});

test('layer separable prints the formula, its sizes and the ratio as text', async () => {
  const { code, stdout } = await runCli('layer', 'separable', '--input', '56,56,128', '--filters', '128', '--kernel', '3');
  assert.equal(code, 0);
  assert.match(stdout, /MACs {3}= Hout \* Wout \* Kh \* Kw \* C \* d \+ Hout \* Wout \* C \* d \* M/);
  assert.match(stdout, /with Hout = 56, Wout = 56, Kh = 3, Kw = 3, C = 128, d = 1, M = 128/);
  assert.match(stdout, /= 54,992,896/);
  assert.match(stdout, /Ratio \(MACs\):\s+0\.118924 \(separable \/ standard MACs, counted\)/);
  // The formula's value is labelled as the formula evaluated, not as a figure printed in the paper.
  assert.match(stdout, /Formula d\/M \+ d\/\(Kh\*Kw\):\s+1\/128 \+ 1\/9 = 0\.118924 \(MobileNet eq\. 5, evaluated\)/);
  assert.doesNotMatch(stdout, /paper:/);
});

test('a single layer prints the params formula, its sizes and its value, as it does for MACs', async () => {
  const { stdout } = await runCli('layer', 'separable', '--input', '56,56,128', '--filters', '128');
  const lines = stdout.split('\n');
  const at = lines.findIndex((line) => line.startsWith('Params = '));
  assert.ok(at >= 0, stdout);
  assert.match(lines[at + 1]!, /^ {7}with Kh = 3, Kw = 3, C = 128, d = 1, M = 128, b = 0$/);
  assert.equal(lines[at + 2], `       = ${(3 * 3 * 128 + 128 * 128).toLocaleString('en-US')}`);
});

test('the separable layer counts its depthwise map in activations, peak inference and training memory', async () => {
  const json = await runJson('layer', 'separable', '--input', '56,56,128', '--filters', '128', '--json');
  const map = 56 * 56 * 128 * 4; // input, depthwise result and output are each 56×56×128 fp32
  assert.equal(json.outputBytes, map);
  assert.equal(json.intermediateBytes, map);
  assert.equal(json.memory.activationsBytes, 2 * map); // output + depthwise map
  assert.equal(json.memory.peakInferenceBytes, 3 * map); // input, depthwise map and output at once
  assert.equal(json.memory.trainingBytes, 3 * map); // input + depthwise map + output kept for backward
  // The same figures as the depthwise + pointwise pair built as two layers.
  const dw = await runJson('layer', 'depthwise', '--input', '56,56,128', '--json');
  const pw = await runJson('layer', 'pointwise', '--input', '56,56,128', '--filters', '128', '--json');
  assert.equal(json.memory.activationsBytes, dw.memory.activationsBytes + pw.memory.activationsBytes);
});

test('a stride-2 separable layer with depth multiplier 2 has a depthwise map of Hout·Wout·C·d', async () => {
  const json = await runJson('layer', 'separable', '--input', '20,20,8', '--filters', '4', '--stride', '2', '--depth-multiplier', '2', '--json');
  assert.equal(json.intermediateBytes, 10 * 10 * 8 * 2 * 4);
  assert.equal(json.memory.activationsBytes, 10 * 10 * 8 * 2 * 4 + 10 * 10 * 4 * 4);
});

/** A small conv-like layer drawn at random, as command-line flags. */
const smallLayer = fc.record({
  type: fc.constantFrom('conv', 'depthwise', 'pointwise', 'separable'),
  height: fc.integer({ min: 1, max: 20 }),
  width: fc.integer({ min: 1, max: 20 }),
  channels: fc.integer({ min: 1, max: 16 }),
  filters: fc.integer({ min: 1, max: 16 }),
  kernel: fc.integer({ min: 1, max: 5 }),
  stride: fc.integer({ min: 1, max: 3 }),
  bias: fc.boolean(),
});

test('the printed formula evaluated at the printed sizes gives the printed MACs and params, for any small layer', async () => {
  await fc.assert(
    fc.asyncProperty(smallLayer, async (l) => {
      const argv = ['layer', l.type, '--input', `${l.height},${l.width},${l.channels}`, '--json'];
      if (l.type !== 'depthwise') argv.push('--filters', String(l.filters));
      if (l.type !== 'pointwise') argv.push('--kernel', String(l.kernel), '--stride', String(l.stride));
      if (l.bias) argv.push('--bias');
      const json = await runJson(...argv);
      assert.equal(evaluate(json.formula.macs, json.formula.symbols), json.macs);
      assert.equal(evaluate(json.formula.params, json.formula.symbols), json.params.trainable);
      // "same" padding: the output is ceil(input / stride) (TF's rule).
      const stride = l.type === 'pointwise' ? 1 : l.stride;
      assert.deepEqual(json.output.slice(0, 2), [Math.ceil(l.height / stride), Math.ceil(l.width / stride)]);
      assert.equal(json.flops, 2 * json.macs);
    }),
    { numRuns: 40 },
  );
});

test("a standard conv costs Hout·Wout·K²·C·M, checked by hand on MobileNet v1's first layer", async () => {
  // Howard et al. 2017 Table 1: Conv / s2, 3×3×3×32 on 224×224×3 → 112×112×32.
  const json = await runJson('layer', 'conv', '--input', '224,224,3', '--filters', '32', '--kernel', '3', '--stride', '2', '--json');
  assert.deepEqual(json.output, [112, 112, 32]);
  assert.equal(json.macs, 112 * 112 * 3 * 3 * 3 * 32);
  assert.equal(json.params.total, 3 * 3 * 3 * 32);
});

test('a dense block without bottleneck adds k channels per layer and costs the sum of its 3×3 convs', async () => {
  const [H, W, C, L, k] = [14, 14, 24, 4, 12];
  const json = await runJson('layer', 'dense-block', '--input', `${H},${W},${C}`, '--layers', String(L), '--growth-rate', String(k), '--json');
  assert.deepEqual(json.output, [H, W, C + L * k]);
  let macs = 0;
  for (let l = 1; l <= L; l++) macs += H * W * 3 * 3 * (C + (l - 1) * k) * k; // layer l sees k0 + (l-1)·k channels
  assert.equal(json.macs, macs);
  assert.equal(
    json.layers.reduce((sum: number, layer: { macs: number }) => sum + layer.macs, 0),
    json.macs,
  );
  assert.ok(json.memory.sharedStorageTrainingBytes < json.memory.trainingBytes);
  assert.ok('conv2d' in json.formulas);
});

test('a DenseNet-B dense block puts a 1×1 conv to 4k channels before each 3×3 conv', async () => {
  const [H, W, C, L, k] = [7, 7, 32, 3, 8];
  const json = await runJson('layer', 'dense-block', '--input', `${H},${W},${C}`, '--layers', String(L), '--growth-rate', String(k), '--bottleneck', '--json');
  let macs = 0;
  for (let l = 1; l <= L; l++) macs += H * W * (C + (l - 1) * k) * 4 * k + H * W * 3 * 3 * 4 * k * k;
  assert.equal(json.macs, macs);
  assert.deepEqual(json.output, [H, W, C + L * k]);
});

test('a transition layer halves the map and keeps floor(θ·C) channels', async () => {
  const json = await runJson('layer', 'transition', '--input', '56,56,256', '--compression', '0.5', '--json');
  assert.deepEqual(json.output, [28, 28, 128]);
  assert.equal(json.macs, 56 * 56 * 256 * 128);
});

test('an inverted residual expands t·C, filters depthwise, projects, and adds the input when shapes match', async () => {
  const [H, C, t] = [28, 32, 6];
  const json = await runJson('layer', 'inverted-residual', '--input', `${H},${H},${C}`, '--filters', String(C), '--expansion', String(t), '--json');
  assert.equal(json.macs, H * H * C * t * C + H * H * 9 * t * C + H * H * t * C * C);
  assert.ok(json.layers.some((layer: { kind: string }) => layer.kind === 'add'));
  const strided = await runJson('layer', 'inverted-residual', '--input', `${H},${H},${C}`, '--filters', String(C), '--stride', '2', '--json');
  assert.ok(!strided.layers.some((layer: { kind: string }) => layer.kind === 'add'), 'no residual when the stride is 2');
  assert.deepEqual(strided.output, [14, 14, C]);
});

test('squeeze-and-excite costs two 1×1 convs on the pooled vector: 2·C·S MACs', async () => {
  const json = await runJson('layer', 'se', '--input', '14,14,96', '--squeeze', '24', '--json');
  assert.equal(json.macs, 2 * 96 * 24);
  assert.equal(json.params.total, 96 * 24 + 24 + 24 * 96 + 96);
});

test('a strided ResNet bottleneck costs more in v1.5 (stride on the 3×3) than in v1 (stride on the 1×1)', async () => {
  const argv = ['layer', 'resnet-bottleneck', '--input', '56,56,256', '--filters', '128', '--stride', '2', '--json'];
  const v1 = await runJson(...argv);
  const v15 = await runJson(...argv, '--variant', 'v1.5');
  assert.deepEqual(v1.output, [28, 28, 512]);
  assert.deepEqual(v15.output, [28, 28, 512]);
  assert.ok(v15.macs > v1.macs);
  assert.equal(v15.params.total, v1.params.total);
});

test('a ResNet basic block with a shape change gets a projection shortcut', async () => {
  const json = await runJson('layer', 'resnet-basic', '--input', '56,56,64', '--filters', '128', '--stride', '2', '--json');
  assert.deepEqual(json.output, [28, 28, 128]);
  const convs = json.layers.filter((layer: { kind: string }) => layer.kind === 'conv2d');
  assert.equal(convs.length, 3, 'two 3×3 convs and the 1×1 projection');
});

test('a block printed as text shows its formulas and a per-layer table with totals', async () => {
  const { code, stdout } = await runCli('layer', 'dense-block', '--input', '8,8,16', '--layers', '2', '--growth-rate', '4');
  assert.equal(code, 0);
  assert.match(stdout, /conv2d MACs += Hout \* Wout \* Kh \* Kw \* \(C \/ g\) \* M/);
  assert.match(stdout, /conv_block2_concat/);
  assert.match(stdout, /Total MACs:/);
});

/** The smallest command line for each type, on a 16×16×32 map. */
const MINIMAL: Readonly<Record<string, string[]>> = {
  conv: ['--filters', '8'],
  depthwise: [],
  pointwise: ['--filters', '8'],
  separable: ['--filters', '8'],
  'separable-block': ['--filters', '8'],
  'inverted-residual': ['--filters', '8'],
  se: [],
  'dense-block': ['--layers', '2'],
  transition: [],
  'resnet-basic': ['--filters', '8'],
  'resnet-bottleneck': ['--filters', '8'],
};

test('every layer type answers --json with the same keys as a model: model, input, macs, flops, params, memory', async () => {
  assert.deepEqual([...LAYER_TYPE_NAMES].sort(), Object.keys(MINIMAL).sort(), 'every type has a case here');
  for (const [type, flags] of Object.entries(MINIMAL)) {
    const json = await runJson('layer', type, '--input', '16,16,32', ...flags, '--json');
    assert.equal(typeof json.model, 'string', type);
    assert.deepEqual(json.input, [16, 16, 32], type);
    assert.ok(Number.isSafeInteger(json.macs) && json.macs > 0, `${type} macs`);
    assert.equal(json.flops, 2 * json.macs, type);
    assert.equal(json.params.total, json.params.trainable + json.params.nonTrainable, type);
    for (const key of ['weightsBytes', 'activationsBytes', 'peakInferenceBytes', 'trainingBytes']) {
      assert.ok(json.memory[key] > 0, `${type} memory.${key}`);
    }
  }
});

test('one layer alone holds its input and its output at its peak: (H·W·C + Ho·Wo·M) fp32 values', async () => {
  const json = await runJson('layer', 'conv', '--input', '32,32,16', '--filters', '24', '--stride', '2', '--json');
  assert.equal(json.memory.activationsBytes, 16 * 16 * 24 * 4);
  assert.equal(json.memory.peakInferenceBytes, (32 * 32 * 16 + 16 * 16 * 24) * 4);
  assert.equal(json.memory.weightsBytes, 3 * 3 * 16 * 24 * 4);
});

test('a resnet-bottleneck block with --filters F has 4·F output channels, as its help says', async () => {
  const json = await runJson('layer', 'resnet-bottleneck', '--input', '56,56,256', '--filters', '128', '--json');
  assert.deepEqual(json.output, [56, 56, 512]);
  const wider = await runJson('layer', 'resnet-bottleneck', '--input', '56,56,256', '--filters', '128', '--expansion', '2', '--json');
  assert.deepEqual(wider.output, [56, 56, 256]);
});
