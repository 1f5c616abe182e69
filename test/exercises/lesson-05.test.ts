import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getExercise, verdict } from '../../src/exercises/index';
import { exercises } from '../../src/exercises/lessons/05-mobilenet-v2-v3';
import { solutions } from '../../src/exercises/solutions/05';
import { runModel } from '../../src/layers/reference/run-model';
import { zeros } from '../../src/core/tensor';
import { invertedResidualSpec } from '../../src/models/one-block';
import { answerOf, assertDiagnoses, wrongKeys } from './lesson-checks';

const answer = (id: string): number => answerOf(solutions, id);

test('lesson 05 has 3 to 7 exercises (two of them design tasks) and a worked solution for each', () => {
  assert.ok(exercises.length >= 3 && exercises.length <= 7);
  assert.deepEqual(
    solutions.map((s) => s.id),
    exercises.map((e) => e.id),
  );
});

test('every lesson 05 check accepts its worked solution', () => {
  for (const solution of solutions) assert.equal(verdict(solution.id, solution.answer).status, 'correct', solution.id);
});

test('every lesson 05 check says "not answered yet" for the committed stub', () => {
  for (const exercise of exercises) assert.match(verdict(exercise.id, undefined).message, /not answered yet/);
});

test('the 05.1 solution equals the multiply-adds the reference loops count running the block', () => {
  const run = runModel(invertedResidualSpec([28, 28, 32], { expansion: 6, filters: 32 }), zeros([28, 28, 32]));
  assert.equal(run.macs, answer('05.1'));
});

test('every typical mistake lesson 05 claims to diagnose gets its own hint', () => {
  const hw = 28 * 28;
  assertDiagnoses(getExercise('05.1'), {
    'FLOPs instead of MACs': 2 * answer('05.1'),
    'forgot the expansion': hw * 32 * 32 + hw * 32 * 9 + hw * 32 * 32,
    'forgot K²': hw * 32 * 192 + hw * 192 + hw * 192 * 32,
    'forgot the projection': hw * 32 * 192 + hw * 192 * 9,
  });
  assertDiagnoses(getExercise('05.3'), {
    'forgot the bias': 2 * 120 * 32,
    'one of the two convs only': 120 * 32 + 32,
    'counted on the whole map': hw * 2 * 120 * 32,
  });
  assertDiagnoses(getExercise('05.6'), {
    // 784 · 73 · 32t MACs: doubled for FLOPs (t = 2), without the 9 of the depthwise step (t = 6), without the 32 of the projection (t = 9).
    'counted FLOPs': Math.floor(10_000_000 / (2 * hw * 73 * 32)),
    'forgot the depthwise step': Math.floor(10_000_000 / (hw * 64 * 32)),
    'forgot the projection': Math.floor(10_000_000 / (hw * 41 * 32)),
  });
  assertDiagnoses(getExercise('05.7'), {
    'width and resolution not squared': (1.2 * 1.1 * 1.15) ** 2,
    'forgot the power φ': 1.2 * 1.21 * 1.3225,
    'took 2^φ exactly': 4,
  });
  assertDiagnoses(getExercise('05.4'), {
    'gave the value': (2 * 5) / 6,
    'treated ReLU6(x + 3)/6 as a constant': 5 / 6,
    'swish instead of h-swish': 1 / (1 + Math.exp(-2)) + (2 * Math.exp(-2)) / (1 + Math.exp(-2)) ** 2,
  });
});

test('each wrong choice of 05.2 and 05.5 is answered with its own reason', () => {
  for (const [id, wrong] of [
    ['05.2', wrongKeys(getExercise('05.2'))],
    ['05.5', wrongKeys(getExercise('05.5'))],
  ] as const) {
    const reasons = new Set<string>();
    for (const key of wrong) {
      const result = verdict(id, key);
      assert.equal(result.status, 'mistake', `${id} ${key}`);
      reasons.add(result.message);
    }
    assert.equal(reasons.size, wrong.length);
  }
});
