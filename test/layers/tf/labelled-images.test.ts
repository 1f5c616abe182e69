import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIGIT_CLASSES, loadDigits, trainTestSplit, upsample } from '../../../src/data/digits';
import { toTensors } from '../../../src/layers/tf/labelled-images';

const digits = loadDigits();

test('toTensors gives xs [N, H, W, 1] and one-hot ys [N, 10] whose argmax is the label', () => {
  const { test: part } = trainTestSplit(digits, { testFraction: 0.05, seed: 3 });
  const { xs, ys } = toTensors(upsample(part, 16), DIGIT_CLASSES);
  assert.deepEqual(xs.shape, [part.count, 16, 16, 1]);
  assert.deepEqual(ys.shape, [part.count, 10]);
  assert.deepEqual(Array.from(ys.argMax(1).dataSync()), Array.from(part.labels));
  assert.equal(ys.sum().dataSync()[0], part.count);
  xs.dispose();
  ys.dispose();
});

test('a class count that is not a positive integer is refused by name', () => {
  const set = { images: new Float32Array(4), labels: [0], count: 1, height: 2, width: 2 };
  assert.throws(() => toTensors(set, 0), /classes/);
});
