import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exercises } from '../../src/exercises/lessons/03-pointwise-convolution';
import { solutions } from '../../src/exercises/solutions/03';
import { pointwiseConv2d, type PointwiseConv2dWeights } from '../../src/layers/reference/pointwise-conv2d';
import { zeros } from '../../src/core/tensor';
import { randomWeights } from '../../src/layers/reference/weights';
import type { PointwiseConv2dSpec } from '../../src/core/spec';
import { answerOf, assertDiagnoses, exerciseIn, verdictIn } from './lesson-checks';

const verdict = (id: string, answer: unknown) => verdictIn(exercises, id, answer);
const getExercise = (id: string) => exerciseIn(exercises, id);

test('lesson 03 has 3 to 6 exercises and a worked solution for each', () => {
  assert.ok(exercises.length >= 3 && exercises.length <= 6);
  assert.deepEqual(
    solutions.map((s) => s.id),
    exercises.map((e) => e.id),
  );
});

test('every lesson 03 check accepts its hand-worked solution', () => {
  for (const solution of solutions) {
    assert.equal(verdict(solution.id, solution.answer).status, 'correct', solution.id);
  }
});

test('every lesson 03 check treats the committed stub as not answered yet', () => {
  for (const exercise of exercises) {
    assert.match(verdict(exercise.id, undefined).message, /not answered yet/);
  }
});

test('every typical mistake lesson 03 claims to diagnose gets its own hint', () => {
  const a = (id: string) => answerOf(solutions, id);
  assertDiagnoses(getExercise('03.1'), {
    'FLOPs instead of MACs': 2 * a('03.1'),
    'counted a 3×3 window': 56 * 56 * 3 * 3 * 128 * 256,
    'one pixel only': 128 * 256,
  });
  assertDiagnoses(getExercise('03.2'), {
    'forgot the bias': 512 * 512,
    'MACs instead of parameters': 14 * 14 * 512 * 512,
  });
  assertDiagnoses(getExercise('03.3'), { 'M instead of K²': 256, 'K instead of K²': 3 });
  assertDiagnoses(getExercise('03.4'), {
    'channels as rows': 512,
    'one spatial axis only': 14,
    'every element a row': 14 * 14 * 512,
  });
});

test('the multiple-choice check explains each wrong pick', () => {
  assert.equal(verdict('03.5', 'a').status, 'correct');
  assert.match(verdict('03.5', 'b').message, /neighbours/);
  assert.match(verdict('03.5', 'c').message, /depthwise/);
});

test('the reference pointwise layer confirms the MAC count by counting', () => {
  const spec: PointwiseConv2dSpec = { kind: 'pointwiseConv2d', filters: 256 };
  const run = pointwiseConv2d(zeros([56, 56, 128]), spec, randomWeights(spec, [[56, 56, 128]], 5) as PointwiseConv2dWeights);
  assert.equal(run.macs, answerOf(solutions, '03.1'));
});

test('03.6 (pointwise width budget) is worked by hand and diagnoses its mistakes', () => {
  // C·M ≤ 8·9·C ⇒ M = 72; without K² M = 8; depthwise as standard ⇒ 72·128.
  assert.equal(answerOf(solutions, '03.6'), 72);
  assertDiagnoses(exerciseIn(exercises, '03.6'), { 'forgot K² in the depthwise cost': 8, 'depthwise counted as standard': 72 * 128 });
});
