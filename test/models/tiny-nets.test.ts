import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../src/cost/summary';
import { tinyMobileNet, tinyStandardCnn } from '../../src/models/small';

const convKinds = new Set(['conv2d', 'depthwiseConv2d', 'pointwiseConv2d']);

test('the two tiny nets have the same stem, block outputs and head; only the block differs', () => {
  const mobile = summarize(tinyMobileNet());
  const standard = summarize(tinyStandardCnn());
  const blockOutputs = (s: typeof mobile) => s.rows.filter((r) => /^block_\d+_(pw_)?relu$/.test(r.name)).map((r) => r.outputShape.join('x'));
  assert.deepEqual(blockOutputs(mobile), ['8x8x16', '4x4x32', '4x4x32']);
  assert.deepEqual(blockOutputs(standard), blockOutputs(mobile));
  assert.deepEqual(mobile.rows.at(-1)!.outputShape, [1, 1, 10]);
  assert.equal(mobile.rows.filter((r) => r.layer.kind === 'depthwiseConv2d').length, 3);
  assert.equal(standard.rows.filter((r) => convKinds.has(r.layer.kind)).length, 4);
  assert.ok(mobile.macs < standard.macs / 4);
});

test('the tiny nets are named after their family and width and read width·2 and width·4 channels', () => {
  assert.equal(tinyMobileNet({ width: 16 }).name, 'tiny-mobilenet (width 16)');
  assert.equal(tinyStandardCnn({ width: 4 }).name, 'tiny-standard-cnn (width 4)');
  assert.deepEqual(tinyStandardCnn({ width: 4, inputSize: 16 }).input, [16, 16, 1]);
  const filters = tinyStandardCnn({ width: 4 }).nodes.flatMap((n) => (n.layer.kind === 'conv2d' ? [n.layer.filters] : []));
  assert.deepEqual(filters, [4, 8, 16, 16]);
});
