/**
 * Static checks of the committed lesson 01–03 notebooks and their solutions
 * (no kernel needed; `npm test` re-executes them separately): every exercise
 * of the lesson is asked and has an unanswered stub whose committed output
 * says "not answered yet", the solutions notebook's committed outputs accept
 * every solution, and no cell failed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exercises as lesson01 } from '../../../src/exercises/lessons/01-standard-convolution';
import { exercises as lesson02 } from '../../../src/exercises/lessons/02-depthwise-convolution';
import { exercises as lesson03 } from '../../../src/exercises/lessons/03-pointwise-convolution';

const EXERCISES = { '01': lesson01, '02': lesson02, '03': lesson03 } as const;

const repo = join(__dirname, '..', '..', '..');
const LESSONS = [
  ['01', 'notebooks/01-standard-convolution.ipynb'],
  ['02', 'notebooks/02-depthwise-convolution.ipynb'],
  ['03', 'notebooks/03-pointwise-convolution.ipynb'],
] as const;

interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: { output_type: string; text?: string | string[]; data?: Record<string, unknown> }[];
}
const text = (value: string | string[] | undefined): string => (Array.isArray(value) ? value.join('') : (value ?? ''));
const cellsOf = (path: string): Cell[] => (JSON.parse(readFileSync(join(repo, path), 'utf8')) as { cells: Cell[] }).cells;
const streamOf = (cell: Cell): string => (cell.outputs ?? []).filter((o) => o.output_type === 'stream').map((o) => text(o.text)).join('');

for (const [lesson, path] of LESSONS) {
  const ids = EXERCISES[lesson].map((e) => e.id);

  test(`notebook ${lesson} asks every exercise of its lesson and commits each answer cell unanswered`, () => {
    const cells = cellsOf(path);
    assert.ok(ids.length >= 3 && ids.length <= 5);
    for (const id of ids) {
      assert.ok(cells.some((c) => text(c.source).includes(`ask("${id}")`)), `${id} is asked`);
      const stub = cells.find((c) => text(c.source).includes(`check("${id}"`));
      assert.ok(stub, `${id} has an answer cell`);
      assert.match(text(stub.source), /= undefined;/);
      assert.match(streamOf(stub), new RegExp(`Exercise ${id.replace('.', '\\.')}: not answered yet`));
    }
  });

  test(`notebook ${lesson} ran without errors and ends with its glossary`, () => {
    const cells = cellsOf(path);
    for (const cell of cells) {
      assert.ok(!(cell.outputs ?? []).some((o) => o.output_type === 'error' || (o.output_type === 'stream' && /error/i.test(text(o.text)) && !/ConvkitInputError/.test(text(o.text)))), text(cell.source).slice(0, 80));
    }
    const code = cells.filter((c) => c.cell_type === 'code');
    assert.match(text(code[code.length - 1].source), new RegExp(`loadGlossary\\(\\{ lesson: "${lesson}" \\}\\)`));
    assert.ok((code[code.length - 1].outputs ?? []).length > 0, 'the glossary table was shown');
  });

  test(`the solutions notebook for ${lesson} shows "correct" for every exercise`, () => {
    const output = cellsOf(`notebooks/solutions/${lesson}-solutions.ipynb`).map(streamOf).join('');
    for (const id of ids) assert.match(output, new RegExp(`Exercise ${id.replace('.', '\\.')}: correct`));
    assert.doesNotMatch(output, /not quite|not correct|not answered/);
  });
}
