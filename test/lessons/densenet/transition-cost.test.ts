import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConvkitInputError } from '../../../src/core/errors';
import { compressionEffect, transitionCost } from '../../../src/lessons/densenet/transition-cost';

test('a transition halves height and width, keeps ⌊θ·C⌋ channels and costs H·W·C·⌊θC⌋ MACs at the full resolution', () => {
  const cost = transitionCost([28, 28, 512], 0.5);
  assert.deepEqual(cost.outputShape, [14, 14, 256]);
  assert.equal(cost.macs, 28 * 28 * 512 * 256);
  assert.equal(cost.trainableParams, 512 * 256 + 2 * 512);
  assert.equal(cost.nonTrainableParams, 2 * 512);
  assert.ok(cost.elementwiseOps > 0);
});

test("DenseNet-121's three transitions cost the same MACs: each halves the side and the block before it doubled C", () => {
  const macs = [transitionCost([56, 56, 256]).macs, transitionCost([28, 28, 512]).macs, transitionCost([14, 14, 1024]).macs];
  assert.deepEqual(new Set(macs).size, 1);
});

test('a smaller θ shrinks the transition and every layer of the next block, but leaves k alone', () => {
  const rows = compressionEffect([16, 16, 96], [0.25, 0.5, 1], { layers: 4, growthRate: 12 });
  assert.deepEqual(
    rows.map((r) => r.nextBlockInputChannels),
    [24, 48, 96],
  );
  rows.forEach((r) => assert.equal(r.nextBlockOutputChannels - r.nextBlockInputChannels, 4 * 12));
  for (let i = 1; i < rows.length; i++) {
    assert.ok(rows[i].transitionMacs > rows[i - 1].transitionMacs);
    assert.ok(rows[i].nextBlockMacs > rows[i - 1].nextBlockMacs);
    assert.ok(rows[i].nextBlockParams > rows[i - 1].nextBlockParams);
  }
});

test('bad compression inputs name the field, the value and the rule', () => {
  assert.throws(
    () => compressionEffect([8, 8, 16], [], { layers: 2, growthRate: 4 }),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'compressions',
  );
  assert.throws(
    () => transitionCost([8, 8, 16], 1.5),
    (e: unknown) => e instanceof ConvkitInputError && /compression/.test(e.field),
  );
});
