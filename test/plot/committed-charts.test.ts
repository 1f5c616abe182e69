/**
 * Every chart in the committed lessons (notebooks/*.ipynb and their
 * solutions), laid out as show() lays it out in Node: no label, title or
 * legend entry is cut short with "…", no two tick labels of an axis collide,
 * no axis hides its first or last tick label; and every chart bundle carries
 * the image/png that static viewers (GitHub) show.
 *
 * The specs are read from the notebooks' saved outputs, so this checks what a
 * learner sees, and fails until a theme or chart change is followed by
 * re-executing the notebooks. CONVKIT_CHART_NOTEBOOKS names another folder
 * (e.g. the --out folder of `convkit run`) to check freshly executed copies.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { defaultNotebooks } from '../../src/notebook/run-notebooks';
import { joinText, readNotebook } from '../../src/notebook/nbformat';
import { MIME } from '../../src/plot/mime-bundle';
import { chartLayoutProblems } from '../../src/plot/layout-check';
import type { VegaLiteSpec } from '../../src/plot/vega-render';

const folder = process.env.CONVKIT_CHART_NOTEBOOKS ?? join(__dirname, '..', '..', 'notebooks');
const notebooks = defaultNotebooks(folder);

interface CommittedChart {
  readonly where: string;
  readonly data: Record<string, unknown>;
}

function chartsOf(path: string): CommittedChart[] {
  const notebook = readNotebook(path);
  const charts: CommittedChart[] = [];
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== 'code') return;
    for (const output of cell.outputs) {
      if ((output.output_type === 'display_data' || output.output_type === 'execute_result') && MIME.vegaLite in output.data) {
        const title = joinText(output.data[MIME.plain] as string | string[]);
        charts.push({ where: `cell ${index + 1} (${title})`, data: output.data });
      }
    }
  });
  return charts;
}

test('the lessons hold charts to check', () => {
  assert.ok(notebooks.length > 0, `no notebooks in ${folder}`);
  const withShow = notebooks.filter((path) =>
    readNotebook(path).cells.some((cell) => cell.cell_type === 'code' && /\bawait show\(/.test(joinText(cell.source))),
  );
  for (const path of withShow) assert.ok(chartsOf(path).length > 0, `${path} calls show() but saved no chart output`);
});

for (const path of notebooks) {
  const name = path.slice(folder.length + 1);
  test(`${name}: every chart's text is whole and apart, and every chart carries its PNG`, async () => {
    const failures: string[] = [];
    for (const chart of chartsOf(path)) {
      for (const problem of await chartLayoutProblems(chart.data[MIME.vegaLite] as VegaLiteSpec)) {
        failures.push(`${chart.where}: ${problem.message}`);
      }
      const png = chart.data[MIME.png];
      if (typeof png !== 'string') {
        failures.push(`${chart.where}: no image/png, so GitHub and other static viewers show no chart`);
      } else {
        try {
          const image = PNG.sync.read(Buffer.from(png, 'base64'));
          if (image.width < 50 || image.height < 50) failures.push(`${chart.where}: image/png is only ${image.width}×${image.height}`);
        } catch (error) {
          failures.push(`${chart.where}: image/png does not decode (${(error as Error).message})`);
        }
      }
    }
    assert.deepEqual(failures, [], `${name}:\n  ${failures.join('\n  ')}`);
  });
}
