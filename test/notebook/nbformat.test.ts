import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConvkitInputError } from '../../src/core/errors';
import { formatNotebook, joinText, parseNotebook, readNotebook, splitLines, writeNotebook } from '../../src/notebook/nbformat';

const minimal = (cells: unknown[]) => JSON.stringify({ nbformat: 4, nbformat_minor: 4, metadata: {}, cells });

test('splitting text into lines and joining them back gives the same text', () => {
  fc.assert(fc.property(fc.string(), (text) => assert.equal(joinText(splitLines(text)), text)));
  assert.deepEqual(splitLines('a\nb\n'), ['a\n', 'b\n']);
  assert.deepEqual(splitLines('a\nb'), ['a\n', 'b']);
});

test('a notebook that is not JSON fails with one error naming the file', () => {
  assert.throws(
    () => parseNotebook('{"cells": [', 'notebooks/broken.ipynb'),
    (error: unknown) => {
      assert.ok(error instanceof ConvkitInputError);
      assert.equal(error.field, 'notebook');
      assert.equal(error.value, 'notebooks/broken.ipynb');
      assert.match(error.message, /broken\.ipynb.*must be valid \.ipynb JSON/);
      return true;
    },
  );
});

test('nbformat 3, a missing cells array and an unknown cell type are each rejected by name', () => {
  assert.throws(() => parseNotebook('{"nbformat": 3, "worksheets": []}', 'old.ipynb'), /old\.ipynb.*nbformat 4 \(found nbformat 3\)/);
  assert.throws(() => parseNotebook('{"nbformat": 4}', 'x.ipynb'), /x\.ipynb.*"cells" array/);
  assert.throws(() => parseNotebook('[1, 2]', 'x.ipynb'), /x\.ipynb.*JSON object/);
  assert.throws(() => parseNotebook(minimal([{ cell_type: 'graph', source: '' }]), 'x.ipynb'), /cells\[0\]\.cell_type/);
  assert.throws(() => parseNotebook(minimal([{ cell_type: 'code', source: 3 }]), 'x.ipynb'), /cells\[0\]\.source/);
});

test('an unreadable path is reported as bad input, not a crash', () => {
  assert.throws(() => readNotebook('/nonexistent/nowhere.ipynb'), /nowhere\.ipynb.*ENOENT/);
});

test('cells of an nbformat 4.4 notebook get unique ids and the notebook becomes 4.5', () => {
  const notebook = parseNotebook(
    minimal([
      { cell_type: 'markdown', metadata: {}, source: '# hi' },
      { cell_type: 'code', metadata: {}, source: '1', outputs: [], execution_count: null, id: 'same' },
      { cell_type: 'code', metadata: {}, source: '2', outputs: [], execution_count: null, id: 'same' },
    ]),
    'x.ipynb',
  );
  assert.equal(notebook.nbformat_minor, 5);
  const ids = notebook.cells.map((cell) => cell.id);
  assert.equal(new Set(ids).size, 3);
  assert.equal(ids[1], 'same');
});

test('a notebook is written in Jupyter layout and read back unchanged', () => {
  const notebook = parseNotebook(
    minimal([
      {
        cell_type: 'code',
        id: 'c1',
        metadata: { tags: ['t'] },
        source: 'a\nb',
        outputs: [{ output_type: 'stream', name: 'stdout', text: 'x\ny\n' }],
        execution_count: 1,
      },
    ]),
    'x.ipynb',
  );
  const text = formatNotebook(notebook);
  assert.ok(text.endsWith('}\n'));
  const json = JSON.parse(text);
  assert.deepEqual(json.cells[0].source, ['a\n', 'b']);
  assert.deepEqual(json.cells[0].outputs[0].text, ['x\n', 'y\n']);
  assert.deepEqual(Object.keys(json), ['cells', 'metadata', 'nbformat', 'nbformat_minor'], 'keys are sorted');
  const again = parseNotebook(text, 'x.ipynb');
  assert.equal(formatNotebook(again), text);
});

test('writing is atomic: no temp file is left and a failed write keeps the old file', () => {
  const folder = mkdtempSync(join(tmpdir(), 'convkit-nbformat-'));
  try {
    const path = join(folder, 'n.ipynb');
    writeFileSync(path, 'old');
    const notebook = parseNotebook(minimal([]), 'n.ipynb');
    writeNotebook(path, notebook);
    assert.deepEqual(readdirSync(folder), ['n.ipynb']);
    assert.equal(readFileSync(path, 'utf8'), formatNotebook(notebook));
    const cyclic = parseNotebook(minimal([]), 'n.ipynb');
    (cyclic.metadata as Record<string, unknown>).self = cyclic.metadata; // cannot be serialised
    assert.throws(() => writeNotebook(path, cyclic));
    assert.equal(readFileSync(path, 'utf8'), formatNotebook(notebook));
    assert.deepEqual(readdirSync(folder), ['n.ipynb']);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
