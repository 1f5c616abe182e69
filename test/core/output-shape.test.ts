/**
 * Hand cases of the TF/Keras output-size rule along one axis; the random
 * brute-force comparison is in properties.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { windowOutputLength } from '../../src/cost';

test('same padding gives ceil(n / stride) whatever the kernel or dilation', () => {
  // ceil(224/2) = 112, ceil(7/2) = 4, ceil(5/1) = 5 even for a kernel wider than the input.
  assert.equal(windowOutputLength(224, 3, 2, 1, 'same', 0), 112);
  assert.equal(windowOutputLength(7, 3, 2, 4, 'same', 0), 4);
  assert.equal(windowOutputLength(5, 9, 1, 1, 'same', 1), 5);
});

test('valid padding gives floor((n − span) / stride) + 1 with span = (K − 1)·dilation + 1', () => {
  // (224 − 7)/2 → floor 108 + 1 = 109; dilation 2: span 5, (9 − 5)/1 + 1 = 5.
  assert.equal(windowOutputLength(224, 7, 2, 1, 'valid', 0), 109);
  assert.equal(windowOutputLength(9, 3, 1, 2, 'valid', 0), 5);
  assert.equal(windowOutputLength(3, 3, 5, 1, 'valid', 0), 1);
});

test('explicit padding adds its sides on the right axis before the valid rule', () => {
  const padding = { top: 3, bottom: 3, left: 0, right: 1 };
  // height: 224 + 6 = 230, (230 − 7)/2 → 111 + 1 = 112 (ResNet's 7x7 stem). width: 8 + 1 = 9, (9 − 7)/2 → 1 + 1 = 2.
  assert.equal(windowOutputLength(224, 7, 2, 1, padding, 0), 112);
  assert.equal(windowOutputLength(8, 7, 2, 1, padding, 1), 2);
});
