import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getExercise, verdict } from '../../src/exercises/index';
import { isChoiceExercise } from '../../src/exercises/registry';
import { exercises } from '../../src/exercises/lessons/09-review';
import { solutions } from '../../src/exercises/solutions/09';
import { runModel } from '../../src/layers/reference/run-model';
import { zeros } from '../../src/core/tensor';
import { depthwiseConv2d, type DepthwiseConv2dWeights } from '../../src/layers/reference/depthwise-conv2d';
import { randomWeights } from '../../src/layers/reference/weights';
import type { DepthwiseConv2dSpec } from '../../src/core/spec';
import { resNetBasicSpec, transitionSpec } from '../../src/models/one-block';
import { answerOf, assertDiagnoses, wrongKeys } from './lesson-checks';

const answer = (id: string): number => answerOf(solutions, id);

test('the review has a mixed set of numeric and multiple-choice questions, each with a worked solution', () => {
  assert.ok(exercises.length >= 8);
  assert.ok(exercises.some(isChoiceExercise) && exercises.some((e) => !isChoiceExercise(e)));
  assert.deepEqual(
    solutions.map((s) => s.id),
    exercises.map((e) => e.id),
  );
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
  // 09.1: ResNet-18 conv3_x's first block, 56×56×64 → 28×28×128; each conv as H_out·W_out·K·K·C·M.
  const conv1 = 28 * 28 * 9 * 64 * 128;
  const conv2 = 28 * 28 * 9 * 128 * 128;
  const shortcut = 28 * 28 * 64 * 128;
  assertDiagnoses(getExercise('09.1'), {
    'FLOPs instead of MACs': 2 * (conv1 + conv2 + shortcut),
    'used input size': 56 * 56 * 9 * 64 * 128 + conv2 + 56 * 56 * 64 * 128,
    'forgot the projection shortcut': conv1 + conv2,
    'second conv read the block input': conv1 + 28 * 28 * 9 * 64 * 128 + shortcut,
  });
  const dw = (side: number) => side * side * 9 * 32;
  assertDiagnoses(getExercise('09.2'), {
    'used the "same" rule': dw(112),
    'forgot the stride': dw(222),
    'forgot the +1': dw(110),
    'depthwise counted as standard': dw(111) * 32,
  });
  const separable = 28 * 28 * (9 * 64 + 64 * 128) + 28 * 28 * (9 * 128 + 128 * 128);
  assertDiagnoses(getExercise('09.3'), {
    'shrank the shortcut too': 1 / 128 + 1 / 9,
    'dropped the shortcut from the new block': separable / (conv1 + conv2 + shortcut),
    'fraction upside down': (conv1 + conv2 + shortcut) / (separable + shortcut),
  });
  assertDiagnoses(getExercise('09.4'), { 'forgot the expansion': 24, 'gave the expansion factor': 6 });
  // 09.5: block 2 of DenseNet-121 starts from (64 + 6·32) / 2 = 128 channels.
  assertDiagnoses(getExercise('09.5'), {
    'forgot the compression': 256 + 11 * 32,
    'one layer short': 128 + 10 * 32,
    "counted the layer's own output": 128 + 12 * 32,
    'forgot the block input': 11 * 32,
  });
  assertDiagnoses(getExercise('09.6'), {
    'forgot the pooling': 56 * 56 * 128,
    'forgot the compression': 28 * 28 * 256,
    'pooled the channels': 28 * 28 * 64,
  });
});

test('the 09.1 and 09.2 solutions equal the multiply-adds the reference loops count', () => {
  const block = runModel(resNetBasicSpec([56, 56, 64], { filters: 128, strides: 2, shortcut: 'projection' }), zeros([56, 56, 64]));
  assert.equal(block.macs, answer('09.1'));
  const spec: DepthwiseConv2dSpec = { kind: 'depthwiseConv2d', kernelSize: 3, strides: 2, padding: 'valid' };
  const dw = depthwiseConv2d(zeros([224, 224, 32]), spec, randomWeights(spec, [[224, 224, 32]], 9) as DepthwiseConv2dWeights);
  assert.equal(dw.macs, answer('09.2'));
});

test('each wrong choice of the review is answered with its own reason', () => {
  for (const id of ['09.7', '09.8', '09.9']) {
    const reasons = new Set<string>();
    for (const key of wrongKeys(getExercise(id))) {
      const result = verdict(id, key);
      assert.equal(result.status, 'mistake', `${id} ${key}`);
      reasons.add(result.message);
    }
    assert.equal(reasons.size, 3);
  }
});
