/**
 * Every formula of lessons 05–09 renders with KaTeX, strictly: the math in
 * the markdown cells (found by the lecture-notes site's own $…$ / $$…$$ rules,
 * src/notebook/site/math.ts) and every text/latex output the committed
 * notebooks hold (showFormula, e.g. the cost model's expressions). The site
 * renders with throwOnError: false, which would show a broken formula in red
 * and pass; here a KaTeX error fails the test, naming the notebook, the cell
 * and the formula.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import katex from 'katex';
import MarkdownIt = require('markdown-it');
import { mathPlugin, stripMathDelimiters } from '../../../src/notebook/site/math';

const repo = join(__dirname, '..', '..', '..');
const NOTEBOOKS = [
  'notebooks/05-mobilenet-v2-v3.ipynb',
  'notebooks/06-dense-block.ipynb',
  'notebooks/07-transition-layer.ipynb',
  'notebooks/08-resnet-vs-densenet.ipynb',
  'notebooks/09-review.ipynb',
];

interface Cell {
  id?: string;
  cell_type: string;
  source: string | string[];
  outputs?: { data?: Record<string, string | string[]> }[];
}
const text = (value: string | string[] | undefined): string => (Array.isArray(value) ? value.join('') : (value ?? ''));

/** The LaTeX of every math token markdown-it finds in `source`, with the site's math rules. */
export function markdownFormulas(source: string): string[] {
  const md = new MarkdownIt({ html: true });
  mathPlugin(md, (html) => html);
  const found: string[] = [];
  const walk = (tokens: ReturnType<typeof md.parse>) => {
    for (const token of tokens) {
      if (token.type.startsWith('math_')) found.push(token.content);
      if (token.children) walk(token.children);
    }
  };
  walk(md.parse(source, {}));
  return found;
}

function renderStrictly(latex: string, displayMode: boolean): void {
  katex.renderToString(latex, { displayMode, throwOnError: true, trust: false, strict: 'ignore', maxExpand: 1000, maxSize: 20 });
}

test('the formula finder sees inline, display and block math, and KaTeX errors throw', () => {
  assert.deepEqual(markdownFormulas('a $x^2$ and $$y$$\n\n$$\n\\frac{1}{2}\n$$\n'), ['x^2', 'y', '\\frac{1}{2}']);
  assert.throws(() => renderStrictly('\\text{a \\times b}', false), /KaTeX parse error/);
});

for (const path of NOTEBOOKS) {
  test(`every formula of ${path} renders with KaTeX (throwOnError)`, () => {
    const cells = (JSON.parse(readFileSync(join(repo, path), 'utf8')) as { cells: Cell[] }).cells;
    const failures: string[] = [];
    let count = 0;
    cells.forEach((cell, index) => {
      const where = `cell ${cell.id ?? index}`;
      const formulas: [string, boolean][] =
        cell.cell_type === 'markdown'
          ? markdownFormulas(text(cell.source)).map((f) => [f, false])
          : (cell.outputs ?? []).flatMap((o) =>
              o.data?.['text/latex'] !== undefined ? [[stripMathDelimiters(text(o.data['text/latex'])), true] as [string, boolean]] : [],
            );
      for (const [latex, display] of formulas) {
        count++;
        try {
          renderStrictly(latex, display);
        } catch (error) {
          failures.push(`${where}: ${latex}\n    ${(error as Error).message}`);
        }
      }
    });
    assert.ok(count > 0 || path.includes('09'), `${path}: no formulas found`);
    assert.deepEqual(failures, [], `${path}: ${failures.length} formula(s) do not render:\n${failures.join('\n')}`);
  });
}
