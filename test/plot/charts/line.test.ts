import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineChart } from '../../../src/plot/charts/line';
import { assertRenders } from './render-check';

const rows = [1, 4, 16, 64].flatMap((M) => [
  { M, kind: 'standard', macs: 9 * 32 * M },
  { M, kind: 'separable', macs: 9 * 32 + 32 * M },
]);

test('a line chart with series compiles and draws one line per series', async () => {
  const spec = lineChart({
    data: rows,
    x: { field: 'M', title: 'filters M' },
    y: { field: 'macs', title: 'MACs per pixel' },
    series: { field: 'kind', title: 'convolution' },
  });
  const svg = await assertRenders(spec, 'mark-line');
  assert.equal((svg.match(/aria-roledescription="line mark"/g) ?? []).length, 2);
  assert.equal((svg.match(/aria-roledescription="point"/g) ?? []).length, rows.length);
  assert.match(svg, />filters M</);
  assert.match(svg, />MACs per pixel</);
});

test('the log-scale variant puts a log scale on the chosen axis', async () => {
  const spec = lineChart({ data: rows, x: { field: 'M', title: 'filters M' }, y: { field: 'macs', title: 'MACs' }, yScale: 'log', xScale: 'log' });
  const encoding = (spec as unknown as { encoding: Record<string, { scale: { type: string } }> }).encoding;
  assert.equal(encoding.x.scale.type, 'log');
  assert.equal(encoding.y.scale.type, 'log');
  await assertRenders(spec, 'mark-line');
});

test('a field that is not a column, a missing title or zero on a log axis is an input error', () => {
  assert.throws(
    () => lineChart({ data: rows, x: { field: 'N', title: 'filters' }, y: { field: 'macs', title: 'MACs' } }),
    /x.field = "N": must name a column of the data \(columns: M, kind, macs\)/,
  );
  assert.throws(() => lineChart({ data: rows, x: { field: 'M', title: '' }, y: { field: 'macs', title: 'MACs' } }), /x.title = "": must be a non-empty axis title/);
  assert.throws(
    () => lineChart({ data: [{ M: 0, macs: 0 }], x: { field: 'M', title: 'M' }, y: { field: 'macs', title: 'MACs' }, yScale: 'log' }),
    /data\[0\].macs = 0: must be > 0 on the log-scale y axis/,
  );
  assert.throws(() => lineChart({ data: [], x: { field: 'M', title: 'M' }, y: { field: 'macs', title: 'MACs' } }), /data = \[\]: must be a non-empty array/);
});
