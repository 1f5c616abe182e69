/**
 * `npm run bench -- site`: what the lecture notes cost to build.
 *
 * - rendering one chart to SVG in Node (the separable-cost chart: compile
 *   Vega-Lite, run the Vega dataflow headless, serialise), first call and
 *   the median of warm calls;
 * - building the whole site for the test fixture notebooks (3 pages, 3
 *   charts, math, tables, images, assets copied), first build and a rebuild.
 * Figures are measured in one run, side by side, and printed with ratios.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderSvg } from '../src/plot/vega-render';
import { separableCostChart } from '../src/plot/charts/separable-cost';
import { buildSite } from '../src/notebook/site/build-site';
import { writeFixtureNotebooks } from '../test/notebook/site/fixtures';
import { median } from './median';

async function millis(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export async function run(): Promise<void> {
  const chart = separableCostChart();
  const firstChart = await millis(() => renderSvg(chart));
  const warmCharts: number[] = [];
  for (let i = 0; i < 7; i++) warmCharts.push(await millis(() => renderSvg(chart)));
  const warmChart = median(warmCharts);

  const folder = mkdtempSync(join(tmpdir(), 'convkit-site-bench-'));
  try {
    const notebooks = await writeFixtureNotebooks(join(folder, 'notebooks'));
    const outDir = join(folder, 'site');
    const firstBuild = await millis(() => buildSite({ notebooks, outDir }));
    const rebuilds: number[] = [];
    for (let i = 0; i < 3; i++) rebuilds.push(await millis(() => buildSite({ notebooks, outDir })));
    const rebuild = median(rebuilds);

    console.log(`render one chart to SVG, first call     ${firstChart.toFixed(1)} ms`);
    console.log(`render one chart to SVG, warm (median 7) ${warmChart.toFixed(1)} ms`);
    console.log(`build site, 3 fixture notebooks, first   ${firstBuild.toFixed(1)} ms`);
    console.log(`build site, rebuild (median of 3)        ${rebuild.toFixed(1)} ms`);
    console.log(`ratio first / warm chart                 ${(firstChart / warmChart).toFixed(1)}x`);
    console.log(`ratio rebuild / warm chart               ${(rebuild / warmChart).toFixed(1)}x (one site build costs this many chart renders)`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
