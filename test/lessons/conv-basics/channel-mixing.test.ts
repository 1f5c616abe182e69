import { test } from 'node:test';
import assert from 'node:assert/strict';
import { channelDependence, dependenceGrid } from '../../../src/lessons/conv-basics/channel-mixing';
import { randomTensor } from '../../../src/core/tensor';
import { randomWeights } from '../../../src/layers/reference/weights';
import type { LayerSpec } from '../../../src/core/spec';

const input = randomTensor([6, 6, 3], 11);
const gridFor = (spec: LayerSpec) => dependenceGrid(channelDependence(spec, input, randomWeights(spec, [input.shape], 12)));

test('a depthwise convolution makes output channel c depend on input channel c only', () => {
  assert.deepEqual(gridFor({ kind: 'depthwiseConv2d', kernelSize: 3 }), [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ]);
});

test('with depth multiplier 2 each input channel feeds exactly its own two outputs', () => {
  const grid = gridFor({ kind: 'depthwiseConv2d', kernelSize: 3, depthMultiplier: 2 });
  grid.forEach((row, o) =>
    assert.deepEqual(
      row,
      [0, 1, 2].map((i) => (Math.floor(o / 2) === i ? 1 : 0)),
    ),
  );
});

test('standard and pointwise convolutions make every output depend on every input channel', () => {
  for (const spec of [
    { kind: 'conv2d', kernelSize: 3, filters: 4 },
    { kind: 'pointwiseConv2d', filters: 4 },
  ] as LayerSpec[]) {
    for (const row of gridFor(spec)) assert.deepEqual(row, [1, 1, 1]);
  }
});

test('one changed input pixel reaches a K×K patch through a standard conv and one pixel through a pointwise conv', async () => {
  const { spatialFootprint } = await import('../../../src/lessons/conv-basics/spatial-footprint');
  const conv: LayerSpec = { kind: 'conv2d', kernelSize: 3, filters: 2 };
  const wide = spatialFootprint(conv, input, randomWeights(conv, [input.shape], 13), 2, 3);
  assert.deepEqual([wide.boxHeight, wide.boxWidth, wide.changedPixels.length], [3, 3, 9]);
  const pointwise: LayerSpec = { kind: 'pointwiseConv2d', filters: 2 };
  const narrow = spatialFootprint(pointwise, input, randomWeights(pointwise, [input.shape], 14), 2, 3);
  assert.deepEqual(narrow.changedPixels, [[2, 3]]);
});
