import { test } from 'node:test';
import assert from 'node:assert/strict';
import { separableToStandardRatio } from '../../../src/cost/symbolic';
import { ConvkitInputError } from '../../../src/core/errors';
import { chartLayoutProblems, visibleTickLabels } from '../../../src/plot/layout-check';
import { separableCostChart } from '../../../src/plot/charts/separable-cost';
import { assertRenders, evaluateDatasets } from './render-check';

type Row = Record<string, unknown>;

/** Rows of the dataset that carries a ratio per (K, M): the fixed lines. */
function lineRows(datasets: Map<string, Row[]>): Row[] {
  const rows = [...datasets.values()].find((values) => values.length > 1 && values.every((row) => 'ratio' in row && typeof row.K === 'number'));
  assert.ok(rows, 'a dataset carries the computed ratio for each K');
  return rows;
}

/** Rows of the slider's line (ratio, no K field of its own). */
function sliderRows(datasets: Map<string, Row[]>): Row[] {
  const rows = [...datasets.values()].find((values) => values.length > 1 && values.every((row) => 'ratio' in row && !('K' in row)));
  assert.ok(rows, 'a dataset carries the slider line');
  return rows;
}

const symbolic = separableToStandardRatio();

test('there is one line for each of K = 3, 5 and 7, over M = 1, 2, 4, …, 1024', async () => {
  const rows = lineRows(await evaluateDatasets(separableCostChart()));
  assert.deepEqual([...new Set(rows.map((row) => row.K))], [3, 5, 7]);
  assert.deepEqual([...new Set(rows.map((row) => row.kernel))], ['K = 3', 'K = 5', 'K = 7']);
  assert.equal(rows.length, 3 * 11);
});

test('Vega computes the same ratio as the cost model’s symbolic expression, at every point of every line', async () => {
  const rows = lineRows(await evaluateDatasets(separableCostChart({ kernelSizes: [1, 3, 5, 7, 11] })));
  for (const row of rows) {
    const M = row.M as number;
    const K = row.K as number;
    assert.ok(Math.abs((row.ratio as number) - symbolic.evaluate({ M, K })) < 1e-12, `M = ${M}, K = ${K}`);
    assert.ok(Math.abs((row.ratio as number) - (1 / M + 1 / (K * K))) < 1e-12, `paper eq. (5) at M = ${M}, K = ${K}`);
  }
});

test('each K has its floor 1/K², the pointwise share the ratio approaches for many filters', async () => {
  const datasets = await evaluateDatasets(separableCostChart());
  const floors = [...datasets.values()].find((values) => values.length === 3 && values.every((row) => 'floor' in row));
  assert.ok(floors);
  for (const row of floors) assert.ok(Math.abs((row.floor as number) - 1 / (row.K as number) ** 2) < 1e-12);
});

test('for K = 3 and M = 1024 the separable layer needs about 8.9 times fewer multiply-adds', async () => {
  // Howard et al. 2017, section 3.1: "8 to 9 times less computation" for 3×3 kernels.
  const rows = lineRows(await evaluateDatasets(separableCostChart()));
  const widest = rows.find((row) => row.M === 1024 && row.K === 3);
  assert.ok(widest);
  assert.ok(Math.abs((widest.fewerTimes as number) - 1 / (1 / 1024 + 1 / 9)) < 1e-9);
  assert.ok((widest.fewerTimes as number) > 8 && (widest.fewerTimes as number) < 9);
});

test('the slider offers odd kernel sizes only, from 1 to 11, starting at 9', () => {
  const spec = separableCostChart() as unknown as {
    params: { name: string; value: number; bind: { input: string; min: number; max: number; step: number } }[];
  };
  const [param] = spec.params;
  assert.equal(param.name, 'K');
  assert.equal(param.value, 9);
  assert.deepEqual([param.bind.input, param.bind.min, param.bind.max, param.bind.step], ['range', 1, 11, 2]);
  const smaller = separableCostChart({ maxKernelSize: 7 }) as unknown as { params: { value: number; bind: { max: number } }[] };
  assert.deepEqual([smaller.params[0].value, smaller.params[0].bind.max], [7, 7]);
});

test('the dashed line follows the slider’s K through the same symbolic ratio', async () => {
  for (const K of [5, 11]) {
    const rows = sliderRows(await evaluateDatasets(separableCostChart(), { K }));
    assert.equal(rows.length, 11);
    for (const row of rows) assert.ok(Math.abs((row.ratio as number) - symbolic.evaluate({ M: row.M as number, K })) < 1e-12);
  }
});

test('without the slider the chart has no parameter and no dashed line', async () => {
  const spec = separableCostChart({ slider: false }) as unknown as { params?: unknown; layer: unknown[] };
  assert.equal(spec.params, undefined);
  assert.equal(spec.layer.length, 3);
  const svg = await assertRenders(separableCostChart({ slider: false }), 'mark-line', 3);
  assert.equal(svg.split('class="mark-line').length - 1, 3);
  const datasets = await evaluateDatasets(separableCostChart({ slider: false }));
  assert.equal(
    [...datasets.values()].some((values) => values.length > 1 && values.every((row) => 'ratio' in row && !('K' in row))),
    false,
  );
});

test('the chart renders its three lines, floor rules and labels', async () => {
  const svg = await assertRenders(separableCostChart(), 'mark-line', 4);
  assert.equal(svg.split('class="mark-line').length - 1, 4, 'one line per K (3, 5, 7) and the slider line');
  assert.match(svg, /class="mark-rule/);
  assert.match(svg, /floor 1\/K² = 0\.1111/);
  assert.match(svg, /floor 1\/K² = 0\.0400/);
  assert.match(svg, /floor 1\/K² = 0\.0204/);
  assert.match(svg, /Depthwise separable \/ standard convolution: 1\/M \+ 1\/K²/);
  assert.match(svg, /K = 9 \(slider\)/);
});

test('even, repeated or out-of-range kernel sizes are input errors naming the option', () => {
  const field = (name: string) => (e: unknown) => e instanceof ConvkitInputError && e.field === name;
  assert.throws(() => separableCostChart({ kernelSizes: [3, 4] }), field('kernelSizes[1]'));
  assert.throws(() => separableCostChart({ kernelSizes: [3, 3] }), field('kernelSizes'));
  assert.throws(() => separableCostChart({ kernelSizes: [] }), field('kernelSizes'));
  assert.throws(() => separableCostChart({ kernelSize: 4 }), /kernelSize = 4: must be odd/);
  assert.throws(() => separableCostChart({ maxKernelSize: 8 }), field('maxKernelSize'));
  assert.throws(() => separableCostChart({ kernelSize: 13 }), /kernelSize = 13: must be <= maxKernelSize \(11\)/);
  assert.throws(() => separableCostChart({ maxFilters: 1 }), /maxFilters = 1: must be at least 2/);
});

test('every power of two on the M axis is labelled, the last one "1,024" included, and no text is cut or overlapping', async () => {
  const spec = separableCostChart();
  const [mTicks] = await visibleTickLabels(spec);
  assert.deepEqual(mTicks, ['1', '2', '4', '8', '16', '32', '64', '128', '256', '512', '1,024']);
  assert.deepEqual(await chartLayoutProblems(spec), []);
});
