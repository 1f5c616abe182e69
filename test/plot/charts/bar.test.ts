import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barChart } from '../../../src/plot/charts/bar';
import { assertRenders } from './render-check';

// MobileNet v1, 112×112×32 → 64: depthwise 3×3 then pointwise 1×1 (Howard et al. 2017, Table 1).
const rows = [
  { layer: 'conv dw 1', part: 'depthwise', macs: 112 * 112 * 32 * 9 },
  { layer: 'conv dw 1', part: 'pointwise', macs: 112 * 112 * 32 * 64 },
  { layer: 'conv dw 2', part: 'depthwise', macs: 56 * 56 * 64 * 9 },
  { layer: 'conv dw 2', part: 'pointwise', macs: 56 * 56 * 64 * 128 },
];
const common = {
  data: rows,
  category: { field: 'layer', title: 'layer' },
  value: { field: 'macs', title: 'multiply-adds (MACs)' },
  group: { field: 'part', title: 'part' },
};

test('grouped bars offset each group inside its category and draw one bar per row', async () => {
  const spec = barChart(common);
  assert.ok('xOffset' in (spec as { encoding: object }).encoding);
  const svg = await assertRenders(spec, 'mark-rect');
  assert.equal((svg.match(/aria-roledescription="bar"/g) ?? []).length, rows.length);
});

test('stacked bars stack from zero and horizontal bars swap the axes', async () => {
  const stacked = barChart({ ...common, layout: 'stacked', horizontal: true }) as { encoding: Record<string, { stack?: unknown; field?: string }> };
  assert.equal(stacked.encoding.x.stack, 'zero');
  assert.equal(stacked.encoding.y.field, 'layer');
  assert.ok(!('yOffset' in stacked.encoding));
  await assertRenders(stacked as never, 'mark-rect', rows.length);
});

test('a log value scale renders, but is refused for stacked bars', async () => {
  await assertRenders(barChart({ ...common, valueScale: 'log' }), 'mark-rect');
  assert.throws(() => barChart({ ...common, valueScale: 'log', layout: 'stacked' }), /valueScale = "log": must be "linear" for stacked bars/);
  assert.throws(() => barChart({ ...common, layout: 'sideways' as never }), /layout = "sideways": must be "grouped" or "stacked"/);
});
