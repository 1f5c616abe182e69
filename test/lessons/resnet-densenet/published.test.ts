import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConvkitInputError } from '../../../src/core/errors';
import { cifarErrorTable, loadCifarErrors } from '../../../src/lessons/resnet-densenet/published-errors';
import { denseNetBCDepthSweep, resNetDepthSweep } from '../../../src/lessons/resnet-densenet/depth-sweep';

test('every published CIFAR network in the zoo has the parameters the paper prints, to its rounding', () => {
  const rows = cifarErrorTable();
  assert.ok(rows.length >= 8);
  for (const row of rows) {
    if (row.trainableParams === undefined) continue;
    // Printed to 0.01M below 1M in He et al.'s Table 6, otherwise to 0.1M.
    const step = row.publishedMillionParams < 1 && row.family === 'ResNet' ? 0.01 : 0.1;
    assert.ok(Math.abs(row.trainableParams / 1e6 - row.publishedMillionParams) <= step / 2 + 1e-9, `${row.label}: ${row.trainableParams}`);
  }
});

test('every entry names its paper, arXiv id and table', () => {
  for (const entry of loadCifarErrors()) {
    assert.match(entry.source.arxiv, /^\d{4}\.\d{5}$/);
    assert.match(entry.source.table, /^Table \d+$/);
  }
});

test('a malformed errors file is an input error naming the entry and field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convkit-cifar-'));
  const file = join(dir, 'errors.json');
  writeFileSync(
    file,
    JSON.stringify({
      models: [{ label: 'x', family: 'ResNet', publishedMillionParams: 1, c10PlusErrorPercent: -3, source: { paper: 'p', arxiv: '1', table: 'T' } }],
    }),
  );
  assert.throws(
    () => loadCifarErrors(file),
    (e: unknown) => e instanceof ConvkitInputError && /models\[0\]\.c10PlusErrorPercent/.test(e.message),
  );
  writeFileSync(file, JSON.stringify({ entries: [] }));
  assert.throws(() => loadCifarErrors(file), ConvkitInputError);
});

test('CIFAR ResNet parameters grow linearly with depth, DenseNet-BC ones faster than linearly', () => {
  const res = resNetDepthSweep([20, 32, 44, 56]);
  const steps = res.slice(1).map((p, i) => p.trainableParams - res[i].trainableParams);
  assert.ok(
    steps.every((s) => s === steps[0]),
    steps.join(', '),
  );
  const dense = denseNetBCDepthSweep([40, 52, 64, 76]);
  const denseSteps = dense.slice(1).map((p, i) => p.trainableParams - dense[i].trainableParams);
  denseSteps.slice(1).forEach((s, i) => assert.ok(s > denseSteps[i], denseSteps.join(', ')));
});
