import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getExercise, verdict } from '../../src/exercises/index';
import { isChoiceExercise } from '../../src/exercises/registry';
import { exercises } from '../../src/exercises/lessons/07-transition-layer';
import { solutions } from '../../src/exercises/solutions/07';
import { runModel } from '../../src/layers/reference/run-model';
import { zeros } from '../../src/core/tensor';
import { denseBlockSpec, transitionSpec } from '../../src/models/one-block';
import { weightShapes } from '../../src/layers/reference/weights';
import type { ModelSpec } from '../../src/core/spec';
import { summarize } from '../../src/cost/summary';
import { answerOf, assertDiagnoses } from './lesson-checks';

const answer = (id: string): number => answerOf(solutions, id);

test('lesson 07 has 3 to 6 exercises (one of them a design task) and a worked solution for each', () => {
  assert.ok(exercises.length >= 3 && exercises.length <= 6);
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

/** Trainable parameters of a spec from the reference layers' weight shapes (kernels, γ, β), independent of the cost model's counting. */
function trainableFromShapes(spec: ModelSpec): number {
  const shapes = new Map<string, readonly number[]>([['input', spec.input]]);
  const rows = summarize(spec).rows;
  let params = 0;
  spec.nodes.forEach((node, i) => {
    const inputs = node.inputs.map((name) => [...(shapes.get(name) ?? spec.input)] as [number, number, number]);
    for (const [name, shape] of Object.entries(weightShapes(node.layer, inputs))) {
      if (name !== 'movingMean' && name !== 'movingVariance') params += shape.reduce((a, b) => a * b, 1);
    }
    shapes.set(node.name, rows[i].outputShape);
  });
  return params;
}

test('the 07.6 solution: the weights the reference layers need fit the budget, one more channel does not', () => {
  const params = (kept: number) => {
    const t = transitionSpec([56, 56, 256], { compression: kept / 256 });
    return trainableFromShapes(t) + trainableFromShapes(denseBlockSpec([28, 28, kept], { layers: 12, growthRate: 32 }));
  };
  assert.ok(params(answer('07.6')) <= 1_000_000);
  assert.ok(params(answer('07.6') + 1) > 1_000_000);
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

test('07.6 diagnoses each design mistake from a channel count worked out here', () => {
  // Per kept channel M: 256 in the transition's 1×1 conv, and 2 + 128 in each of block 2's 12 layers (BN, 1×1 conv).
  // Fixed: 2·256 (BN) and per layer 2·32(l − 1) + 128·32(l − 1) + 2·128 + 9·128·32.
  const most = (perChannel: number, fixed: number) => Math.min(256, Math.floor((1_000_000 - fixed) / perChannel));
  const growth = 32 * 66; // Σ_{l=1..12} 32·(l − 1)
  assertDiagnoses(getExercise('07.6'), {
    'forgot block 2': most(256, 512),
    'counted the moving statistics': most(256 + 12 * 132, 1024 + 132 * growth + 12 * (4 * 128 + 9 * 128 * 32)),
    'forgot the BN': most(256 + 12 * 128, 128 * growth + 12 * 9 * 128 * 32),
    'one channel too many': answer('07.6') + 1,
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
