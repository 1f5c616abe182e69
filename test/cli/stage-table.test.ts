import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../src/cost';
import { buildModelSpec, MODEL_NAMES } from '../../src/models/zoo';
import { renderStageText, stageRows } from '../../src/cli/stage-table';

test('for every zoo model the stage rows cover every layer once and sum to the totals', () => {
  for (const model of MODEL_NAMES) {
    const summary = summarize(buildModelSpec(model));
    const rows = stageRows(summary);
    assert.equal(
      rows.reduce((sum, row) => sum + row.layers, 0),
      summary.rows.length,
      model,
    );
    assert.equal(
      rows.reduce((sum, row) => sum + row.macs, 0),
      summary.macs,
      model,
    );
    assert.equal(
      rows.reduce((sum, row) => sum + row.totalParams, 0),
      summary.params.total,
      model,
    );
    assert.equal(new Set(rows.map((row) => row.stage)).size, rows.length, `${model}: stage names are unique`);
    assert.ok(rows.length >= 4, `${model}: ${rows.length} stages is too coarse to read`);
    assert.deepEqual(rows[rows.length - 1]!.outputShape, summary.rows[summary.rows.length - 1]!.outputShape);
  }
});

test('MobileNet v1, whose top level is only stem, separable and head, is rolled up per block', () => {
  const rows = stageRows(summarize(buildModelSpec('mobilenet-v1')));
  assert.deepEqual(
    rows.map((row) => row.stage),
    ['stem', ...Array.from({ length: 13 }, (_, i) => `separable/block_${i + 1}`), 'head'],
  );
});

test('DenseNet-121 is rolled up into its dense blocks and transitions', () => {
  const rows = stageRows(summarize(buildModelSpec('densenet-121')));
  assert.deepEqual(
    rows.map((row) => row.stage),
    ['stem', 'dense_block_1', 'transition_1', 'dense_block_2', 'transition_2', 'dense_block_3', 'transition_3', 'dense_block_4', 'head'],
  );
  // Table 1 of Huang et al. 2017: 6, 12, 24, 16 layers per block; 7 nodes per layer here
  // (BN, ReLU, 1×1 conv, BN, ReLU, 3×3 conv, concat).
  assert.deepEqual(
    rows.filter((row) => row.stage.startsWith('dense_block')).map((row) => row.layers / 7),
    [6, 12, 24, 16],
  );
});

test('the stage table shares add up to about 100%', () => {
  const text = renderStageText(summarize(buildModelSpec('resnet-50')));
  const shares = [...text.matchAll(/(\d+\.\d)%\s+[\d,]+\s+(\d+\.\d)%/g)];
  assert.ok(shares.length >= 4);
  const macsShare = shares.reduce((sum, match) => sum + Number(match[1]), 0);
  const paramsShare = shares.reduce((sum, match) => sum + Number(match[2]), 0);
  assert.ok(Math.abs(macsShare - 100) <= 0.05 * shares.length, `MACs shares sum to ${macsShare}`);
  assert.ok(Math.abs(paramsShare - 100) <= 0.05 * shares.length, `params shares sum to ${paramsShare}`);
});

test('the stage table says its params column counts total parameters, trainable and not', () => {
  const summary = summarize(buildModelSpec('densenet-121'));
  const text = renderStageText(summary);
  const header = text.split('\n')[2]!;
  assert.match(header, /Params \(total\)/);
  assert.match(header, /Share of total params/);
  assert.doesNotMatch(header, /\bParams\s{2,}|Params share/);
  // And it does count the BN moving statistics: the column sums to "Total params", above trainable.
  const rows = stageRows(summary);
  assert.equal(
    rows.reduce((sum, row) => sum + row.totalParams, 0),
    summary.params.total,
  );
  assert.ok(summary.params.total > summary.params.trainable);
});

test('a stage table of 200,000 stages renders without overflowing the stack', () => {
  const one = summarize(buildModelSpec('resnet-cifar'));
  const rows = Array.from({ length: 200_000 }, (_, i) => ({ ...one.rows[0]!, name: `layer_${i}`, path: [] }));
  const text = renderStageText({ ...one, rows });
  assert.ok(text.includes('layer_199999'));
});
