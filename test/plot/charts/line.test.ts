import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineChart } from '../../../src/plot/charts/line';
import { assertRenders } from './render-check';
import { visibleTickLabels } from '../../../src/plot/layout-check';

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
  assert.throws(
    () => lineChart({ data: rows, x: { field: 'M', title: '' }, y: { field: 'macs', title: 'MACs' } }),
    /x.title = "": must be a non-empty axis title/,
  );
  assert.throws(
    () => lineChart({ data: [{ M: 0, macs: 0 }], x: { field: 'M', title: 'M' }, y: { field: 'macs', title: 'MACs' }, yScale: 'log' }),
    /data\[0\].macs = 0: must be > 0 on the log-scale y axis/,
  );
  assert.throws(() => lineChart({ data: [], x: { field: 'M', title: 'M' }, y: { field: 'macs', title: 'MACs' } }), /data = \[\]: must be a non-empty array/);
});

test('an axis of whole numbers (epochs, layers) gets whole-number ticks, not 1.0, 1.4, 1.8', async () => {
  const epochs = [1, 2, 3].map((epoch) => ({ epoch, loss: 1 / epoch }));
  const spec = lineChart({ data: epochs, x: { field: 'epoch', title: 'epoch' }, y: { field: 'loss', title: 'loss' } });
  const [xLabels] = await visibleTickLabels(spec);
  assert.deepEqual(xLabels, ['1', '2', '3']);
  const layers = lineChart({
    data: [2, 4, 6, 8, 10, 12, 14, 16].map((L) => ({ L, macs: L * L })),
    x: { field: 'L', title: 'layers L' },
    y: { field: 'macs', title: 'MACs' },
  });
  const [layerLabels] = await visibleTickLabels(layers);
  assert.equal(new Set(layerLabels).size, layerLabels!.length, `each tick once: ${layerLabels}`);
  for (const label of layerLabels!) assert.match(label, /^\d+$/);
  // Fractional data keeps vega's own ticks.
  const fractional = lineChart({
    data: [
      { t: 0.5, v: 1 },
      { t: 1.5, v: 2 },
    ],
    x: { field: 't', title: 't' },
    y: { field: 'v', title: 'v' },
  });
  assert.ok((await visibleTickLabels(fractional))[0]!.some((label) => label.includes('.')));
});

test('accuracies of 86–96 % get a y axis that does not start at zero; costs keep the zero baseline', async () => {
  const accuracy = lineChart({
    data: [1, 2, 3, 4].map((epoch) => ({ epoch, acc: 86 + 3 * epoch })),
    x: { field: 'epoch', title: 'epoch' },
    y: { field: 'acc', title: 'accuracy (%)' },
  });
  const [, accuracyTicks] = await visibleTickLabels(accuracy);
  assert.ok(Number(accuracyTicks![0]) >= 80, `lowest tick ${accuracyTicks![0]}`);
  const cost = lineChart({ data: rows, x: { field: 'M', title: 'filters M' }, y: { field: 'macs', title: 'MACs' } });
  assert.equal((await visibleTickLabels(cost))[1]![0], '0');
  // Said explicitly, either way wins.
  const forced = lineChart({
    data: [1, 2].map((epoch) => ({ epoch, acc: 90 + epoch })),
    x: { field: 'epoch', title: 'epoch' },
    y: { field: 'acc', title: 'accuracy (%)' },
    yZero: true,
  });
  assert.equal((await visibleTickLabels(forced))[1]![0], '0');
  assert.throws(
    () => lineChart({ data: rows, x: { field: 'M', title: 'M' }, y: { field: 'macs', title: 'MACs' }, yZero: 'no' as never }),
    /yZero = "no": must be true or false/,
  );
});
