import { test } from 'node:test';
import assert from 'node:assert/strict';
import { smallMultiples } from '../../../src/plot/charts/small-multiples';
import { assertRenders } from './render-check';

// Channels entering layer l of a dense block: k0 + l·k (Huang et al. 2017, section 3).
const growthRates = [12, 24, 32];
const rows = growthRates.flatMap((k) => [0, 1, 2, 3, 4, 5].map((l) => ({ growth: `k = ${k}`, layer: l, channels: 64 + l * k })));

test('small multiples draw one panel per facet value on a shared y axis', async () => {
  const spec = smallMultiples({
    data: rows,
    facet: { field: 'growth', title: 'growth rate' },
    x: { field: 'layer', title: 'layer l in the block' },
    y: { field: 'channels', title: 'input channels' },
    columns: 3,
  });
  assert.deepEqual((spec as { resolve: unknown }).resolve, { scale: { y: 'shared' } });
  const svg = await assertRenders(spec, 'mark-line');
  assert.equal((svg.match(/aria-roledescription="line mark"/g) ?? []).length, growthRates.length);
  for (const k of growthRates) assert.match(svg, new RegExp(`>k = ${k}<`));
});

test('the bar and log variants render and a bad column count is an input error', async () => {
  await assertRenders(
    smallMultiples({
      data: rows,
      facet: { field: 'growth', title: 'growth rate' },
      x: { field: 'layer', title: 'layer' },
      y: { field: 'channels', title: 'channels' },
      mark: 'bar',
      yScale: 'log',
      independentY: true,
    }),
    'mark-rect',
  );
  assert.throws(
    () =>
      smallMultiples({
        data: rows,
        facet: { field: 'growth', title: 'g' },
        x: { field: 'layer', title: 'l' },
        y: { field: 'channels', title: 'c' },
        columns: 0,
      }),
    /columns = 0: must be a positive integer/,
  );
});
