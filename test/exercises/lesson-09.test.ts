import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getExercise, verdict } from '../../src/exercises/index';
import { isChoiceExercise } from '../../src/exercises/registry';
import { exercises } from '../../src/exercises/lessons/09-review';
import { solutions } from '../../src/exercises/solutions/09';
import { runModel } from '../../src/layers/reference/run-model';
import { zeros } from '../../src/layers/reference/tensor';
import { transitionSpec } from '../../src/models/one-block';
import { answerOf, assertDiagnoses } from './lesson-checks';

const answer = (id: string): number => answerOf(solutions, id);

test('the review has a mixed set of numeric and multiple-choice questions, each with a worked solution', () => {
  assert.ok(exercises.length >= 8);
  assert.ok(exercises.some(isChoiceExercise) && exercises.some((e) => !isChoiceExercise(e)));
  assert.deepEqual(solutions.map((s) => s.id), exercises.map((e) => e.id));
});

test('every review check accepts its worked solution', () => {
  for (const solution of solutions) assert.equal(verdict(solution.id, solution.answer).status, 'correct', solution.id);
});

test('every review check says "not answered yet" for the committed stub', () => {
  for (const exercise of exercises) assert.match(verdict(exercise.id, undefined).message, /not answered yet/);
});

test('the 09.6 solution is the size of the tensor the reference loops produce', () => {
  const run = runModel(transitionSpec([56, 56, 256], { compression: 0.5 }), zeros([56, 56, 256]));
  assert.equal(run.output.data.length, answer('09.6'));
});

test('every typical mistake the review claims to diagnose gets its own hint', () => {
  const macs = 56 * 56 * 9 * 64 * 128;
  assertDiagnoses(getExercise('09.1'), {
    'FLOPs instead of MACs': 2 * macs,
    'forgot K²': macs / 9,
    'forgot the input channels': macs / 64,
  });
  assertDiagnoses(getExercise('09.2'), {
    'used the "same" rule': 112,
    'forgot the stride': 222,
    'forgot the +1': 110,
  });
  assertDiagnoses(getExercise('09.3'), {
    'depthwise share only': 1 / 128,
    'pointwise share only': 1 / 9,
    'ratio upside down': 1 / (1 / 128 + 1 / 9),
  });
  assertDiagnoses(getExercise('09.4'), { 'forgot the expansion': 24, 'gave the expansion factor': 6 });
  assertDiagnoses(getExercise('09.5'), { 'forgot the block input': 192, 'used the bottleneck width': 64 + 6 * 128, 'only the last layer': 32 });
  assertDiagnoses(getExercise('09.6'), {
    'forgot the pooling': 56 * 56 * 128,
    'forgot the compression': 28 * 28 * 256,
    'pooled the channels': 28 * 28 * 64,
  });
});

test('each wrong choice of the review is answered with its own reason', () => {
  for (const id of ['09.7', '09.8', '09.9']) {
    const reasons = new Set<string>();
    for (const key of ['a', 'c', 'd']) {
      const result = verdict(id, key);
      assert.equal(result.status, 'mistake', `${id} ${key}`);
      reasons.add(result.message);
    }
    assert.equal(reasons.size, 3);
  }
});
