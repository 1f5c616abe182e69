import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../../src/cost/summary';
import { buildModelSpec } from '../../../src/models/zoo';
import { formatPrintedShare, shareByLayerType } from '../../../src/lessons/mobilenet/layer-type-share';
import { totalKernelWeights } from '../../../src/published/kernel-weights';

const shares = shareByLayerType();

test('MobileNet v1 has 4,209,088 kernel weights, the 4.2 million of Table 4', () => {
  assert.equal(totalKernelWeights(summarize(buildModelSpec('mobilenet-v1')).rows), 4_209_088);
});

test('the four layer types of Table 2 appear, ordered by their multiply-adds', () => {
  assert.deepEqual(
    shares.map((s) => s.layerType),
    ['Conv 1×1', 'Conv DW 3×3', 'Conv 3×3', 'Fully connected'],
  );
});

test('the shares of multiply-adds and of weights each add up to 100%', () => {
  assert.ok(Math.abs(shares.reduce((sum, s) => sum + s.macsPercent, 0) - 100) < 1e-9);
  assert.ok(Math.abs(shares.reduce((sum, s) => sum + s.weightsPercent, 0) - 100) < 1e-9);
});

test('every computed share rounds to the expected digit of Table 2 (the printed one, or the documented erratum)', () => {
  for (const s of shares) {
    assert.ok(s.expectedMacsPercent !== undefined && s.expectedWeightsPercent !== undefined, s.layerType);
    assert.ok(Math.abs(s.macsPercent - s.expectedMacsPercent) <= 0.005, `${s.layerType} MACs ${s.macsPercent}`);
    assert.ok(Math.abs(s.weightsPercent - s.expectedWeightsPercent) <= 0.005, `${s.layerType} weights ${s.weightsPercent}`);
  }
});

test('the paper column carries what the paper prints: 1.19 for the 3×3 conv, marked as a misprint', () => {
  const conv = shares.find((s) => s.layerKind === 'conv2d');
  assert.ok(conv);
  assert.equal(conv.printedMacsPercent, 1.19);
  assert.equal(conv.expectedMacsPercent, 1.91);
  assert.match(conv.macsErratum ?? '', /1\.19/);
  assert.equal(formatPrintedShare(conv.printedMacsPercent, conv.macsErratum), '1.19 *');
  // The computed share (10,838,016 of 568,740,352 MACs) is 1.906%, far from the printed 1.19.
  assert.ok(Math.abs(conv.macsPercent - (100 * 10_838_016) / 568_740_352) < 1e-9);
  assert.ok(Math.abs(conv.macsPercent - conv.printedMacsPercent) > 0.5);
});

test('every other Table 2 cell is printed as documented, with no misprint mark', () => {
  let cells = 0;
  for (const s of shares) {
    for (const [printed, expected, erratum] of [
      [s.printedMacsPercent, s.expectedMacsPercent, s.macsErratum],
      [s.printedWeightsPercent, s.expectedWeightsPercent, s.weightsErratum],
    ] as const) {
      if (erratum !== undefined) continue;
      cells += 1;
      assert.equal(printed, expected, s.layerType);
      assert.doesNotMatch(formatPrintedShare(printed, erratum), /\*/);
    }
  }
  assert.equal(cells, 7);
});

test('the 1×1 share follows from Table 1 summed by hand', () => {
  // Pointwise MACs of the 13 blocks: side², C_in, C_out from Table 1.
  const blocks: [number, number, number][] = [
    [112, 32, 64],
    [56, 64, 128],
    [56, 128, 128],
    [28, 128, 256],
    [28, 256, 256],
    [14, 256, 512],
    [14, 512, 512],
    [14, 512, 512],
    [14, 512, 512],
    [14, 512, 512],
    [14, 512, 512],
    [7, 512, 1024],
    [7, 1024, 1024],
  ];
  const pointwise = blocks.reduce((sum, [side, c, m]) => sum + side * side * c * m, 0);
  assert.equal(shares[0].macs, pointwise);
});
