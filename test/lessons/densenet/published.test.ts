import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IMAGENET_DENSENETS, publishedDenseNetTotals } from '../../../src/lessons/densenet/published';

test('every published DenseNet-121/169/201 figure with a citable source agrees with the cost model', () => {
  const rows = publishedDenseNetTotals();
  for (const model of IMAGENET_DENSENETS) {
    const mine = rows.filter((r) => r.model === model);
    assert.ok(
      mine.some((r) => r.quantity === 'macs'),
      `${model} has a MAC figure`,
    );
    assert.ok(
      mine.some((r) => r.quantity === 'trainableParams'),
      `${model} has a parameter figure`,
    );
  }
  for (const row of rows) {
    assert.ok(row.agrees, `${row.model} ${row.quantity}: published ${row.published}, computed ${row.computed}`);
    assert.match(row.source, /https:\/\/|arXiv:/);
  }
});

test('the rows come in the order of the requested models', () => {
  const rows = publishedDenseNetTotals(['densenet-201', 'densenet-121']);
  assert.equal(rows[0].model, 'densenet-201');
  assert.equal(rows[rows.length - 1].model, 'densenet-121');
});

test('the lesson compares with the shared rules: each row equals the shared comparison of its entry', async () => {
  const shared = { ...(await import('../../../src/data/reference-tables')), ...(await import('../../../src/published/compare')) };
  const entries = [...shared.readReferenceEntries('keras.json'), ...shared.readReferenceEntries('torchvision.json')].filter(
    (e) => e.model === 'densenet-121' && Object.keys(e.options).length === 0,
  );
  const rows = publishedDenseNetTotals(['densenet-121']);
  assert.equal(rows.length, entries.length);
  for (const entry of entries) {
    const expected = shared.compareEntry(entry);
    const row = rows.find((r) => r.quantity === entry.quantity && r.published === `${entry.value.toLocaleString('en-US')} ${entry.unit}`);
    assert.ok(row, entry.id);
    assert.equal(row.computed, expected.computed);
    assert.equal(row.agrees, expected.agrees);
  }
});

test('no DenseNet-121 MAC figure is attributed to Keras, which prints none', () => {
  for (const row of publishedDenseNetTotals(['densenet-121'])) {
    if (row.quantity === 'macs') assert.doesNotMatch(row.source, /keras/i);
  }
});
