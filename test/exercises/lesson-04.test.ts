import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getExercise, verdict } from '../../src/exercises/index';
import { isChoiceExercise } from '../../src/exercises/registry';
import { exercises } from '../../src/exercises/lessons/04-depthwise-separable-mobilenet-v1';
import { mobileNetV1MacsByHand, mostWeightsWithinBudgetByHand, solutions } from '../../src/exercises/solutions/04';
import { designTask } from '../../src/exercises/lessons/04-depthwise-separable-mobilenet-v1';
import { separableConv2d } from '../../src/layers/reference/separable-conv2d';
import { zeros } from '../../src/core/tensor';
import { randomWeights } from '../../src/layers/reference/weights';
import type { SeparableConv2dSpec } from '../../src/core/spec';
import { answerOf, assertDiagnoses, wrongKeys } from './lesson-checks';

const answer = (id: string): number => answerOf(solutions, id);

/** Every declared mistake is listed here with a wrong answer worked out by the test, and gets its own hint. */
test('lesson 04 has 3 to 6 exercises (the sixth a design task) and a worked solution for each', () => {
  assert.ok(exercises.length >= 3 && exercises.length <= 6);
  assert.deepEqual(
    solutions.map((s) => s.id),
    exercises.map((e) => e.id),
  );
});

test('every lesson 04 check accepts its worked solution', () => {
  for (const solution of solutions) assert.equal(verdict(solution.id, solution.answer).status, 'correct', solution.id);
});

test('every lesson 04 check says "not answered yet" for the committed stub', () => {
  for (const exercise of exercises) assert.match(verdict(exercise.id, undefined).message, /not answered yet/);
});

test('the 04.1 solution equals the multiply-adds the reference loops count', () => {
  const spec: SeparableConv2dSpec = { kind: 'separableConv2d', filters: 128, kernelSize: 3 };
  const input = zeros([56, 56, 128]);
  const counted = separableConv2d(input, spec, randomWeights(spec, [input.shape], 1) as never).macs;
  assert.equal(counted, answer('04.1'));
});

test('the 04.4 solution summed by hand from Table 1 is within 0.5 million of the paper (Table 6: 149 million)', () => {
  assert.ok(Math.abs(answer('04.4') - 149) <= 0.5);
  assert.ok(Math.abs(mobileNetV1MacsByHand(1, 224) / 1e6 - 569) <= 0.5);
});

test('every typical mistake lesson 04 claims to diagnose gets its own hint', () => {
  const dw = 56 * 56 * 128 * 9;
  const pw = 56 * 56 * 128 * 128;
  assertDiagnoses(getExercise('04.1'), {
    'FLOPs instead of MACs': 2 * (dw + pw),
    'forgot K² in the depthwise step': 56 * 56 * 128 + pw,
    'depthwise counted as standard': dw * 128 + pw,
    'pointwise step only': pw,
    'depthwise step only': dw,
    'standard convolution': 56 * 56 * 9 * 128 * 128,
  });
  assertDiagnoses(getExercise('04.2'), {
    'inverted the ratio': 1 / (1 / 256 + 1 / 9),
    'used 1/K instead of 1/K²': 1 / 256 + 1 / 3,
    'pointwise share only': 1 / 9,
    'depthwise share only': 1 / 256,
  });
  assertDiagnoses(getExercise('04.3'), {
    'forgot the bias': 9 * 512 + 512 * 512,
    'standard convolution': 9 * 512 * 512 + 512,
    'MACs instead of parameters': 14 * 14 * (9 * 512 + 512 * 512),
    'pointwise step only': 512 * 512 + 512,
  });
  assertDiagnoses(getExercise('04.6'), {
    'spent the budget on resolution': mobileNetV1MacsByHand(0.5, 224) / 1e6,
    'over the budget (resolution)': mobileNetV1MacsByHand(0.75, 160) / 1e6,
    'over the budget (width)': mobileNetV1MacsByHand(1, 128) / 1e6,
    'FLOPs instead of MACs': (2 * mobileNetV1MacsByHand(0.75, 128)) / 1e6,
  });
  assertDiagnoses(getExercise('04.4'), {
    'scaled by α instead of α²': (0.5 * mobileNetV1MacsByHand(1, 224)) / 1e6,
    'FLOPs instead of MACs': (2 * mobileNetV1MacsByHand(0.5, 224)) / 1e6,
  });
});

test("04.4 accepts the paper's own rounded figure and one decimal, and never calls them a mistake", () => {
  // Howard et al. 2017, Table 6: 0.5 MobileNet-224 has 149 million mult-adds; the sum by hand is 149.497 million.
  for (const typed of [149, 149.5, Math.round(answer('04.4') * 10) / 10]) {
    assert.equal(verdict('04.4', typed).status, 'correct', `${typed}`);
  }
  assert.equal(verdict('04.4', 151).status, 'incorrect');
});

test('no hint of 04.4 lies within reach of a right answer', () => {
  const exercise = getExercise('04.4');
  assert.ok(!isChoiceExercise(exercise));
  if (isChoiceExercise(exercise)) return;
  for (const mistake of exercise.mistakes) {
    assert.ok(Math.abs(mistake.wrongAnswer - answer('04.4')) / answer('04.4') > 0.1, mistake.name);
  }
});

test('each wrong choice of 04.5 is answered with why it does not fit', () => {
  for (const key of wrongKeys(getExercise('04.5'))) {
    const result = verdict('04.5', key);
    assert.equal(result.status, 'mistake');
    assert.doesNotMatch(result.message, /look at what each block does/);
  }
});

test('an answer of the wrong type is reported, not crashed on', () => {
  assert.equal(verdict('04.1', '55 million').status, 'invalid');
  assert.equal(verdict('04.5', 'e').status, 'invalid');
});

test("04.6: the hand choice (α = 0.75 at 128) is the cost model's, fits the budget, and no network of the grid within it has more weights", () => {
  const hand = mostWeightsWithinBudgetByHand(150e6);
  assert.deepEqual([hand.alpha, hand.resolution], [0.75, 128]);
  assert.deepEqual([designTask.best.alpha, designTask.best.resolution], [hand.alpha, hand.resolution]);
  assert.equal(designTask.best.macs, hand.macs);
  assert.ok(designTask.best.macs <= designTask.budget);
  for (const p of designTask.grid) if (p.macs <= designTask.budget) assert.ok(p.weights <= designTask.best.weights, `${p.alpha} at ${p.resolution}`);
  // The one-decimal figure and the rounded one are both accepted.
  for (const typed of [106.8, 107]) assert.equal(verdict('04.6', typed).status, 'correct', `${typed}`);
});
