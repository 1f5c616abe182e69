import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accuracyDifference } from '../../../src/lessons/resnet-densenet/accuracy-difference';
import { ConvkitInputError } from '../../../src/core/errors';

test('a 4-image difference on 359 test images near 98% is within two standard errors', () => {
  const d = accuracyDifference({ name: 'ResNet-8', testAccuracy: 351 / 359 }, { name: 'DenseNet-BC-22', testAccuracy: 355 / 359 }, 359);
  assert.equal(d.higher.name, 'DenseNet-BC-22');
  assert.equal(d.images, 4);
  const p1 = 351 / 359,
    p2 = 355 / 359;
  assert.ok(Math.abs(d.standardErrorPoints - 100 * Math.sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / 359)) < 1e-12);
  assert.equal(d.beyondNoise, false);
  assert.match(d.sentence, /^DenseNet-BC-22 ends 1\.1 points above ResNet-8 \(4 of 359 test images\); within 2 standard errors .*cannot tell the two apart\.$/);
});

test('a large difference is beyond noise, and the sentence still says it is one seed', () => {
  const d = accuracyDifference({ name: 'A', testAccuracy: 0.9 }, { name: 'B', testAccuracy: 0.6 }, 400);
  assert.equal(d.higher.name, 'A');
  assert.ok(d.beyondNoise);
  assert.match(d.sentence, /one seed/);
});

test('equal accuracies and bad input', () => {
  assert.match(accuracyDifference({ name: 'A', testAccuracy: 0.5 }, { name: 'B', testAccuracy: 0.5 }, 10).sentence, /same test accuracy \(50\.0%\)/);
  assert.throws(
    () => accuracyDifference({ name: 'A', testAccuracy: 1.2 }, { name: 'B', testAccuracy: 0.5 }, 10),
    /a\.testAccuracy = 1\.2: must be a number from 0 to 1/,
  );
  assert.throws(() => accuracyDifference({ name: 'A', testAccuracy: 0.2 }, { name: 'B', testAccuracy: 0.5 }, 0), ConvkitInputError);
});
