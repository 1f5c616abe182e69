import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getExercise, verdict } from '../../src/exercises/index';
import { isChoiceExercise } from '../../src/exercises/registry';
import { exercises } from '../../src/exercises/lessons/07-transition-layer';
import { solutions } from '../../src/exercises/solutions/07';
import { runModel } from '../../src/layers/reference/run-model';
import { zeros } from '../../src/core/tensor';
import { transitionSpec } from '../../src/models/one-block';
import { answerOf, assertDiagnoses } from './lesson-checks';

const answer = (id: string): number => answerOf(solutions, id);

test('lesson 07 has 3 to 5 exercises and a worked solution for each', () => {
  assert.ok(exercises.length >= 3 && exercises.length <= 5);
  assert.deepEqual(
    solutions.map((s) => s.id),
    exercises.map((e) => e.id),
  );
});

test('every lesson 07 check accepts its worked solution', () => {
  for (const solution of solutions) assert.equal(verdict(solution.id, solution.answer).status, 'correct', solution.id);
});

test('every lesson 07 check says "not answered yet" for the committed stub', () => {
  for (const exercise of exercises) assert.match(verdict(exercise.id, undefined).message, /not answered yet/);
});

test('the 07.1 solution equals the multiply-adds the reference loops count for a transition', () => {
  // Same C and θ on a smaller map: MACs scale with H·W, so the count at 7×7 times 16 is the 28×28 figure.
  const run = runModel(transitionSpec([7, 7, 512], { compression: 0.5 }), zeros([7, 7, 512]));
  assert.equal(run.output.shape.join('×'), '3×3×256');
  assert.equal(run.macs * 16, answer('07.1'));
});

test('no two typical mistakes of lesson 07 give the same wrong answer, and none gives the right one', () => {
  for (const exercise of exercises) {
    if (isChoiceExercise(exercise)) continue;
    const values = exercise.mistakes.map((m) => m.wrongAnswer);
    assert.equal(new Set([...values, exercise.answer]).size, values.length + 1, exercise.id);
  }
});

test('every typical mistake lesson 07 claims to diagnose gets its own hint', () => {
  assertDiagnoses(getExercise('07.1'), {
    'twice the answer': 28 * 28 * 512 * 512,
    'pooled first': 14 * 14 * 512 * 256,
    'counted the pooling as MACs': 28 * 28 * 512 * 256 + 14 * 14 * 256 * 4,
  });
  assertDiagnoses(getExercise('07.2'), {
    'forgot the compression': 1024,
    'forgot k0': (24 * 32) / 2,
    'compressed the growth rate': 256 + 24 * 16,
  });
  assertDiagnoses(getExercise('07.3'), {
    'forgot the BN': 512 * 256,
    'counted the moving statistics': 4 * 512 + 512 * 256,
    'forgot the compression': 2 * 512 + 512 * 512,
  });
});

test('each wrong choice of 07.4 and 07.5 is answered with its own reason', () => {
  for (const id of ['07.4', '07.5']) {
    const right = solutions.find((s) => s.id === id)?.answer;
    const wrong = ['a', 'b', 'c', 'd'].filter((key) => key !== right);
    const reasons = new Set<string>();
    for (const key of wrong) {
      const result = verdict(id, key);
      assert.equal(result.status, 'mistake', `${id} ${key}`);
      reasons.add(result.message);
    }
    assert.equal(reasons.size, wrong.length);
  }
});
