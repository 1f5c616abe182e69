import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, formatBytes, formatCount, renderSummaryHtml, renderSummaryText, summarize } from '../../src/cost';
import { escapeHtml as textEscapeHtml } from '../../src/core/escape-html';
import { INPUT, type ModelSpec } from '../../src/core/spec';

const MODEL: ModelSpec = {
  name: 'demo <b>&</b>',
  input: [56, 56, 128],
  nodes: [
    { name: 'conv', layer: { kind: 'conv2d', filters: 128, kernelSize: 3 }, inputs: [INPUT] },
    { name: 'bn<x>', layer: { kind: 'batchNorm' }, inputs: ['conv'] },
  ],
};

test('formatCount groups thousands and formatBytes uses binary units', () => {
  assert.equal(formatCount(462_422_016), '462,422,016');
  assert.equal(formatCount(0), '0');
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(1536), '1.50 KiB');
  assert.equal(formatBytes(4 * 2 ** 20), '4.00 MiB');
});

test('the text table has a row per layer with separated counts and the totals', () => {
  const text = renderSummaryText(summarize(MODEL));
  const lines = text.split('\n');
  assert.match(lines[0], /^Model: demo/);
  assert.ok(
    lines.some((line) => /^conv\s+conv2d\s+56x56x128\s+462,422,016\s+147,456\s+1,605,632$/.test(line)),
    text,
  );
  assert.match(text, /Total MACs:\s+462,422,016/);
  assert.match(text, /Total FLOPs \(2 x MACs\):\s+924,844,032/);
  // 147,456 conv weights + 512 BN params.
  assert.match(text, /Total params:\s+147,968/);
  assert.match(text, /Non-trainable params:\s+256/);
  // Columns line up: every table row is as wide or narrower than the rule.
  const rule = lines[1].length;
  lines.slice(2, 6).forEach((line) => assert.ok(line.length <= rule));
});

test('the HTML table escapes every piece of text', () => {
  const html = renderSummaryHtml(summarize(MODEL));
  assert.match(html, /^<table class="convkit-summary">/);
  assert.match(html, /<caption>demo &lt;b&gt;&amp;&lt;\/b&gt;<\/caption>/);
  assert.match(html, /<td style="text-align:left">bn&lt;x&gt;<\/td>/);
  assert.ok(!html.includes('<b>'));
  assert.ok(!html.includes('bn<x>'));
  assert.equal((html.match(/<tr>/g) ?? []).length, 1 + 2 + 11);
});

test('a summary of 200,000 rows renders as text without overflowing the stack', () => {
  // Math.max(...cells) throws RangeError past ~125,000 rows (a spread of that many arguments overflows the call stack).
  const one = summarize({ name: 'one', input: [2, 2, 2], nodes: [{ name: 'relu', layer: { kind: 'activation', activation: 'relu' }, inputs: [INPUT] }] });
  const rows = Array.from({ length: 200_000 }, (_, i) => ({ ...one.rows[0]!, name: `relu_${i}` }));
  const text = renderSummaryText({ ...one, rows });
  assert.ok(text.includes('relu_199999'));
  // The widest name sets the column: every data line is as wide as the header rule allows.
  assert.ok(text.split('\n').some((line) => line.startsWith('relu_199999 ')));
});

test("a separable conv's activation bytes column shows its output plus its depthwise map, summing to the total", () => {
  const summary = summarize({
    name: 'sep',
    input: [8, 8, 4],
    nodes: [
      { name: 'sep', layer: { kind: 'separableConv2d', filters: 6, kernelSize: 3 }, inputs: [INPUT] },
      { name: 'relu', layer: { kind: 'activation', activation: 'relu' }, inputs: ['sep'] },
    ],
  });
  const sepLine = renderSummaryText(summary)
    .split('\n')
    .find((line) => line.startsWith('sep '))!;
  // output 8·8·6·4 = 1,536 bytes + depthwise map 8·8·4·4 = 1,024 bytes.
  assert.match(sepLine, / 2,560$/);
  assert.match(renderSummaryText(summary), /Activations \(sum of outputs and intermediate maps\): /);
  assert.equal(summary.memory.activationsBytes, 2560 + 1536);
});

test("the cost model's escapeHtml is the one in core", () => {
  assert.equal(escapeHtml, textEscapeHtml);
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});
