import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ConvkitInputError } from '../../src/core/errors';
import { denseBlockSpec } from '../../src/models/one-block';
import { BLOCK_INPUT, connectionMatrix, denseBlockUnits, directConnections, resNetChainSpec, resNetChainUnits } from '../../src/models/connections';

test('every dense layer reads the block input and every earlier layer as separate channels', () => {
  const spec = denseBlockSpec([4, 4, 8], { layers: 4, growthRate: 4 });
  const cells = connectionMatrix(spec, denseBlockUnits(spec));
  assert.equal(cells.length, 1 + 2 + 3 + 4);
  assert.ok(cells.every((c) => c.via === 'concat'));
  assert.deepEqual(
    cells.filter((c) => c.target === 'layer 3').map((c) => c.source),
    [BLOCK_INPUT, 'layer 1', 'layer 2'],
  );
});

test('a dense block of L layers has L(L+1)/2 direct connections and a ResNet chain has L', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 7 }), (L) => {
      const dense = denseBlockSpec([4, 4, 4], { layers: L, growthRate: 2, bottleneck: false });
      const chain = resNetChainSpec([4, 4, 4], L);
      assert.equal(directConnections(connectionMatrix(dense, denseBlockUnits(dense))), (L * (L + 1)) / 2);
      assert.equal(directConnections(connectionMatrix(chain, resNetChainUnits(chain))), L);
    }),
    { numRuns: 7 },
  );
});

test('in a ResNet chain every earlier branch reaches a block only inside a sum', () => {
  const spec = resNetChainSpec([4, 4, 8], 3);
  const cells = connectionMatrix(spec, resNetChainUnits(spec));
  const third = cells.filter((c) => c.target === 'block 3');
  assert.deepEqual(
    third.map((c) => [c.source, c.via]),
    [
      [BLOCK_INPUT, 'sum'],
      ['block 1', 'sum'],
      ['block 2', 'sum'],
    ],
  );
  // The first block reads the input directly, nothing added to it yet.
  assert.deepEqual(
    cells.filter((c) => c.target === 'block 1').map((c) => c.via),
    ['concat'],
  );
});

test('a unit list that skips a layer with weights is an input error naming the node', () => {
  const spec = resNetChainSpec([4, 4, 8], 2);
  const onlySecond = resNetChainUnits(spec).slice(1);
  assert.throws(
    () => connectionMatrix(spec, onlySecond),
    (error: unknown) => error instanceof ConvkitInputError && /conv2_block1_2_bn/.test(error.message),
  );
  assert.throws(() => connectionMatrix(spec, [{ label: 'x', reader: 'nope', output: 'nope' }]), ConvkitInputError);
  assert.throws(() => resNetChainSpec([4, 4, 8], 0), ConvkitInputError);
});
