import { test } from 'node:test';
import assert from 'node:assert/strict';
import { separableCostChart } from '../../../src/plot/charts/separable-cost';
import { assertRenders, evaluateDatasets } from './render-check';

function ratioRows(datasets: Map<string, Record<string, unknown>[]>): Record<string, unknown>[] {
  const rows = [...datasets.values()].find((values) => values.length > 1 && values.every((row) => 'ratio' in row));
  assert.ok(rows, 'a dataset carries the computed ratio');
  return rows;
}

test('the kernel size is a slider-bound parameter starting at 3', () => {
  const spec = separableCostChart() as unknown as { params: { name: string; value: number; bind: { input: string; min: number; max: number } }[] };
  assert.equal(spec.params[0].name, 'K');
  assert.equal(spec.params[0].value, 3);
  assert.deepEqual([spec.params[0].bind.input, spec.params[0].bind.min, spec.params[0].bind.max], ['range', 1, 9]);
});

test('the chart computes 1/M + 1/K² in Vega itself, for the slider’s current K', async () => {
  for (const K of [3, 5]) {
    const rows = ratioRows(await evaluateDatasets(separableCostChart(), { K }));
    assert.equal(rows.length, 11, 'M = 1, 2, 4, …, 1024');
    for (const row of rows) {
      const M = row.M as number;
      const expected = 1 / M + 1 / (K * K);
      assert.ok(Math.abs((row.ratio as number) - expected) < 1e-12, `M = ${M}, K = ${K}`);
    }
  }
});

test('for K = 3 and M = 1024 the separable block needs about 8.9 times fewer multiply-adds', async () => {
  // Howard et al. 2017, section 3.1: "8 to 9 times less computation" for 3×3 kernels.
  const rows = ratioRows(await evaluateDatasets(separableCostChart()));
  const widest = rows.find((row) => row.M === 1024);
  assert.ok(widest);
  assert.ok(Math.abs((widest.fewerTimes as number) - 1 / (1 / 1024 + 1 / 9)) < 1e-9);
  assert.ok((widest.fewerTimes as number) > 8 && (widest.fewerTimes as number) < 9);
});

test('the chart renders with its line, floor rule and label', async () => {
  const svg = await assertRenders(separableCostChart(), 'mark-line');
  assert.match(svg, /class="mark-rule/);
  assert.match(svg, /floor 1\/K² = 0\.1111/);
});

test('a kernel size above the slider range is an input error', () => {
  assert.throws(() => separableCostChart({ kernelSize: 11 }), /kernelSize = 11: must be <= maxKernelSize \(9\)/);
  assert.throws(() => separableCostChart({ maxFilters: 1 }), /maxFilters = 1: must be at least 2/);
});
