import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getExercise, verdict } from '../../src/exercises/index';
import { isChoiceExercise } from '../../src/exercises/registry';
import { exercises } from '../../src/exercises/lessons/06-dense-block';
import { solutions } from '../../src/exercises/solutions/06';
import { runModel } from '../../src/layers/reference/run-model';
import { zeros } from '../../src/core/tensor';
import { denseBlockSpec, denseLayerSpec } from '../../src/models/one-block';
import { answerOf, assertDiagnoses, wrongKeys } from './lesson-checks';

const answer = (id: string): number => answerOf(solutions, id);

test('lesson 06 has 3 to 6 exercises (one of them a design task) and a worked solution for each', () => {
  assert.ok(exercises.length >= 3 && exercises.length <= 6);
  assert.deepEqual(
    solutions.map((s) => s.id),
    exercises.map((e) => e.id),
  );
});

test('every lesson 06 check accepts its worked solution', () => {
  for (const solution of solutions) assert.equal(verdict(solution.id, solution.answer).status, 'correct', solution.id);
});

test('every lesson 06 check says "not answered yet" for the committed stub', () => {
  for (const exercise of exercises) assert.match(verdict(exercise.id, undefined).message, /not answered yet/);
});

test('the 06.1 solution equals the channels of the block output the reference loops produce', () => {
  const run = runModel(denseBlockSpec([8, 8, 64], { layers: 6, growthRate: 32 }), zeros([8, 8, 64]));
  assert.equal(run.output.shape[2], answer('06.1'));
});

test('the 06.2 and 06.3 solutions equal the multiply-adds the reference loops count', () => {
  const plain = runModel(denseLayerSpec([32, 32, 60], { growthRate: 12, bottleneck: false }), zeros([32, 32, 60]));
  assert.equal(plain.macs, answer('06.2'));
  const bc = runModel(denseLayerSpec([14, 14, 768], { growthRate: 32, bottleneck: true }), zeros([14, 14, 768]));
  assert.equal(bc.macs, answer('06.3'));
});

test('the 06.4 solution equals the bytes of the concatenations the reference loops produce', () => {
  const run = runModel(denseBlockSpec([32, 32, 24], { layers: 8, growthRate: 12 }), zeros([32, 32, 24]));
  const concatValues = run.layers.filter((l) => l.kind === 'concat').reduce((sum, l) => sum + l.outputShape[0] * l.outputShape[1] * l.outputShape[2], 0);
  assert.equal(concatValues * 4, answer('06.4'));
});

test('the 06.6 solution: the reference loops count that many layers within the budget and one more over it', () => {
  // MACs scale with H·W (the 3×3 convs' padding taps are counted as the formula counts them), so 2×2 times 49 is the 14×14 figure.
  const macs = (layers: number) => 49 * runModel(denseBlockSpec([2, 2, 256], { layers, growthRate: 32 }), zeros([2, 2, 256])).macs;
  assert.ok(macs(answer('06.6')) <= 700_000_000);
  assert.ok(macs(answer('06.6') + 1) > 700_000_000);
});

test('no two typical mistakes of lesson 06 give the same wrong answer, and none gives the right one', () => {
  for (const exercise of exercises) {
    if (isChoiceExercise(exercise)) continue;
    const values = exercise.mistakes.map((m) => m.wrongAnswer);
    assert.equal(new Set([...values, exercise.answer]).size, values.length + 1, exercise.id);
  }
});

test('every typical mistake lesson 06 claims to diagnose gets its own hint', () => {
  assertDiagnoses(getExercise('06.1'), {
    'forgot k0': 6 * 32,
    'one layer short': 64 + 5 * 32,
    'counted the bottleneck width': 64 + 6 * 128,
  });
  const hw = 32 * 32;
  assertDiagnoses(getExercise('06.2'), {
    'FLOPs instead of MACs': 2 * hw * 9 * 60 * 12,
    'forgot K²': hw * 60 * 12,
    'used k0 only': hw * 9 * 24 * 12,
    'one layer too many': hw * 9 * 72 * 12,
    // One filter's work only, 552,960: the growth rate k left out.
    'forgot k': hw * 9 * 60,
  });
  const p = 14 * 14;
  assertDiagnoses(getExercise('06.3'), {
    'FLOPs instead of MACs': 2 * answer('06.3'),
    'forgot the 1×1 conv': p * 9 * 128 * 32,
    'bottleneck of width k': p * 768 * 32 + p * 9 * 32 * 32,
    'plain layer': p * 9 * 768 * 32,
  });
  assertDiagnoses(getExercise('06.4'), {
    'counted values, not bytes': hw * 624,
    'shared buffer only': hw * 120 * 4,
    'forgot k0': hw * (624 - 8 * 24) * 4,
    'stored the block input too': hw * (624 + 24) * 4,
    // Lesson 06 §6: each concatenation plus the BN and ReLU outputs made from it.
    'three tensors per layer': 3 * hw * 624 * 4,
  });
});

test('06.6 diagnoses each design mistake from a depth worked out here', () => {
  const budget = 700_000_000;
  const p = 14 * 14;
  const deepest = (layerMacs: (l: number) => number): number => {
    let layers = 0;
    let total = 0;
    while (total + layerMacs(layers + 1) <= budget) total += layerMacs(++layers);
    return layers;
  };
  const c = (l: number) => 256 + (l - 1) * 32;
  assertDiagnoses(getExercise('06.6'), {
    'counted FLOPs': deepest((l) => 2 * p * (c(l) * 128 + 9 * 128 * 32)),
    'plain layers': deepest((l) => p * 9 * c(l) * 32),
    'no growth': deepest(() => p * (256 * 128 + 9 * 128 * 32)),
    'forgot the 1×1 conv': deepest(() => p * 9 * 128 * 32),
    'one layer too many': answer('06.6') + 1,
  });
});

test('each wrong choice of 06.5 is answered with its own reason', () => {
  const reasons = new Set<string>();
  for (const key of wrongKeys(getExercise('06.5'))) {
    const result = verdict('06.5', key);
    assert.equal(result.status, 'mistake', key);
    reasons.add(result.message);
  }
  assert.equal(reasons.size, 3);
});

test('a wrong number no mistake explains is called incorrect, not given a misleading hint', () => {
  assert.equal(verdict('06.2', answer('06.2') + 1).status, 'incorrect');
  assert.equal(verdict('06.1', 'two hundred').status, 'invalid');
});
