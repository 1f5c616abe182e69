import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBold, textWidth } from '../../src/plot/chart-font';
import { renderSvg, VegaLiteSpec } from '../../src/plot/vega-render';

const label = 'inverted residual, t = 6 (MobileNet v2)';

test('text is measured with the chart font: widths add up, bold is wider, size scales linearly', () => {
  assert.equal(textWidth('', 11), 0);
  assert.ok(Math.abs(textWidth('ab', 11) - (textWidth('a', 11) + textWidth('b', 11))) < 1e-9, 'no kerning between a and b');
  assert.ok(Math.abs(textWidth(label, 22) - 2 * textWidth(label, 11)) < 1e-9);
  assert.ok(textWidth(label, 11, true) > textWidth(label, 11));
  // Far narrower than vega's canvas-less guess of 0.8 × size per character.
  assert.ok(textWidth(label, 11) < 0.7 * 0.8 * 11 * label.length);
  // Pair kerning: "AV" is drawn tighter than "A" then "V".
  assert.ok(textWidth('AV', 11) < textWidth('A', 11) + textWidth('V', 11));
});

test('bold is a weight of 600 and up or the keywords bold and bolder', () => {
  for (const weight of ['bold', 'bolder', 600, '700']) assert.equal(isBold(weight), true, String(weight));
  for (const weight of ['normal', 400, '500', undefined]) assert.equal(isBold(weight), false, String(weight));
});

test('vega lays text out with these widths: a label cut short exactly when it is wider than its limit', async () => {
  const withLimit = (limit: number): VegaLiteSpec =>
    ({ data: { values: [{ t: label }] }, mark: { type: 'text', limit, fontSize: 11 }, encoding: { text: { field: 't' } } }) as VegaLiteSpec;
  const width = textWidth(label, 11);
  assert.match(await renderSvg(withLimit(Math.ceil(width) + 1)), new RegExp(`>${label.replace(/[()]/g, '\\$&')}<`));
  assert.match(await renderSvg(withLimit(Math.floor(width) - 1)), /…</);
});
