import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../../src/cost/summary';
import { buildModelSpec } from '../../../src/models/zoo';
import { shareByLayerType } from '../../../src/lessons/mobilenet/layer-type-share';
import { totalKernelWeights } from '../../../src/lessons/mobilenet/kernel-weights';

const shares = shareByLayerType();

test('MobileNet v1 has 4,209,088 kernel weights, the 4.2 million of Table 4', () => {
  assert.equal(totalKernelWeights(summarize(buildModelSpec('mobilenet-v1')).rows), 4_209_088);
});

test('the four layer types of Table 2 appear, ordered by their multiply-adds', () => {
  assert.deepEqual(shares.map((s) => s.layerType), ['Conv 1×1', 'Conv DW 3×3', 'Conv 3×3', 'Fully connected']);
});

test('the shares of multiply-adds and of weights each add up to 100%', () => {
  assert.ok(Math.abs(shares.reduce((sum, s) => sum + s.macsPercent, 0) - 100) < 1e-9);
  assert.ok(Math.abs(shares.reduce((sum, s) => sum + s.weightsPercent, 0) - 100) < 1e-9);
});

test('every computed share rounds to the printed digit of Table 2 (with the documented 1.19 → 1.91 erratum)', () => {
  for (const s of shares) {
    assert.ok(s.publishedMacsPercent !== undefined && s.publishedWeightsPercent !== undefined, s.layerType);
    assert.ok(Math.abs(s.macsPercent - s.publishedMacsPercent) <= 0.005, `${s.layerType} MACs ${s.macsPercent}`);
    assert.ok(Math.abs(s.weightsPercent - s.publishedWeightsPercent) <= 0.005, `${s.layerType} weights ${s.weightsPercent}`);
  }
});

test('the 1×1 share follows from Table 1 summed by hand', () => {
  // Pointwise MACs of the 13 blocks: side², C_in, C_out from Table 1.
  const blocks: [number, number, number][] = [
    [112, 32, 64], [56, 64, 128], [56, 128, 128], [28, 128, 256], [28, 256, 256], [14, 256, 512],
    [14, 512, 512], [14, 512, 512], [14, 512, 512], [14, 512, 512], [14, 512, 512], [7, 512, 1024], [7, 1024, 1024],
  ];
  const pointwise = blocks.reduce((sum, [side, c, m]) => sum + side * side * c * m, 0);
  assert.equal(shares[0].macs, pointwise);
});
