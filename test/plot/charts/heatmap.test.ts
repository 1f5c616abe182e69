import { test } from 'node:test';
import assert from 'node:assert/strict';
import { heatmap } from '../../../src/plot/charts/heatmap';
import { assertRenders } from './render-check';
import { chartLayoutProblems } from '../../../src/plot/layout-check';

const kernelSizes = [1, 3, 5, 7];
const filterCounts = [16, 64, 256];
const rows = kernelSizes.flatMap((K) => filterCounts.map((M) => ({ K, M, ratio: 1 / M + 1 / (K * K) })));

test('a heatmap draws one cell per row and, on request, one label per cell', async () => {
  const spec = heatmap({
    data: rows,
    x: { field: 'K', title: 'kernel size K' },
    y: { field: 'M', title: 'filters M' },
    value: { field: 'ratio', title: 'separable / standard' },
    showValues: true,
  });
  const svg = await assertRenders(spec, 'mark-rect');
  assert.equal((svg.match(/aria-roledescription="rect mark"/g) ?? []).length, rows.length);
  assert.equal((svg.match(/aria-roledescription="text mark"/g) ?? []).length, rows.length);
  // K = 3, M = 256: 1/256 + 1/9 = 0.1150…, printed with 3 significant digits.
  assert.match(svg, />0\.115</);
});

test('the log colour variant uses a log colour scale and rejects non-positive values', async () => {
  const spec = heatmap({
    data: rows,
    x: { field: 'K', title: 'kernel size K' },
    y: { field: 'M', title: 'filters M' },
    value: { field: 'ratio', title: 'ratio' },
    colorScale: 'log',
  }) as unknown as { layer: { encoding: { color: { scale: { type: string } } } }[] };
  assert.equal(spec.layer[0].encoding.color.scale.type, 'log');
  await assertRenders(spec as never, 'mark-rect');
  assert.throws(
    () =>
      heatmap({
        data: [{ K: 1, M: 1, r: 0 }],
        x: { field: 'K', title: 'K' },
        y: { field: 'M', title: 'M' },
        value: { field: 'r', title: 'r' },
        colorScale: 'log',
      }),
    /data\[0\].r = 0: must be > 0/,
  );
});

test('printed values fit their cells: wide values widen the cells, and the legend uses the same format', async () => {
  // Lesson 01's grid: MACs in millions from 3 to 2,518 (56×56×64, K up to 7, M up to 256).
  const grid = [1, 3, 5, 7].flatMap((K) => [16, 64, 256].map((M) => ({ K: `${K}×${K}`, M, mmacs: (56 * 56 * K * K * 64 * M) / 1e6 })));
  const options = {
    data: grid,
    x: { field: 'K', title: 'kernel size K' },
    y: { field: 'M', title: 'filters M' },
    value: { field: 'mmacs', title: 'MACs (millions)' },
    showValues: true,
    format: ',.0f',
  } as const;
  const spec = heatmap(options) as unknown as { width: { step: number }; layer: { encoding: { color: { legend?: { format?: string } } } }[] };
  assert.ok(spec.width.step > 20, `cells wider than the default 20 px step, got ${spec.width.step}`);
  assert.equal(spec.layer[0].encoding.color.legend?.format, ',.0f');
  assert.deepEqual(await chartLayoutProblems(spec as never), []);
  // The same chart squeezed into the default 20 px cells is caught by the layout check.
  const squeezed = { ...spec, width: { step: 20 } };
  const problems = await chartLayoutProblems(squeezed as never);
  assert.ok(
    problems.some((p) => p.kind === 'overlap' && /printed values/.test(p.message)),
    JSON.stringify(problems),
  );
});
