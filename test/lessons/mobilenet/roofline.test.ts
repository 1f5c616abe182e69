import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBackend } from '../../../src/backend';
import { ConvkitInputError } from '../../../src/core/errors';
import { describeRooflineRun, measureRoofline, roofAt, rooflineChart, rooflineLayers, type RooflineRun } from '../../../src/lessons/mobilenet/roofline';
import { chartLayoutProblems } from '../../../src/plot/layout-check';
import { compileVegaLite } from '../../../src/plot/vega-render';

test('the intensities are MACs over the bytes of input, weights and output: K²·M, K² and M MACs per pixel against 4·(C + M) bytes', () => {
  const [standard, depthwise, pointwise] = rooflineLayers();
  const hw = 56 * 56;
  assert.equal(standard.macs, hw * 9 * 128 * 128);
  assert.equal(standard.bytes, 4 * (hw * 128 + 9 * 128 * 128 + hw * 128));
  assert.equal(depthwise.macs, hw * 9 * 128);
  assert.equal(depthwise.bytes, 4 * (hw * 128 + 9 * 128 + hw * 128));
  assert.equal(pointwise.bytes, 4 * (hw * 128 + 128 * 128 + hw * 128));
  for (const layer of [standard, depthwise, pointwise]) assert.equal(layer.macsPerByte, layer.macs / layer.bytes);
  // About one MAC per byte for the depthwise layer, ~16 for the pointwise one, over a hundred for the standard one.
  assert.ok(depthwise.macsPerByte > 1 && depthwise.macsPerByte < 1.2);
  assert.ok(pointwise.macsPerByte > 15 && pointwise.macsPerByte < 16);
  assert.ok(standard.macsPerByte > 120);
  assert.deepEqual(rooflineLayers(), rooflineLayers());
});

test('the roof is the bandwidth slope left of the ridge and the flat peak right of it', () => {
  assert.equal(roofAt(10, 5, 1), 5);
  assert.equal(roofAt(10, 5, 2), 10);
  assert.equal(roofAt(10, 5, 100), 10);
});

const synthetic: RooflineRun = {
  peakGmacsPerSecond: 16,
  bandwidthGBPerSecond: 8,
  ridgeMacsPerByte: 2,
  matmulMs: 67,
  addMs: 6,
  layers: rooflineLayers().map((layer) => {
    const roof = roofAt(16, 8, layer.macsPerByte);
    const gmacsPerSecond = roof / 2;
    return {
      ...layer,
      roofGmacsPerSecond: roof,
      gmacsPerSecond,
      fastestMs: layer.macs / (gmacsPerSecond * 1e6),
      bound: roof < 16 ? ('memory' as const) : ('compute' as const),
    };
  }),
};

test('the sentences are written from the run: peak, bandwidth, ridge, each layer against its roof, the promised and measured speed-up', () => {
  const lines = describeRooflineRun(synthetic);
  assert.match(lines[0], /peak 16\.00 GMAC\/s .* bandwidth 8\.00 GB\/s .* meet at 2\.00 MACs per byte/);
  assert.match(lines[1], /^standard 3×3: 121\.66 MACs per byte, right of the ridge.*at most 16\.00 GMAC\/s; it reached 8\.00 GMAC\/s \(50% of its roof\)/);
  assert.match(lines[2], /^depthwise 3×3: 1\.12 MACs per byte, left of the ridge/);
  // MACs 128× fewer, roof 16 / (8·1.12) = 1.78× lower: 71.9× if both ran at their roofs; measured the same here (both at half their roof).
  assert.match(lines[4], /128× fewer MACs .* roof is 1\.8× lower: if both ran at their roofs it would be 71\.9× faster, not 128×; measured: 71\.9×/);
});

test('the chart is log-log, draws the roof through the ridge and a point per layer, and lays out whole', async () => {
  const spec = rooflineChart(synthetic) as unknown as { layer: { data: { values: Record<string, number>[] }; encoding: { x: { scale: { type: string } } } }[] };
  assert.equal(spec.layer[0].encoding.x.scale.type, 'log');
  assert.deepEqual(
    spec.layer[0].data.values.map((p) => p.gmacs),
    [0.8, 16, 16],
  );
  assert.equal(spec.layer[2].data.values.length, 3);
  compileVegaLite(rooflineChart(synthetic));
  assert.deepEqual(await chartLayoutProblems(rooflineChart(synthetic)), []);
});

test('a measured run gives positive, finite rates and places each layer under its roof formula', async () => {
  await useBackend('wasm');
  const run = await measureRoofline({ size: 8, channels: 8, filters: 8, matmulSize: 64, addLength: 4096, runs: 1 });
  assert.ok(run.peakGmacsPerSecond > 0 && Number.isFinite(run.peakGmacsPerSecond));
  assert.ok(run.bandwidthGBPerSecond > 0 && Number.isFinite(run.bandwidthGBPerSecond));
  assert.equal(run.ridgeMacsPerByte, run.peakGmacsPerSecond / run.bandwidthGBPerSecond);
  for (const layer of run.layers) {
    assert.equal(layer.roofGmacsPerSecond, roofAt(run.peakGmacsPerSecond, run.bandwidthGBPerSecond, layer.macsPerByte));
    assert.ok(layer.gmacsPerSecond > 0 && Number.isFinite(layer.gmacsPerSecond));
  }
  await assert.rejects(measureRoofline({ size: 2, kernelSize: 3 }), ConvkitInputError);
});

test('a layer above its roof is said to be, with the probe that fell short', () => {
  const fast = { ...synthetic, layers: synthetic.layers.map((l) => ({ ...l, gmacsPerSecond: 2 * l.roofGmacsPerSecond })) };
  const lines = describeRooflineRun(fast);
  assert.match(lines[1], /\(200% of its roof\): above the roof, so in this run the matrix product, the probe of the peak, ran slower/);
  assert.match(lines[2], /above the roof, so in this run the add fell short/);
  assert.doesNotMatch(describeRooflineRun(synthetic).join('\n'), /above the roof/);
});
