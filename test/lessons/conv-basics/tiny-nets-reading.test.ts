import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeTinyNetRun } from '../../../src/lessons/conv-basics/tiny-nets-reading';
import type { DigitsTrainingResult } from '../../../src/lessons/digits-training';
import { ConvkitInputError } from '../../../src/core/errors';

const result = (model: string, macs: number, correct: number): DigitsTrainingResult => ({
  model,
  macs,
  params: 0,
  countParams: 0,
  losses: [1],
  testAccuracy: correct / 359,
  testImages: 359,
  trainMs: 1,
});

// the four nets of lesson 04 with the committed accuracies (310, 336, 308, 344 of 359 test images)
const lesson04 = [
  result('tiny-mobilenet (width 8)', 49_216, 310),
  result('tiny-mobilenet (width 16)', 163_968, 336),
  result('tiny-standard-cnn (width 4)', 76_192, 308),
  result('tiny-standard-cnn (width 8)', 299_840, 344),
];
const run = { steps: 40, batchSize: 32, seed: 0, trainImages: 1438 };

test('the reading says what was run: widths, steps, share of an epoch, one seed, test-set resolution', () => {
  const lines = describeTinyNetRun(lesson04, run);
  assert.equal(lines[0], 'Trained: tiny-mobilenet (width 8), tiny-mobilenet (width 16), tiny-standard-cnn (width 4), tiny-standard-cnn (width 8).');
  assert.match(
    lines[1],
    /40 Adam steps of 32 images = 1,280 images, 0\.89 of one pass over the 1,438 training images \(under one epoch\); one weight seed \(0\)/,
  );
  assert.match(lines[1], /359 test images, so one image is 0\.28 points/);
});

test('within each family and across them, it claims only what the numbers show', () => {
  const lines = describeTinyNetRun(lesson04, run);
  assert.match(lines[2], /^separable nets, cheapest first: 86\.4% → 93\.6% over 3\.33× the MACs: more MACs gave higher test accuracy in this run\.$/);
  assert.match(lines[3], /^standard nets, cheapest first: 85\.8% → 95\.8% over 3\.94× the MACs: more MACs gave higher/);
  // nearest in cost on a log scale: width 8 pairs with standard width 4, width 16 with standard width 8
  assert.match(
    lines[4],
    /^tiny-mobilenet \(width 8\) \(49,216 MACs\) reached 86\.4%; the standard net nearest in cost, tiny-standard-cnn \(width 4\) \(1\.55× the MACs\), 85\.8%: 2 test images in favour of the separable net\.$/,
  );
  assert.match(lines[5], /tiny-standard-cnn \(width 8\) \(1\.83× the MACs\), 95\.8%: 8 test images in favour of the standard net\.$/);
  assert.match(lines[6], /one seed/i);
  const flat = describeTinyNetRun([result('tiny-mobilenet (width 8)', 10, 300), result('tiny-mobilenet (width 16)', 20, 290)], { ...run, steps: 100 });
  assert.match(flat[1], /2\.23 of one pass over the 1,438 training images; one weight seed/);
  assert.match(flat[2], /more MACs did not always give higher test accuracy/);
});

test('bad input names the field', () => {
  assert.throws(
    () => describeTinyNetRun([], run),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'results',
  );
  assert.throws(
    () => describeTinyNetRun(lesson04, { ...run, trainImages: 0 }),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'run.trainImages',
  );
});
