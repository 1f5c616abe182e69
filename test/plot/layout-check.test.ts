import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartLayoutProblems, MIN_LABEL_GAP, visibleTickLabels } from '../../src/plot/layout-check';
import { convkitTheme, LABEL_SEPARATION } from '../../src/plot/theme';
import { textWidth } from '../../src/plot/chart-font';
import type { VegaLiteSpec } from '../../src/plot/vega-render';

const longName = 'shared storage (Pleiss et al. 2017), every concatenation kept';

test('a legend label or axis label over its limit is reported as cut short, with its full text', async () => {
  const spec = {
    data: {
      values: [
        { x: 1, y: 2, series: longName },
        { x: 2, y: 3, series: 'short' },
      ],
    },
    mark: 'line',
    encoding: {
      x: { field: 'x', type: 'quantitative', title: 'x' },
      y: { field: 'y', type: 'quantitative', title: 'y' },
      color: { field: 'series', type: 'nominal', legend: { labelLimit: 120 } },
    },
  } as VegaLiteSpec;
  const problems = await chartLayoutProblems(spec);
  assert.deepEqual(
    problems.map((p) => [p.kind, p.role]),
    [['truncated', 'legend-label']],
  );
  assert.match(problems[0]!.message, new RegExp(`"${longName.replace(/[()]/g, '\\$&')}" is \\d+ px wide, over its limit of 120 px`));
  // The same chart with room for the label is whole.
  const roomy = structuredClone(spec) as { encoding: { color: { legend: { labelLimit: number } } } };
  roomy.encoding.color.legend.labelLimit = Math.ceil(textWidth(longName, 11)) + 1;
  assert.deepEqual(await chartLayoutProblems(roomy as VegaLiteSpec), []);
});

test('tick labels drawn into each other ("300400") are reported; the theme keeps them apart', async () => {
  const crowded = (labelSeparation: number): VegaLiteSpec =>
    ({
      width: 120,
      data: {
        values: [
          { x: 100000, y: 1 },
          { x: 900000, y: 2 },
        ],
      },
      mark: 'point',
      encoding: {
        x: { field: 'x', type: 'quantitative', axis: { tickCount: 12, labelOverlap: labelSeparation > 0, labelSeparation } },
        y: { field: 'y', type: 'quantitative' },
      },
    }) as VegaLiteSpec;
  const problems = await chartLayoutProblems(crowded(0));
  assert.ok(
    problems.some((p) => p.kind === 'overlap' && /drawn over each other|px apart/.test(p.message)),
    JSON.stringify(problems),
  );
  // With overlap removal and the theme's separation, what is left is at least MIN_LABEL_GAP apart.
  assert.ok(LABEL_SEPARATION >= MIN_LABEL_GAP);
  assert.deepEqual(
    (await chartLayoutProblems(crowded(LABEL_SEPARATION))).filter((p) => p.kind === 'overlap'),
    [],
  );
});

test('an end tick label hidden by overlap removal is reported', async () => {
  const flushed = {
    width: 200,
    data: { values: [1, 1024].map((M) => ({ M, y: 1 })) },
    mark: 'point',
    encoding: {
      x: { field: 'M', type: 'quantitative', scale: { type: 'log', base: 2 }, axis: { labelFlush: true, labelOverlap: 'greedy' } },
      y: { field: 'y', type: 'quantitative' },
    },
  } as VegaLiteSpec;
  const problems = await chartLayoutProblems(flushed);
  assert.ok(
    problems.some((p) => p.kind === 'hidden-end-label' && p.message.includes('"1,024"')),
    JSON.stringify(problems),
  );
  const visible = await visibleTickLabels(flushed);
  assert.ok(!visible[0]!.includes('1,024'));
});

test('the same tick label at two ticks ("1 1 2 2 3") is reported', async () => {
  const rounded = {
    data: { values: [1, 2, 3].map((epoch) => ({ epoch, loss: 1 / epoch })) },
    mark: 'line',
    encoding: { x: { field: 'epoch', type: 'quantitative', axis: { format: 'd' }, scale: { zero: false } }, y: { field: 'loss', type: 'quantitative' } },
  } as VegaLiteSpec;
  const problems = (await chartLayoutProblems(rounded)).filter((p) => p.kind === 'repeated-label');
  assert.ok(problems.length > 0);
  assert.match(problems[0]!.message, /tick label "\d" appears at two ticks of one axis/);
});

test('an axis title drawn over long tick labels is reported; the theme leaves room for them', async () => {
  const names = ['inverted residual, t = 6 (MobileNet v2)', 'standard conv 3×3'];
  const bars = (config: object): VegaLiteSpec =>
    ({
      config,
      data: { values: names.map((block, i) => ({ block, v: i + 1 })) },
      mark: 'bar',
      encoding: { y: { field: 'block', type: 'nominal', title: 'block' }, x: { field: 'v', type: 'quantitative' } },
    }) as VegaLiteSpec;
  // Vega's default maxExtent (200 px) keeps the title from moving past a 230 px label.
  const problems = await chartLayoutProblems(bars({ axis: { labelLimit: 320, labelFontSize: 12 } }));
  assert.deepEqual(
    problems.map((p) => p.kind),
    ['title-over-labels'],
  );
  assert.match(problems[0]!.message, /axis title "block" is drawn over the tick label "inverted residual, t = 6 \(MobileNet v2\)"/);
  assert.deepEqual(await chartLayoutProblems(bars(convkitTheme)), []);
});
