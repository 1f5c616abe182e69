/**
 * Hostile chart outputs through the whole site build: the build finishes,
 * each refused chart is a short note in its own cell, each shown chart's
 * spec in the page is the cleaned one, and generated data is refused before
 * it is made (a build of 10^6 and 10^7-row sequences runs in a small heap).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSite, type BuiltSite } from '../../../src/notebook/site/build-site';
import { hostileCharts, hostileChartsNotebook } from './hostile-charts';

const FOREIGN = 'http://127.0.0.1:9';
const charts = hostileCharts(FOREIGN);
let folder: string;
let site: BuiltSite;
let html: string;

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'convkit-chart-notes-'));
  const notebook = join(folder, 'hostile-charts.ipynb');
  writeFileSync(notebook, JSON.stringify(hostileChartsNotebook(charts)));
  site = await buildSite({ notebooks: [notebook], outDir: join(folder, 'site') });
  html = readFileSync(site.pages[0], 'utf8');
});

after(() => rmSync(folder, { recursive: true, force: true }));

/** The HTML of the code cell showing case `index`. */
function cellOf(index: number): string {
  const start = html.indexOf(`// case ${index}: `);
  assert.ok(start > 0, `case ${index} has a cell`);
  const end = html.indexOf('<section class="cell', start);
  return html.slice(start, end === -1 ? undefined : end);
}

test('the build finishes and counts every hostile chart as a note, a cleaned chart or a chart shown as it is', () => {
  const expected = { shown: 0, cleaned: 0, notes: 0 };
  for (const chart of charts) {
    if (chart.expect === 'note') expected.notes += 1;
    else expected.shown += 1;
    if (chart.expect === 'cleaned') expected.cleaned += 1;
  }
  assert.deepEqual(site.charts, expected);
  assert.ok(expected.notes >= 30 && expected.cleaned >= 15, JSON.stringify(expected));
});

test('each refused chart is a one-line note in its own cell, naming the rule; each other chart is a figure', () => {
  charts.forEach((chart, index) => {
    const cell = cellOf(index);
    const notes = [...cell.matchAll(/<p class="output output-note output-chart-refused">Chart not shown: ([^<]*)<\/p>/g)].map((m) => m[1]);
    const figures = (cell.match(/<figure class="convkit-chart"/g) ?? []).length;
    if (chart.expect === 'note') {
      assert.equal(notes.length, 1, `${chart.name}: one note`);
      assert.equal(figures, 0, `${chart.name}: no figure`);
      assert.ok(notes[0].length <= 320, `${chart.name}: short note`);
      if (chart.noteMatches) {
        const text = notes[0]
          .replace(/&quot;/g, '"')
          .replace(/&amp;/g, '&')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&#39;/g, "'");
        assert.match(text, chart.noteMatches, chart.name);
      }
    } else {
      assert.equal(notes.length, 0, `${chart.name}: no note (${notes[0]})`);
      assert.equal(figures, 1, `${chart.name}: one figure`);
      // A chart saved with its SVG shows that SVG, as an image (inert); one without gets one rendered by the build.
      assert.match(cell, /<img class="convkit-chart-static" src="data:image\/svg\+xml;base64,/, chart.name);
    }
  });
});

test('the specs in the page carry no usermeta, URL or non-http(s) link', () => {
  const specs = [...html.matchAll(/<script type="application\/json" data-convkit-spec="\d+">([^<]*)<\/script>/g)].map((m) => JSON.parse(m[1]) as unknown);
  assert.equal(specs.length, site.charts.shown);
  const offending: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'values' || key === 'datasets') continue;
      if (key === 'usermeta' || key === 'url') offending.push(`${path}.${key}`);
      if (key === 'href' && !/^https?:\/\//.test(typeof value === 'string' ? value : String((value as { value?: unknown })?.value)))
        offending.push(`${path}.${key}`);
      walk(value, `${path}.${key}`);
    }
  };
  specs.forEach((spec, index) => walk(spec, `chart ${index + 1}`));
  assert.deepEqual(offending, []);
});

test('sequences of 10^6 and 10^7 rows and 50,001 inline rows are refused before any row is made: the build runs in a 96 MB heap', () => {
  const notebook = join(folder, 'big.ipynb');
  const sequence = (stop: number) => ({
    data: { sequence: { start: 0, stop, as: 'x' } },
    mark: 'point',
    encoding: { x: { field: 'x', type: 'quantitative' } },
  });
  writeFileSync(
    notebook,
    JSON.stringify(
      hostileChartsNotebook([
        { name: 'sequence 10^6', expect: 'note', spec: sequence(1e6) },
        { name: 'sequence 10^7', expect: 'note', spec: sequence(1e7) },
        { name: 'sequence 10^8', expect: 'note', spec: sequence(1e8) },
        {
          name: 'inline 50,001',
          expect: 'note',
          spec: { data: { values: Array.from({ length: 50_001 }, (_, x) => ({ x })) }, mark: 'tick', encoding: { x: { field: 'x', type: 'quantitative' } } },
        },
        { name: 'a small sequence is fine', expect: 'shown', spec: sequence(100) },
      ]),
    ),
  );
  const script = join(folder, 'build-big.ts');
  const builder = resolve(__dirname, '../../../src/notebook/site/build-site');
  writeFileSync(
    script,
    `import { buildSite } from ${JSON.stringify(builder)};\n` +
      `buildSite({ notebooks: [${JSON.stringify(notebook)}], outDir: ${JSON.stringify(join(folder, 'big-site'))} })\n` +
      `  .then((site) => console.log(JSON.stringify({ charts: site.charts, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })));\n`,
  );
  const run = spawnSync(process.execPath, ['--max-old-space-size=96', '--import', 'tsx', script], { encoding: 'utf8', cwd: resolve(__dirname, '../../..') });
  assert.equal(run.status, 0, `build in a 96 MB heap: ${run.stderr.slice(-500)}`);
  const report = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { charts: BuiltSite['charts']; maxRssMb: number };
  assert.deepEqual(report.charts, { shown: 1, cleaned: 0, notes: 4 });
  const page = readFileSync(join(folder, 'big-site', 'big.html'), 'utf8');
  for (const rows of ['1,000,000', '10,000,000', '100,000,000', '50,001']) assert.match(page, new RegExp(`would hold ${rows} rows`));
  console.log(`build of 10^6, 10^7, 10^8 sequences and 50,001 inline rows: peak RSS ${report.maxRssMb} MB`);
});
