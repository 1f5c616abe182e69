import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { padBefore, window2d } from '../../../src/layers/reference/window';

test("'same' padding puts the odd padded pixel after the input, as TF does", () => {
  // n = 4, k = 2, s = 1: total padding 1, all of it at the bottom/right.
  assert.equal(padBefore(4, 4, 2, 1, 1, 'same', 0), 0);
  // n = 5, k = 3, s = 2: out 3, total (3-1)·2 + 3 - 5 = 2, one before.
  assert.equal(padBefore(5, 3, 3, 2, 1, 'same', 0), 1);
  // n = 6, k = 3, s = 2: out 3, total (3-1)·2 + 3 - 6 = 1, none before.
  assert.equal(padBefore(6, 3, 3, 2, 1, 'same', 0), 0);
});

test("every output window of a 'same' layer starts at or after the first padded row and ends within the padding", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 20 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 3 }),
      (n, k, s, d) => {
        const w = window2d([n, n, 1], [k, k], [s, s], [d, d], 'same');
        const span = (k - 1) * d + 1;
        const total = Math.max((w.outHeight - 1) * s + span - n, 0);
        assert.ok(w.padTop >= 0 && w.padTop <= total - w.padTop, 'at most half the padding before');
        const lastRow = (w.outHeight - 1) * s - w.padTop + span - 1;
        assert.ok(lastRow <= n - 1 + (total - w.padTop), 'the last window ends inside the padded input');
      },
    ),
  );
});

test('explicit padding uses the given top and left', () => {
  const w = window2d([5, 5, 1], [3, 3], [1, 1], [1, 1], { top: 2, bottom: 0, left: 1, right: 1 });
  assert.equal(w.padTop, 2);
  assert.equal(w.padLeft, 1);
  assert.equal(w.outHeight, 5);
  assert.equal(w.outWidth, 5);
});
