/**
 * Static checks of the committed lesson 01–03 notebooks and their solutions
 * (no kernel needed; `npm test` re-executes them separately): every exercise
 * of the lesson is asked and has an unanswered stub whose committed output
 * says "not answered yet", the solutions notebook's committed outputs accept
 * every solution, no cell failed, and every three-views check ran with
 * weights that differ per channel and per filter (lessons 01–04).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exercises as lesson01 } from '../../../src/exercises/lessons/01-standard-convolution';
import { exercises as lesson02 } from '../../../src/exercises/lessons/02-depthwise-convolution';
import { exercises as lesson03 } from '../../../src/exercises/lessons/03-pointwise-convolution';
import { summarize } from '../../../src/cost/summary';
import { randomWeights } from '../../../src/layers/reference/weights';
import { weightsDifferPerChannelAndFilter } from '../../../src/lessons/conv-basics/distinct-weights';
import type { ModelSpec } from '../../../src/core/spec';

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
const streamOf = (cell: Cell): string =>
  (cell.outputs ?? [])
    .filter((o) => o.output_type === 'stream')
    .map((o) => text(o.text))
    .join('');

for (const [lesson, path] of LESSONS) {
  const ids = EXERCISES[lesson].map((e) => e.id);

  test(`notebook ${lesson} asks every exercise of its lesson and commits each answer cell unanswered`, () => {
    const cells = cellsOf(path);
    // Lesson 01 has seven since its design task 01.7.
    assert.ok(ids.length >= 3 && ids.length <= 7);
    for (const id of ids) {
      assert.ok(
        cells.some((c) => text(c.source).includes(`ask("${id}")`)),
        `${id} is asked`,
      );
      const stub = cells.find((c) => text(c.source).includes(`check("${id}"`));
      assert.ok(stub, `${id} has an answer cell`);
      assert.match(text(stub.source), /= undefined;/);
      assert.match(streamOf(stub), new RegExp(`Exercise ${id.replace('.', '\\.')}: not answered yet`));
    }
  });

  test(`notebook ${lesson} ran without errors and ends with its glossary`, () => {
    const cells = cellsOf(path);
    for (const cell of cells) {
      assert.ok(
        !(cell.outputs ?? []).some(
          (o) => o.output_type === 'error' || (o.output_type === 'stream' && /error/i.test(text(o.text)) && !/ConvkitInputError/.test(text(o.text))),
        ),
        text(cell.source).slice(0, 80),
      );
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

test('every three-views check of lessons 01–03 printed that its kernel slices all differ', () => {
  for (const [lesson, path] of LESSONS) {
    const checks = cellsOf(path).filter((c) => c.cell_type === 'code' && text(c.source).includes('compareThreeViews('));
    assert.ok(checks.length > 0, `lesson ${lesson} has a three-views check`);
    for (const cell of checks) {
      const calls = text(cell.source).match(/compareThreeViews\(/g)?.length ?? 0;
      const printed = streamOf(cell);
      // compareThreeViews refuses repeated slices, so each printed check carries its weights line
      const weightsLines = printed.match(/^ {2}weights {5}.*no two equal$/gm) ?? [];
      assert.equal(weightsLines.length, calls, `lesson ${lesson}: ${text(cell.source).slice(0, 80)}`);
      assert.doesNotMatch(printed, /SOME EQUAL/);
      assert.equal(printed.match(/agree: yes/g)?.length ?? 0, calls);
    }
  }
});

test("lesson 04's three-views check (blockViews with a seed) runs on weights that differ per channel and per filter", () => {
  const cells = cellsOf('notebooks/04-depthwise-separable-mobilenet-v1.ipynb');
  const source = cells.map((c) => text(c.source)).find((s) => s.includes('blockViews('));
  assert.ok(source, 'lesson 04 has a blockViews check');
  const call = /blockViews\(separableLayer, photo, (\d+)\)/.exec(source);
  assert.ok(call, 'the check passes an explicit seed');
  const layer = /layer: \{ kind: "separableConv2d" as const, filters: (\d+), kernelSize: (\d+) \}/.exec(source);
  assert.ok(layer, 'the separable layer is spelled as expected');
  const spec: ModelSpec = {
    name: 'separable layer',
    input: [64, 64, 3],
    nodes: [{ name: 'sep', layer: { kind: 'separableConv2d', filters: Number(layer[1]), kernelSize: Number(layer[2]) }, inputs: ['input'] }],
  };
  // blockViews gives node i the LeCun-scaled randomWeights with seed + i (src/views/block-views.ts)
  summarize(spec).rows.forEach((row, i) => {
    const weights = randomWeights(row.layer, row.inputShapes, Number(call[1]) + i, 'lecun');
    if (weights !== undefined) assert.ok(weightsDifferPerChannelAndFilter(row.layer, row.inputShapes[0], weights), row.name);
  });
});
