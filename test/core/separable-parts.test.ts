import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeDepthwiseConv2d, normalizePointwiseConv2d, normalizeSeparableConv2d } from '../../src/core/defaults';
import { separableParts } from '../../src/core/separable-parts';

test('the depthwise part keeps the window and the depth multiplier and has no bias; the pointwise part maps to the filters with the bias', () => {
  const layer = normalizeSeparableConv2d({
    kind: 'separableConv2d',
    filters: 24,
    kernelSize: [3, 5],
    strides: 2,
    padding: 'valid',
    depthMultiplier: 2,
    useBias: true,
  });
  const { depthwise, pointwise } = separableParts(layer);
  assert.deepEqual(normalizeDepthwiseConv2d(depthwise), {
    kind: 'depthwiseConv2d',
    kernelSize: [3, 5],
    strides: [2, 2],
    padding: 'valid',
    dilation: [1, 1],
    depthMultiplier: 2,
    useBias: false,
  });
  assert.deepEqual(normalizePointwiseConv2d(pointwise), { kind: 'pointwiseConv2d', filters: 24, useBias: true });
});

test('a dilated separable layer dilates its depthwise part only', () => {
  const { depthwise, pointwise } = separableParts(normalizeSeparableConv2d({ kind: 'separableConv2d', filters: 8, kernelSize: 3, dilation: 2 }));
  assert.deepEqual(normalizeDepthwiseConv2d(depthwise).dilation, [2, 2]);
  assert.equal(normalizePointwiseConv2d(pointwise).useBias, false);
  assert.equal('dilation' in pointwise, false);
});
