import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convkitTheme, CHART_FONT_FAMILY, LABEL_LIMIT } from '../../src/plot/theme';
import { chartLayoutProblems } from '../../src/plot/layout-check';
import { lineChart } from '../../src/plot/charts/line';
import { barChart } from '../../src/plot/charts/bar';
import { heatmap } from '../../src/plot/charts/heatmap';
import { smallMultiples } from '../../src/plot/charts/small-multiples';
import { separableCostChart } from '../../src/plot/charts/separable-cost';

const rows = [
  { K: 1, M: 8, g: 'a', v: 1 },
  { K: 3, M: 16, g: 'b', v: 2 },
];

test('every chart builder attaches the one shared theme and the Vega-Lite v5 schema', () => {
  const specs = [
    lineChart({ data: rows, x: { field: 'M', title: 'M' }, y: { field: 'v', title: 'v' } }),
    barChart({ data: rows, category: { field: 'g', title: 'g' }, value: { field: 'v', title: 'v' } }),
    heatmap({ data: rows, x: { field: 'K', title: 'K' }, y: { field: 'M', title: 'M' }, value: { field: 'v', title: 'v' } }),
    smallMultiples({ data: rows, facet: { field: 'g', title: 'g' }, x: { field: 'M', title: 'M' }, y: { field: 'v', title: 'v' } }),
    separableCostChart(),
  ] as unknown as { config: unknown; $schema: string }[];
  for (const spec of specs) {
    assert.equal(spec.config, convkitTheme);
    assert.equal(spec.$schema, 'https://vega.github.io/schema/vega-lite/v5.json');
  }
  assert.equal(convkitTheme.font, CHART_FONT_FAMILY);
});

test('the theme’s text limits keep long descriptive labels whole where vega’s defaults cut them with "…"', async () => {
  const blocks = ['inverted residual, t = 6 (MobileNet v2)', 'squeeze-and-excite (MobileNet v3)', 'standard 3×3 conv'];
  const spec = barChart({
    data: blocks.flatMap((block, i) => ['multiply-adds', 'shared storage (Pleiss et al. 2017)'].map((part) => ({ block, part, v: i + 1 }))),
    category: { field: 'block', title: 'block' },
    value: { field: 'v', title: 'MACs relative to a standard 3×3 conv (log scale)' },
    group: { field: 'part', title: 'part' },
    horizontal: true,
  });
  assert.deepEqual(await chartLayoutProblems(spec), []);
  const withVegaDefaults = {
    ...spec,
    config: { ...convkitTheme, axis: { ...convkitTheme.axis, labelLimit: 180 }, legend: { ...convkitTheme.legend, labelLimit: 160 } },
  } as typeof spec;
  const cut = await chartLayoutProblems(withVegaDefaults);
  assert.deepEqual([...new Set(cut.map((p) => p.role))].sort(), ['axis-label', 'legend-label']);
  assert.ok(LABEL_LIMIT > 180);
});
