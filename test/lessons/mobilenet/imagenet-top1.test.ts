import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generationsTable, loadImageNetTop1 } from '../../../src/lessons/mobilenet/imagenet-top1';
import { dataPath } from '../../../src/data/data-file';
import { ConvkitInputError } from '../../../src/core/errors';

test('every published accuracy names its paper, arXiv id and table', () => {
  const entries = loadImageNetTop1();
  assert.ok(entries.length >= 4);
  for (const e of entries) assert.match(`${e.source.paper} ${e.source.arxiv} ${e.source.table}`, /\d{4}.*\d{4}\.\d{5} Table \d/);
  for (const family of ['mobilenet-v1', 'mobilenet-v2', 'mobilenet-v3-large', 'mobilenet-v3-small']) {
    assert.ok(
      entries.some((e) => e.model === family),
      family,
    );
  }
});

test('the computed MACs of every listed network are within 1.5% of those its paper prints', () => {
  for (const row of generationsTable()) {
    const relative = Math.abs(row.macs / 1e6 - row.publishedMillionMacs) / row.publishedMillionMacs;
    assert.ok(relative < 0.015, `${row.label}: ${row.macs} vs ${row.publishedMillionMacs}M`);
  }
});

test('the file keeps its list under "models", so the cost-model checks of data/reference ignore it', () => {
  const parsed = JSON.parse(readFileSync(dataPath('reference', 'accuracy', 'imagenet-top1.json'), 'utf8'));
  assert.equal(parsed.entries, undefined);
});

test('an entry without a source is an input error naming the entry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'top1-'));
  const file = join(dir, 'bad.json');
  writeFileSync(
    file,
    JSON.stringify({ models: [{ model: 'mobilenet-v2', options: {}, label: 'x', top1Percent: 72, publishedMillionMacs: 300, publishedMillionParams: 3.4 }] }),
  );
  assert.throws(
    () => loadImageNetTop1(file),
    (e: unknown) => e instanceof ConvkitInputError && /models\[0\]\.source/.test(e.message),
  );
});
