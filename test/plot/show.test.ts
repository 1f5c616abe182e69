import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { chartBundle, describeChart, PENDING_HINT, show } from '../../src/plot/show';
import { lineChart } from '../../src/plot/charts/line';
import { heatmap } from '../../src/plot/charts/heatmap';
import { MIME } from '../../src/plot/mime-bundle';
import { inKernel } from '../../src/plot/kernel-display';

const costRows = [1, 2, 4, 8, 16, 32].map((filters) => ({ filters, standardMacs: 9 * filters, separableMacs: 9 + filters }));
const chart = lineChart({
  title: 'MACs per output pixel, C = 1',
  data: costRows,
  x: { field: 'filters', title: 'filters M' },
  y: { field: 'standardMacs', title: 'multiply-adds per pixel (MACs)' },
});

test('a chart bundle carries the Vega-Lite JSON, an SVG, a PNG and one line of text', async () => {
  const bundle = await chartBundle(chart);
  assert.deepEqual(Object.keys(bundle).sort(), [MIME.vegaLite, MIME.svg, MIME.png, MIME.plain].sort());
  assert.deepEqual(bundle[MIME.vegaLite], JSON.parse(JSON.stringify(chart)));
  assert.match(bundle[MIME.svg] ?? '', /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(bundle[MIME.svg] ?? '', /<path[^>]* d="M/, 'the SVG draws the line');
  assert.equal(bundle[MIME.plain], 'Vega-Lite chart: MACs per output pixel, C = 1 (line)');
  assert.ok(!bundle[MIME.plain].includes('\n'));
});

test('the Vega-Lite JSON in the bundle is plain data, not the caller’s object', async () => {
  const bundle = await chartBundle(chart);
  assert.notEqual(bundle[MIME.vegaLite], chart);
});

test('rendering the same chart twice gives the same SVG and PNG bytes, gradients included', async () => {
  const ratioMap = heatmap({
    data: [1, 3, 5].flatMap((K) => [8, 64].map((M) => ({ K, M, ratio: 1 / M + 1 / (K * K) }))),
    x: { field: 'K', title: 'kernel size K' },
    y: { field: 'M', title: 'filters M' },
    value: { field: 'ratio', title: 'separable / standard' },
  });
  for (const spec of [chart, ratioMap]) {
    const first = await chartBundle(spec);
    const second = await chartBundle(spec);
    assert.equal(first[MIME.svg], second[MIME.svg]);
    assert.equal(first[MIME.png], second[MIME.png]);
  }
});

test('the SVG uses the theme’s fixed font family', async () => {
  const svg = (await chartBundle(chart))[MIME.svg] ?? '';
  assert.match(svg, /font-family="DejaVu Sans, Helvetica, Arial, sans-serif"/);
});

test('outside a kernel show() prints the text line and returns the bundle', async () => {
  assert.equal(inKernel(), false);
  const printed: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => void printed.push(args.join(' '));
  try {
    const bundle = await show(chart, { text: 'cost chart' });
    assert.ok(bundle !== undefined);
    assert.equal(bundle[MIME.plain], 'cost chart');
  } finally {
    console.log = original;
  }
  assert.deepEqual(printed, ['cost chart']);
});

test('the description names every mark of a layered chart once', () => {
  const spec = { layer: [{ mark: 'line' }, { mark: { type: 'rule' } }, { mark: 'line' }], description: 'ratio' };
  assert.equal(describeChart(spec as never), 'Vega-Lite chart: ratio (line, rule)');
});

test('a show() left without await prints how to fix it instead of "Promise { <pending> }"', async () => {
  const original = console.log;
  console.log = () => undefined;
  try {
    const pending = show(chart);
    assert.equal(inspect(pending), PENDING_HINT);
    assert.match(PENDING_HINT, /await show/);
    assert.ok((await pending) !== undefined);
  } finally {
    console.log = original;
  }
});

test('show() rejects a spec Vega-Lite cannot compile at once, not later', () => {
  assert.throws(() => show({ mark: 'no-such-mark', title: 'broken' } as never), /spec = "broken": must compile with Vega-Lite 5/);
});
