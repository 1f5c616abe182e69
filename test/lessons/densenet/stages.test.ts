import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../../src/cost/summary';
import { STAGE_COLUMN_LABELS, stageComposition, stageSummaries, stageTableRows } from '../../../src/lessons/densenet/stages';
import { denseNet, denseNetCifar } from '../../../src/models/densenet';

const summary121 = summarize(denseNet(121));

/**
 * DenseNet-121 counted by hand from Huang et al. 2017 (arXiv:1608.06993),
 * Table 1 and §3: growth rate k = 32, a 7×7/2 stem conv of 2k = 64 filters
 * on 224×224×3, blocks of 6, 12, 24, 16 bottleneck layers (BN, 1×1 conv to
 * 4k, BN, 3×3 conv to k) at 56, 28, 14 and 7 pixels, transitions (BN, 1×1
 * conv halving the channels, then 2×2 average pooling) and a head of BN and a
 * 1000-way fully connected layer with bias. Convs have no bias; each BN has
 * 2 trainable parameters (γ, β) per channel. MACs: each conv's output pixels
 * times its weights, the FC's weights.
 */
const K = 32;
interface Count {
  readonly trainableParams: number;
  readonly macs: number;
}
function denseBlock(channelsIn: number, layers: number, size: number): Count {
  let trainableParams = 0;
  let macs = 0;
  for (let l = 0; l < layers; l++) {
    const c = channelsIn + K * l; // k0 + k·(ℓ − 1) channels into layer ℓ
    const weights = c * 4 * K + 3 * 3 * 4 * K * K;
    trainableParams += 2 * c + 2 * 4 * K + weights;
    macs += size * size * weights;
  }
  return { trainableParams, macs };
}
function transition(channelsIn: number, size: number): Count {
  const weights = channelsIn * (channelsIn / 2);
  return { trainableParams: 2 * channelsIn + weights, macs: size * size * weights }; // the 1×1 conv runs before the pooling
}
const HAND_COUNT_121: Record<string, Count> = {
  stem: { trainableParams: 7 * 7 * 3 * 64 + 2 * 64, macs: 112 * 112 * 7 * 7 * 3 * 64 },
  dense_block_1: denseBlock(64, 6, 56),
  transition_1: transition(256, 56),
  dense_block_2: denseBlock(128, 12, 28),
  transition_2: transition(512, 28),
  dense_block_3: denseBlock(256, 24, 14),
  transition_3: transition(1024, 14),
  dense_block_4: denseBlock(512, 16, 7),
  head: { trainableParams: 2 * 1024 + 1024 * 1000 + 1000, macs: 1024 * 1000 },
};

test('the hand count adds up to the trainable parameters Keras prints for DenseNet121 (7,978,856)', () => {
  assert.equal(
    Object.values(HAND_COUNT_121).reduce((sum, stage) => sum + stage.trainableParams, 0),
    7_978_856,
  );
});

test('each DenseNet-121 stage has the MACs and trainable parameters of the hand count', () => {
  for (const stage of stageSummaries(summary121)) {
    const expected = HAND_COUNT_121[stage.stage];
    assert.ok(expected, `no hand count for ${stage.stage}`);
    assert.equal(stage.trainableParams, expected.trainableParams, `${stage.stage} trainable params`);
    assert.equal(stage.macs, expected.macs, `${stage.stage} MACs`);
  }
});

test('dense block 1 splits into its 3×3 convs, 1×1 bottlenecks and BN γ, β as counted by hand', () => {
  // 864 = 64 + 96 + … + 224: the channels into the six layers.
  const parts = stageComposition(summary121).filter((part) => part.stage === 'dense_block_1');
  const byRole = Object.fromEntries(parts.map((part) => [part.role, { macs: part.macs, trainableParams: part.trainableParams }]));
  assert.deepEqual(byRole, {
    '3×3 conv': { macs: 56 * 56 * 6 * 9 * 128 * 32, trainableParams: 6 * 9 * 128 * 32 },
    '1×1 bottleneck': { macs: 56 * 56 * 864 * 128, trainableParams: 864 * 128 },
    'BN γ, β': { macs: 0, trainableParams: 2 * 864 + 6 * 2 * 128 },
  });
});

test("the stages and the stacked parts add up to the model's totals", () => {
  for (const summary of [summary121, summarize(denseNetCifar(true))]) {
    const parts = stageComposition(summary);
    assert.equal(
      parts.reduce((s, r) => s + r.macs, 0),
      summary.macs,
    );
    assert.equal(
      parts.reduce((s, r) => s + r.trainableParams, 0),
      summary.params.trainable,
    );
    assert.ok(parts.every((p) => p.macs > 0 || p.trainableParams > 0));
  }
});

test('the per-stage parameter column is labelled "trainable params" and sums exactly that, not the total with BN moving statistics', () => {
  const table = stageTableRows(summary121);
  assert.deepEqual(Object.keys(table[0]), ['stage', 'input', 'output', 'conv layers', 'MACs (millions)', 'MACs share', 'trainable params', 'params share']);
  assert.deepEqual(
    table.map((row) => Number(row['trainable params'])),
    Object.values(HAND_COUNT_121).map((stage) => stage.trainableParams),
  );
  // Keras' DenseNet121 summary: 7,978,856 trainable of 8,062,504 in total (the rest are BN moving statistics).
  assert.equal(
    table.reduce((s, r) => s + Number(r['trainable params']), 0),
    7_978_856,
  );
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
