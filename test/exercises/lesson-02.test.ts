import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exercises } from '../../src/exercises/lessons/02-depthwise-convolution';
import { solutions } from '../../src/exercises/solutions/02';
import { depthwiseConv2d, type DepthwiseConv2dWeights } from '../../src/layers/reference/depthwise-conv2d';
import { randomTensor, zeros } from '../../src/core/tensor';
import { channelDependence, dependenceGrid } from '../../src/lessons/conv-basics/channel-mixing';
import { randomWeights, weightShapes } from '../../src/layers/reference/weights';
import type { DepthwiseConv2dSpec } from '../../src/core/spec';
import { answerOf, assertDiagnoses, exerciseIn, verdictIn } from './lesson-checks';
import { isChoiceExercise } from '../../src/exercises/registry';

const verdict = (id: string, answer: unknown) => verdictIn(exercises, id, answer);
const getExercise = (id: string) => exerciseIn(exercises, id);

test('lesson 02 has 3 to 6 exercises and a worked solution for each', () => {
  assert.ok(exercises.length >= 3 && exercises.length <= 6);
  assert.deepEqual(
    solutions.map((s) => s.id),
    exercises.map((e) => e.id),
  );
});

test('every lesson 02 check accepts its hand-worked solution', () => {
  for (const solution of solutions) {
    assert.equal(verdict(solution.id, solution.answer).status, 'correct', solution.id);
  }
});

test('every lesson 02 check treats the committed stub as not answered yet', () => {
  for (const exercise of exercises) {
    assert.match(verdict(exercise.id, undefined).message, /not answered yet/);
  }
});

test('every typical mistake lesson 02 claims to diagnose gets its own hint', () => {
  const a = (id: string) => answerOf(solutions, id);
  assertDiagnoses(getExercise('02.1'), {
    'depthwise counted as standard': 3 * 3 * 32 * 32 * 112 * 112,
    'FLOPs instead of MACs': 2 * a('02.1'),
    'forgot K²': 32 * 112 * 112,
  });
  assertDiagnoses(getExercise('02.2'), {
    'forgot the bias': 3 * 3 * 64 * 2,
    'forgot the depth multiplier': 3 * 3 * 64 + 64,
    'one bias per input channel': 3 * 3 * 64 * 2 + 64,
  });
  assertDiagnoses(getExercise('02.3'), { 'forgot the depth multiplier': 32, 'the multiplier alone': 3 });
  assertDiagnoses(getExercise('02.4'), { 'K² instead of M': 9, 'inverse ratio': 1 / 256 });
});

test('the multiple-choice check explains each wrong pick', () => {
  assert.equal(verdict('02.5', 'D').status, 'correct');
  assert.match(verdict('02.5', 'a').message, /c·d and c·d \+ 1/);
  assert.match(verdict('02.5', 'b').message, /standard convolution/);
  assert.match(verdict('02.5', 'c').message, /own two filters/);
});

test('zeroing green under depth multiplier 2 changes exactly the outputs the solution names', () => {
  const spec: DepthwiseConv2dSpec = { kind: 'depthwiseConv2d', kernelSize: 3, depthMultiplier: 2 };
  const photoLike = randomTensor([6, 6, 3], 30);
  const grid = dependenceGrid(channelDependence(spec, photoLike, randomWeights(spec, [photoLike.shape], 31)));
  const changed = grid.flatMap((row, output) => (row[1] === 1 ? [output] : []));
  assert.deepEqual(changed, [2, 3]);
  const key = solutions.find((s) => s.id === '02.5')?.answer;
  const exercise = getExercise('02.5');
  assert.ok(isChoiceExercise(exercise));
  // The option the solution picks names exactly the outputs the reference loops say change.
  assert.equal(isChoiceExercise(exercise) && exercise.choices.find((c) => c.key === key)?.text, `output channels ${changed.join(' and ')}`);
});

test('the reference depthwise layer confirms the MAC count, the parameters and the channels by counting', () => {
  const spec: DepthwiseConv2dSpec = { kind: 'depthwiseConv2d', kernelSize: 3 };
  const run = depthwiseConv2d(zeros([112, 112, 32]), spec, randomWeights(spec, [[112, 112, 32]], 3) as DepthwiseConv2dWeights);
  assert.equal(run.macs, answerOf(solutions, '02.1'));
  const withBias: DepthwiseConv2dSpec = { kind: 'depthwiseConv2d', kernelSize: 3, depthMultiplier: 2, useBias: true };
  const stored = Object.values(weightShapes(withBias, [[28, 28, 64]])).reduce((sum, shape) => sum + shape.reduce((p, n) => p * n, 1), 0);
  assert.equal(stored, answerOf(solutions, '02.2'));
  const tripled: DepthwiseConv2dSpec = { kind: 'depthwiseConv2d', kernelSize: 3, depthMultiplier: 3 };
  const out = depthwiseConv2d(zeros([8, 8, 32]), tripled, randomWeights(tripled, [[8, 8, 32]], 4) as DepthwiseConv2dWeights);
  assert.equal(out.output.shape[2], answerOf(solutions, '02.3'));
});

test('02.6 (grouped conv design) is worked by hand and diagnoses its mistakes', () => {
  // 1/g ≤ 1/8 ⇒ g = 8 ⇒ 32 channels per group; g instead of C/g; a 1/g² belief gives g = 4 ⇒ 64.
  assert.equal(answerOf(solutions, '02.6'), 32);
  assertDiagnoses(getExercise('02.6'), { 'gave g instead of C/g': 8, 'cost divided by g²': 64 });
});
