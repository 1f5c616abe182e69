import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../../src/cost/summary';
import { STAGE_COLUMN_LABELS, stageComposition, stageSummaries, stageTableRows } from '../../../src/lessons/densenet/stages';
import { denseNet, denseNetCifar } from '../../../src/models/densenet';

const summary121 = summarize(denseNet(121));

test("the stacked parts add up to the model's totals", () => {
  for (const summary of [summary121, summarize(denseNetCifar(true))]) {
    const parts = stageComposition(summary);
    assert.equal(parts.reduce((s, r) => s + r.macs, 0), summary.macs);
    assert.equal(parts.reduce((s, r) => s + r.trainableParams, 0), summary.params.trainable);
    assert.ok(parts.every((p) => p.macs > 0 || p.trainableParams > 0));
  }
});

test('the per-stage parameter column is labelled "trainable params" and sums exactly that, not the total with BN moving statistics', () => {
  const table = stageTableRows(summary121);
  assert.deepEqual(Object.keys(table[0]), ['stage', 'input', 'output', 'conv layers', 'MACs (millions)', 'MACs share', 'trainable params', 'params share']);
  const trainable = table.reduce((s, r) => s + Number(r['trainable params']), 0);
  assert.equal(trainable, summary121.params.trainable);
  assert.notEqual(trainable, summary121.params.total, 'DenseNet-121 has BN moving statistics, so the two sums differ');
  assert.equal(STAGE_COLUMN_LABELS.trainableParams, 'trainable params');
});

test("the table's shares are each stage's part of the model's MACs and trainable parameters", () => {
  const stages = stageSummaries(summary121);
  const table = stageTableRows(summary121);
  stages.forEach((s, i) => {
    assert.equal(table[i]['MACs (millions)'], Number((s.macs / 1e6).toFixed(1)));
    assert.equal(table[i]['MACs share'], `${((100 * s.macs) / summary121.macs).toFixed(1)}%`);
    assert.equal(table[i]['params share'], `${((100 * s.trainableParams) / summary121.params.trainable).toFixed(1)}%`);
  });
  const shares = table.map((r) => Number(String(r['MACs share']).replace('%', '')));
  assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 100) < 0.5, 'the MACs shares add up to about 100%');
});
