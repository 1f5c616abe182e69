import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IMAGENET_DENSENETS, publishedDenseNetTotals } from '../../../src/lessons/densenet/published';

test('every published DenseNet-121/169/201 figure with a citable source agrees with the cost model', () => {
  const rows = publishedDenseNetTotals();
  for (const model of IMAGENET_DENSENETS) {
    const mine = rows.filter((r) => r.model === model);
    assert.ok(mine.some((r) => r.quantity === 'macs'), `${model} has a MAC figure`);
    assert.ok(mine.some((r) => r.quantity === 'trainableParams'), `${model} has a parameter figure`);
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
