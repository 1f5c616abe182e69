import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConvkitInputError } from '../../../src/core/errors';
import { differences, memoryOverDepth } from '../../../src/lessons/densenet/memory-over-depth';

test('naive training memory of a dense block grows quadratically with depth: constant second differences of 3·H·W·k·4 bytes', () => {
  for (const bottleneck of [true, false]) {
    const points = memoryOverDepth([8, 6, 10], 4, 7, bottleneck);
    const second = differences(differences(points.map((p) => p.naiveBytes)));
    // Each extra layer's concatenation, and the BN and ReLU outputs read from it, are k channels wider than the last.
    for (const d of second) assert.equal(d, 3 * 8 * 6 * 4 * 4);
  }
});

test('shared-storage training memory grows linearly with depth: constant first differences', () => {
  for (const bottleneck of [true, false]) {
    const first = differences(memoryOverDepth([8, 6, 10], 4, 7, bottleneck).map((p) => p.sharedBytes));
    assert.ok(
      first.every((d) => d === first[0] && d > 0),
      first.join(', '),
    );
  }
});

test('the concatenations alone take H·W·Σ(k0 + l·k)·4 bytes, and sharing never needs more memory than keeping everything', () => {
  const points = memoryOverDepth([5, 5, 12], 6, 5);
  points.forEach((p) => {
    let channels = 0;
    for (let l = 1; l <= p.layers; l++) channels += 12 + l * 6;
    assert.equal(p.concatBytes, 5 * 5 * channels * 4);
    assert.ok(p.sharedBytes <= p.naiveBytes);
  });
});

test('a depth of zero layers is refused with the field name', () => {
  assert.throws(
    () => memoryOverDepth([4, 4, 4], 2, 0),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'maxLayers',
  );
});
