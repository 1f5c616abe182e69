import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareNotebookOutputs, formatDifferences, normaliseOutputs } from '../../src/notebook/compare-outputs';
import type { CodeCell, Notebook, Output } from '../../src/notebook/nbformat';

function notebook(cells: { source: string; outputs: Output[]; tags?: string[]; count?: number }[]): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: cells.map(
      (cell, i): CodeCell => ({
        cell_type: 'code',
        id: `c${i}`,
        metadata: cell.tags ? { tags: cell.tags } : {},
        source: cell.source,
        execution_count: cell.count ?? i + 1,
        outputs: cell.outputs,
      }),
    ),
  };
}
const out = (text: string | string[]): Output => ({ output_type: 'stream', name: 'stdout', text });
const table = (html: string): Output => ({ output_type: 'display_data', data: { 'text/html': html, 'text/plain': 'table' }, metadata: {} });

test('a notebook compared with itself has no differences', () => {
  const nb = notebook([{ source: 'summary', outputs: [out('MACs 1,024\n'), table('<table><td>1</td></table>')] }]);
  assert.deepEqual(compareNotebookOutputs(nb, structuredClone(nb)), []);
});

test('a changed number is reported with its cell, output index and the first differing line', () => {
  const committed = notebook([
    { source: 'one', outputs: [] },
    { source: 'const s = summarize(m)\ns', outputs: [out('x'), table('<tr>\n<td>1,024</td>\n</tr>')] },
  ]);
  const executed = notebook([
    { source: 'one', outputs: [] },
    { source: 'const s = summarize(m)\ns', outputs: [out('x'), table('<tr>\n<td>1,025</td>\n</tr>')] },
  ]);
  const differences = compareNotebookOutputs(committed, executed);
  assert.equal(differences.length, 1);
  assert.equal(differences[0]!.cellNumber, 2);
  assert.equal(differences[0]!.outputIndex, 1);
  const report = formatDifferences('notebooks/01.ipynb', committed, differences);
  assert.match(report, /notebooks\/01\.ipynb: cell 2, output 1 \(const s = summarize\(m\)\)/);
  assert.match(report, /- <td>1,024<\/td>/);
  assert.match(report, /\+ <td>1,025<\/td>/);
});

test('a difference deep inside a long SVG line is shown around its first differing character', () => {
  const svg = (x: number): Output => ({
    output_type: 'display_data',
    data: { 'image/svg+xml': `<svg>${'<g/>'.repeat(200)}<rect x="${x}"/></svg>` },
    metadata: {},
  });
  const [difference] = compareNotebookOutputs(notebook([{ source: 'c', outputs: [svg(10)] }]), notebook([{ source: 'c', outputs: [svg(11)] }]));
  assert.match(difference!.message, /<rect x="10"/);
  assert.match(difference!.message, /<rect x="11"/);
});

test('missing and extra outputs are reported', () => {
  const two = notebook([{ source: 'c', outputs: [out('a'), table('t')] }]);
  const one = notebook([{ source: 'c', outputs: [out('a')] }]);
  assert.match(compareNotebookOutputs(two, one)[0]!.message, /missing from the executed/);
  assert.match(compareNotebookOutputs(one, two)[0]!.message, /extra output/);
});

test('cells tagged nondeterministic only have to run: their outputs are not compared', () => {
  const a = notebook([{ source: 'time', outputs: [out('12 ms')], tags: ['nondeterministic'] }]);
  const b = notebook([{ source: 'time', outputs: [out('15 ms'), out('more')], tags: ['nondeterministic'] }]);
  assert.deepEqual(compareNotebookOutputs(a, b), []);
});

test('line-list versus string storage, split streams, JSON key order and execution counts are not differences', () => {
  const spec = (order: 'ab' | 'ba'): Output => ({
    output_type: 'display_data',
    data: { 'application/vnd.vegalite.v5+json': order === 'ab' ? { a: 1, b: { c: 2, d: 3 } } : { b: { d: 3, c: 2 }, a: 1 } },
    metadata: {},
  });
  const committed = notebook([{ source: 'c', outputs: [out(['x\n', 'y\n']), spec('ab')], count: 3 }]);
  const executed = notebook([{ source: 'c', outputs: [out('x\n'), out('y\n'), spec('ba')], count: 7 }]);
  assert.deepEqual(compareNotebookOutputs(committed, executed), []);
  assert.equal(normaliseOutputs(executed.cells[0]!.cell_type === 'code' ? (executed.cells[0] as CodeCell).outputs : []).length, 2);
});

test('a whitespace change inside text is a difference (only storage is normalised, never content)', () => {
  const a = notebook([{ source: 'c', outputs: [out('1 024\n')] }]);
  const b = notebook([{ source: 'c', outputs: [out('1  024\n')] }]);
  assert.equal(compareNotebookOutputs(a, b).length, 1);
});

test('a changed cell source or cell count is reported instead of comparing outputs', () => {
  const a = notebook([{ source: 'x', outputs: [] }]);
  assert.match(compareNotebookOutputs(a, notebook([{ source: 'y', outputs: [] }]))[0]!.message, /source/);
  assert.match(compareNotebookOutputs(a, notebook([]))[0]!.message, /cell count/);
});

test('a long list of differences is cut to the first few, with a count of the rest', () => {
  const committed = notebook(Array.from({ length: 8 }, (_, i) => ({ source: `cell ${i}`, outputs: [out('old')] })));
  const executed = notebook(Array.from({ length: 8 }, (_, i) => ({ source: `cell ${i}`, outputs: [out('new')] })));
  const differences = compareNotebookOutputs(committed, executed);
  assert.equal(differences.length, 8);
  const report = formatDifferences('n.ipynb', committed, differences);
  assert.equal(report.match(/^n\.ipynb: cell \d/gm)?.length, 5);
  assert.match(report, /… and 3 more differences in n\.ipynb$/);
});

test('a notebook committed without any outputs gets one message saying how to save them', () => {
  const bare = notebook([
    { source: 'a', outputs: [] },
    { source: 'b', outputs: [] },
  ]);
  const run = notebook([
    { source: 'a', outputs: [out('1')] },
    { source: 'b', outputs: [out('2')] },
  ]);
  const differences = compareNotebookOutputs(bare, run);
  assert.equal(differences.length, 1);
  assert.equal(
    formatDifferences('n.ipynb', bare, differences),
    'n.ipynb: the committed notebook has no saved outputs at all (run `npm run notebooks:update` and commit the result)',
  );
});

const chartSpec = { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', mark: 'bar', data: { values: [{ a: 1 }] } };
const chart = (extra: Record<string, unknown>, spec: object = chartSpec): Output => ({
  output_type: 'display_data',
  data: { 'application/vnd.vegalite.v5+json': spec, 'image/svg+xml': '<svg>bar</svg>', 'text/plain': 'Vega-Lite chart (bar)', ...extra },
  metadata: {},
});

test('a chart’s PNG is derived from its spec: a different, added or missing image/png is not a difference', () => {
  const committed = notebook([{ source: 'await show(c)', outputs: [chart({ 'image/png': 'iVBORw0KGgoAAAA=' })] }]);
  // JupyterLab saves its own PNG rendering; an older notebook has none.
  const savedByJupyterLab = notebook([{ source: 'await show(c)', outputs: [chart({ 'image/png': 'iVBORw0KGgoBBBB=' })] }]);
  const withoutPng = notebook([{ source: 'await show(c)', outputs: [chart({})] }]);
  assert.deepEqual(compareNotebookOutputs(committed, savedByJupyterLab), []);
  assert.deepEqual(compareNotebookOutputs(committed, withoutPng), []);
  assert.deepEqual(compareNotebookOutputs(withoutPng, committed), []);
});

test('a chart’s spec and SVG are still compared', () => {
  const committed = notebook([{ source: 'await show(c)', outputs: [chart({ 'image/png': 'AAAA' })] }]);
  const otherSpec = notebook([{ source: 'await show(c)', outputs: [chart({ 'image/png': 'AAAA' }, { ...chartSpec, data: { values: [{ a: 2 }] } })] }]);
  const differences = compareNotebookOutputs(committed, otherSpec);
  assert.equal(differences.length, 1);
  assert.match(differences[0]!.message, /"a": 1/);
  const otherSvg = notebook([{ source: 'await show(c)', outputs: [chart({ 'image/png': 'AAAA', 'image/svg+xml': '<svg>other</svg>' })] }]);
  const svgDifferences = compareNotebookOutputs(committed, otherSvg);
  assert.equal(svgDifferences.length, 1);
  assert.match(svgDifferences[0]!.message, /<svg>other<\/svg>/);
});

test('an image/png without a chart spec (a feature map, a photo) is compared byte for byte', () => {
  const image = (png: string): Output => ({ output_type: 'display_data', data: { 'image/png': png, 'text/plain': 'image 8×8' }, metadata: {} });
  const committed = notebook([{ source: 'showImage(x)', outputs: [image('iVBORw0KGgoAAAA=')] }]);
  const executed = notebook([{ source: 'showImage(x)', outputs: [image('iVBORw0KGgoBBBB=')] }]);
  const differences = compareNotebookOutputs(committed, executed);
  assert.equal(differences.length, 1);
  assert.match(differences[0]!.message, /image\/png|iVBORw0KGgo/);
});
