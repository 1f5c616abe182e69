import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getExercise, verdict } from '../../src/exercises/index';
import { exercises } from '../../src/exercises/lessons/08-resnet-vs-densenet';
import { solutions } from '../../src/exercises/solutions/08';
import { buildTfModel } from '../../src/layers/tf/build-model';
import { resNetBasicSpec } from '../../src/models/one-block';
import { answerOf, assertDiagnoses, wrongKeys } from './lesson-checks';

const answer = (id: string): number => answerOf(solutions, id);

test('lesson 08 has 3 to 6 exercises and a worked solution for each', () => {
  assert.ok(exercises.length >= 3 && exercises.length <= 6);
  assert.deepEqual(
    solutions.map((s) => s.id),
    exercises.map((e) => e.id),
  );
});

test('every lesson 08 check accepts its worked solution', () => {
  for (const solution of solutions) assert.equal(verdict(solution.id, solution.answer).status, 'correct', solution.id);
});

test('every lesson 08 check says "not answered yet" for the committed stub', () => {
  for (const exercise of exercises) assert.match(verdict(exercise.id, undefined).message, /not answered yet/);
});

test('the 08.3 solution equals the trainable weights TF.js builds for the block', () => {
  const model = buildTfModel(resNetBasicSpec([16, 16, 32], { filters: 32, shortcut: 'zeroPad' }), { kernelInitializer: 'glorotUniform' });
  try {
    const trainable = model.trainableWeights.reduce((sum, w) => sum + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1), 0);
    assert.equal(trainable, answer('08.3'));
  } finally {
    model.dispose();
  }
});

test('every typical mistake lesson 08 claims to diagnose gets its own hint', () => {
  const L = 12;
  assertDiagnoses(getExercise('08.1'), {
    'L squared': L * L,
    'forgot the block input': (L * (L - 1)) / 2,
    'counted a chain': L,
    'counted every ordered pair': L * (L + 1),
  });
  assertDiagnoses(getExercise('08.2'), {
    "counted the layer's own output": 24 + 16 * 12,
    'forgot the block input': 15 * 12,
    'used the bottleneck width': 24 + 15 * 48,
  });
  assertDiagnoses(getExercise('08.3'), {
    'forgot BN': 2 * 9 * 32 * 32,
    'counted the moving statistics': 2 * 9 * 32 * 32 + 4 * 2 * 32,
    'one conv only': 9 * 32 * 32 + 2 * 32,
    'gave the shortcut weights': 2 * 9 * 32 * 32 + 4 * 32 + 32 * 32,
  });
  // 08.6: budget 2·9·64·64 = 73,728; the bottleneck has 512·b + 9·b² (b = 66: 72,996; b = 67: 74,705).
  assertDiagnoses(getExercise('08.6'), {
    'forgot the 1×1 convs': 90, // 9·90² = 72,900 ≤ 73,728 < 9·91²
    'counted one 1×1 conv': 77, // 256·77 + 9·77² = 73,073; 78 gives 74,724
    'rounded up': 67,
    "gave the paper's width": 64,
    'budget of a basic block at 256 channels': 334, // 512·334 + 9·334² = 1,174,972 ≤ 1,179,648 < 1,187,127 at 335
  });
});

test('08.6: the widest bottleneck is 66, and its weights by the cost model are those of the spec with a 66-wide 3×3', () => {
  assert.equal(answer('08.6'), 66);
  assert.equal(verdict('08.6', 66).status, 'correct');
  assert.equal(512 * 66 + 9 * 66 * 66, 72_996);
  assert.ok(512 * 67 + 9 * 67 * 67 > 2 * 9 * 64 * 64);
});

test('each wrong choice of 08.4 and 08.5 is answered with its own reason', () => {
  for (const id of ['08.4', '08.5']) {
    const reasons = new Set<string>();
    for (const key of wrongKeys(getExercise(id))) {
      const result = verdict(id, key);
      assert.equal(result.status, 'mistake', `${id} ${key}`);
      reasons.add(result.message);
    }
    assert.equal(reasons.size, 3);
  }
});
