import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBackend } from '../../../src/backend';
import { measureConvLatency } from '../../../src/lessons/mobilenet/latency';
import { ConvkitInputError } from '../../../src/core/errors';

test('the promised speed-ups are M, K² and 1 / (1/M + 1/K²), and depthwise does the least arithmetic per byte', async () => {
  await useBackend('wasm');
  const rows = await measureConvLatency({ size: 8, channels: 16, filters: 16, kernelSize: 3, runs: 1 });
  assert.deepEqual(
    rows.map((r) => r.kind),
    ['standard', 'depthwise', 'pointwise', 'separable'],
  );
  const by = Object.fromEntries(rows.map((r) => [r.kind, r]));
  assert.equal(by.depthwise.theoreticalSpeedup, 16);
  assert.equal(by.pointwise.theoreticalSpeedup, 9);
  assert.ok(Math.abs(by.separable.theoreticalSpeedup - 1 / (1 / 16 + 1 / 9)) < 1e-12);
  assert.ok(by.depthwise.macsPerByte < by.pointwise.macsPerByte && by.pointwise.macsPerByte < by.standard.macsPerByte);
  for (const r of rows) assert.ok(r.fastestMs > 0 && Number.isFinite(r.measuredSpeedup));
});

test('a kernel larger than the map is an input error', async () => {
  await assert.rejects(measureConvLatency({ size: 2, kernelSize: 3 }), ConvkitInputError);
});
