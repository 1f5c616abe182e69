import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBackend } from '../../src/backend';
import { digitsSplit, trainOnDigits } from '../../src/lessons/digits-training';
import { tinyStandardCnn } from '../../src/models/small';

test('training is seeded: two runs give the same losses and accuracy, and the parameters match TF.js', async () => {
  await useBackend('wasm');
  const a = await trainOnDigits(tinyStandardCnn({ width: 4 }), { steps: 3 });
  const b = await trainOnDigits(tinyStandardCnn({ width: 4 }), { steps: 3 });
  assert.equal(a.losses.length, 3);
  assert.deepEqual(a.losses, b.losses);
  assert.equal(a.testAccuracy, b.testAccuracy);
  assert.equal(a.params, a.countParams);
  assert.equal(a.testImages, digitsSplit().test.count);
  // An accuracy is a whole number of test images.
  assert.ok(Math.abs(a.testAccuracy * a.testImages - Math.round(a.testAccuracy * a.testImages)) < 1e-9);
});

test('the lessons hold out a fifth of the digits, the same images for the same seed', () => {
  const a = digitsSplit(0);
  const b = digitsSplit(0);
  assert.equal(a.test.count, Math.round(0.2 * (a.train.count + a.test.count)));
  assert.deepEqual(a.test.labels, b.test.labels);
});
