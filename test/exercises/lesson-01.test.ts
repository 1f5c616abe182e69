import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exercises } from '../../src/exercises/lessons/01-standard-convolution';
import { solutions } from '../../src/exercises/solutions/01';
import { conv2d, type Conv2dWeights } from '../../src/layers/reference/conv2d';
import { zeros } from '../../src/core/tensor';
import { randomWeights } from '../../src/layers/reference/weights';
import type { Conv2dSpec } from '../../src/core/spec';
import { answerOf, assertDiagnoses, exerciseIn, verdictIn, wrongKeys } from './lesson-checks';
import { summarize } from '../../src/cost/summary';
import { formatCount } from '../../src/cost/render';
import { summaryTotals } from '../../src/cost/render';
import { buildModelSpec } from '../../src/models/zoo';
import { isChoiceExercise } from '../../src/exercises/registry';
import { fieldTask, paperResNet50Figure } from '../../src/exercises/lessons/01-standard-convolution';
import { receptiveField } from '../../src/cost/receptive-field';
import { conv2d as referenceConv } from '../../src/layers/reference/conv2d';
import { fromArray } from '../../src/core/tensor';

const verdict = (id: string, answer: unknown) => verdictIn(exercises, id, answer);
const getExercise = (id: string) => exerciseIn(exercises, id);

test('lesson 01 has 3 to 7 exercises and a worked solution for each', () => {
  // Seven since the design task 01.7 on the receptive field.
  assert.ok(exercises.length >= 3 && exercises.length <= 7);
  assert.deepEqual(
    solutions.map((s) => s.id),
    exercises.map((e) => e.id),
  );
});

test('every lesson 01 check accepts its hand-worked solution', () => {
  for (const solution of solutions) {
    assert.equal(verdict(solution.id, solution.answer).status, 'correct', solution.id);
  }
});

test('every lesson 01 check treats the committed stub as not answered yet', () => {
  for (const exercise of exercises) {
    assert.match(verdict(exercise.id, undefined).message, /not answered yet/);
  }
});

test('every typical mistake lesson 01 claims to diagnose gets its own hint', () => {
  const a = (id: string) => answerOf(solutions, id);
  assertDiagnoses(getExercise('01.1'), {
    'same padding': Math.ceil(32 / 2),
    'forgot the +1': Math.floor((32 - 5) / 2),
    'ignored the stride': 32 - 5 + 1,
  });
  assertDiagnoses(getExercise('01.2'), {
    'FLOPs instead of MACs': 2 * a('01.2'),
    'forgot K²': 64 * 128 * 56 * 56,
    'one output pixel only': 3 * 3 * 64 * 128,
    'forgot the input channels': 3 * 3 * 128 * 56 * 56,
    // One filter's work over the map, 1,806,336: the M filters left out.
    'forgot the filters': 3 * 3 * 64 * 56 * 56,
  });
  assertDiagnoses(getExercise('01.3'), {
    'used input size': 3 * 3 * 32 * 64 * 112 * 112,
    'FLOPs instead of MACs': 2 * a('01.3'),
    'forgot K²': 32 * 64 * 56 * 56,
  });
  assertDiagnoses(getExercise('01.4'), {
    'forgot the bias': 5 * 5 * 3 * 16,
    'MACs instead of parameters': 32 * 32 * 5 * 5 * 3 * 16,
    'forgot the input channels': 5 * 5 * 16 + 16,
  });
  assertDiagnoses(getExercise('01.5'), { 'linear in the side': 2, 'inverse ratio': 1 / 4 });
  // 01.7, worked by hand: stride 1 throughout needs ceil(63 / 2) = 32 layers; counting each layer's own
  // stride gives 1 + 2·2 + 2·4 = 13, then +8 per layer: 13 + 8·6 = 61, 13 + 8·7 = 69, so 2 + 7 = 9.
  assertDiagnoses(getExercise('01.7'), { 'ignored the strides': 32, "a layer's own stride in its step": 9, 'counted only the stride-1 layers': 8 });
});

test('the reference convolution confirms the output size and the stride-2 MAC count by counting', () => {
  const valid: Conv2dSpec = { kind: 'conv2d', filters: 1, kernelSize: 5, strides: 2, padding: 'valid' };
  const sized = conv2d(zeros([32, 32, 1]), valid, randomWeights(valid, [[32, 32, 1]], 1) as Conv2dWeights);
  assert.equal(sized.output.shape[0], answerOf(solutions, '01.1'));
  const strided: Conv2dSpec = { kind: 'conv2d', filters: 64, kernelSize: 3, strides: 2 };
  const counted = conv2d(zeros([112, 112, 32]), strided, randomWeights(strided, [[112, 112, 32]], 2) as Conv2dWeights);
  assert.equal(counted.macs, answerOf(solutions, '01.3'));
});

test("01.6: the right option is what convkit prints for ResNet-50, to the precision of the paper's figure", () => {
  const exercise = getExercise('01.6');
  assert.ok(isChoiceExercise(exercise));
  if (!isChoiceExercise(exercise)) return;
  const summary = summarize(buildModelSpec('resnet-50', { variant: 'v1' }));
  const totals = new Map(summaryTotals(summary));
  // The two lines `convkit cost resnet-50` prints, parsed back to numbers.
  const printed = (label: string): number => Number((totals.get(label) ?? 'missing').replace(/,/g, ''));
  assert.equal(totals.get('Total MACs'), formatCount(summary.macs));
  const macs = printed('Total MACs') / 1e9;
  const flops = printed('Total FLOPs (2 x MACs)') / 1e9;
  const right = exercise.choices.find((c) => c.key === exercise.answer)?.text ?? '';
  const [shownMacs, shownFlops] = [...right.matchAll(/([\d.]+)×10⁹/g)].map((m) => Number(m[1]));
  // He et al.'s figures are accepted within 0.1 G (data/reference/resnet.json); twice that for the doubled line.
  assert.ok(Math.abs(shownMacs - macs) <= 0.1, `MACs ${shownMacs} vs printed ${macs}`);
  assert.ok(Math.abs(shownFlops - flops) <= 0.2, `FLOPs ${shownFlops} vs printed ${flops}`);
  assert.equal(shownMacs, paperResNet50Figure);
  // Every wrong option misreads the paper's word, and its hint says how.
  for (const key of wrongKeys(exercise)) {
    const text = exercise.choices.find((c) => c.key === key)?.text ?? '';
    const [m, f] = [...text.matchAll(/([\d.]+)×10⁹/g)].map((x) => Number(x[1]));
    assert.ok(Math.abs(m - macs) > 0.1 || Math.abs(f - flops) > 0.2, `${key} is really wrong`);
    assert.match(verdict('01.6', key).message, /multiply-add|2 x MACs|2 × MACs/);
  }
  assert.match(verdict('01.6', 'd').message, /doubles/);
  assert.match(verdict('01.6', 'a').message, /halves/);
});

test('01.7: the answer is the first depth whose receptive field reaches the target, confirmed by an impulse through reference convolutions', () => {
  const depth = answerOf(solutions, '01.7');
  const stack = (n: number) => Array.from({ length: n }, (_, i) => fieldTask.layer(i + 1));
  assert.equal(depth, fieldTask.depth);
  assert.ok(receptiveField(stack(depth)) >= fieldTask.target);
  assert.ok(receptiveField(stack(depth - 1)) < fieldTask.target);
  // Brute force along one axis: a column of ones through the stack ('valid', all weights 1); the pixels
  // that reach output 0 are those of its field, and there are no holes (stride ≤ kernel, no dilation).
  const length = 200;
  const reach: number[] = [];
  for (let p = 0; p < length; p++) {
    let map = fromArray(
      [length, 1, 1],
      Float32Array.from({ length }, (_, i) => (i === p ? 1 : 0)),
    );
    for (const layer of stack(depth)) {
      const spec: Conv2dSpec = { kind: 'conv2d', filters: 1, kernelSize: [layer.kernel, 1], strides: [layer.stride ?? 1, 1], padding: 'valid' };
      map = referenceConv(map, spec, { kernel: new Float32Array(layer.kernel).fill(1) }).output;
    }
    if (map.data[0] !== 0) reach.push(p);
  }
  assert.equal(reach.length, receptiveField(stack(depth)));
  assert.ok(reach.length >= fieldTask.target);
});
