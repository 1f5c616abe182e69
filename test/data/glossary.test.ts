import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGlossary } from '../../src/data/glossary';

test('the glossary gives every term in English and Japanese', () => {
  const terms = loadGlossary();
  assert.ok(terms.length >= 40);
  const english = new Set(terms.map((t) => t.en));
  assert.equal(english.size, terms.length, 'no duplicate English terms');
  for (const t of terms) assert.match(t.ja, /[\u3040-\u30ff\u4e00-\u9faf]/, `${t.en} has Japanese text`);
  assert.equal(terms.find((t) => t.en === 'depthwise convolution')?.lesson, '02');
});

test('every lesson 01-08 has glossary terms', () => {
  for (const lesson of ['01', '02', '03', '04', '05', '06', '07', '08']) {
    assert.ok(loadGlossary({ lesson }).length > 0, `lesson ${lesson}`);
  }
});

test('a broken glossary file is reported with its path and the field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glossary-'));
  const bad = join(dir, 'g.json');
  writeFileSync(bad, '{"terms": [{"en": "x", "ja": ""}]}');
  assert.throws(() => loadGlossary({ file: bad }), /terms\[0\]\.ja/);
  writeFileSync(bad, '{not json');
  assert.throws(() => loadGlossary({ file: bad }), /g\.json.*JSON/);
});
