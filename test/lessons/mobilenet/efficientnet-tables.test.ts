import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compoundScalingGrowth, efficientNetB0Stages, efficientNetFamily } from '../../../src/lessons/mobilenet/efficientnet-tables';

test('the B0 stage table lists Table 1 in order, and its stages add up to the model', () => {
  const rows = efficientNetB0Stages();
  assert.deepEqual(
    rows.map((r) => r.layers),
    [1, 1, 2, 2, 3, 3, 4, 1, 1, 1],
  );
  assert.deepEqual(
    rows.map((r) => r.outputShape[2]),
    [32, 16, 24, 40, 80, 112, 192, 320, 1280, 1000],
  );
  assert.equal(
    rows.reduce((n, r) => n + r.trainableParams, 0),
    5_288_548,
  );
});

test('every released model meets every published figure the lesson shows', () => {
  const family = efficientNetFamily();
  assert.equal(family.length, 4);
  for (const m of family) {
    assert.ok(m.published.length >= 3, m.model);
    for (const p of m.published) assert.ok(p.agrees, `${p.id}: computed ${p.computedInUnit}, published ${p.value}`);
  }
});

test('(α·β²·γ²)^φ stays a little under 2^φ', () => {
  for (const g of compoundScalingGrowth([1, 2, 3])) assert.ok(g.flopsGrowth < 2 ** g.phi && g.flopsGrowth > 0.85 * 2 ** g.phi);
});
