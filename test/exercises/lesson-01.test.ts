import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exercises } from '../../src/exercises/lessons/01-standard-convolution';
import { solutions } from '../../src/exercises/solutions/01';
import { conv2d, type Conv2dWeights } from '../../src/layers/reference/conv2d';
import { zeros } from '../../src/layers/reference/tensor';
import { randomWeights } from '../../src/layers/reference/weights';
import type { Conv2dSpec } from '../../src/models/spec';
import { answerOf, assertDiagnoses, exerciseIn, verdictIn } from './lesson-checks';

const verdict = (id: string, answer: unknown) => verdictIn(exercises, id, answer);
const getExercise = (id: string) => exerciseIn(exercises, id);

test('lesson 01 has 3 to 5 exercises and a worked solution for each', () => {
  assert.ok(exercises.length >= 3 && exercises.length <= 5);
  assert.deepEqual(solutions.map((s) => s.id), exercises.map((e) => e.id));
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
});

test('the reference convolution confirms the output size and the stride-2 MAC count by counting', () => {
  const valid: Conv2dSpec = { kind: 'conv2d', filters: 1, kernelSize: 5, strides: 2, padding: 'valid' };
  const sized = conv2d(zeros([32, 32, 1]), valid, randomWeights(valid, [[32, 32, 1]], 1) as Conv2dWeights);
  assert.equal(sized.output.shape[0], answerOf(solutions, '01.1'));
  const strided: Conv2dSpec = { kind: 'conv2d', filters: 64, kernelSize: 3, strides: 2 };
  const counted = conv2d(zeros([112, 112, 32]), strided, randomWeights(strided, [[112, 112, 32]], 2) as Conv2dWeights);
  assert.equal(counted.macs, answerOf(solutions, '01.3'));
});
