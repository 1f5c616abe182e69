/**
 * Small hand-made executed notebooks for the site tests, the browser test
 * and the site benchmark. Outputs are real bundles from the kit's display
 * helpers (what `show()` and friends send from a kernel), plus a notebook
 * of hostile content that must not get a script into the site.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chartBundle } from '../../../src/plot/show';
import { formulaBundle } from '../../../src/plot/formula';
import { imageBundle, imageGridBundle } from '../../../src/plot/image';
import { tableBundle } from '../../../src/plot/table';
import { separableCostChart } from '../../../src/plot/charts/separable-cost';
import { barChart } from '../../../src/plot/charts/bar';
import type { MimeBundle } from '../../../src/plot/mime-bundle';

type Json = Record<string, unknown>;

let cellCounter = 0;
const markdown = (source: string, tags: string[] = []): Json => ({ cell_type: 'markdown', id: `md${++cellCounter}`, metadata: { tags }, source });
const code = (source: string, outputs: Json[], count: number, tags: string[] = []): Json => ({
  cell_type: 'code',
  id: `code${++cellCounter}`,
  metadata: { tags },
  source,
  execution_count: count,
  outputs,
});
const display = (data: MimeBundle | Json): Json => ({ output_type: 'display_data', data, metadata: {} });
const stream = (text: string, name = 'stdout'): Json => ({ output_type: 'stream', name, text });
const notebook = (cells: Json[]): Json => ({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: 'convkit-tslab', display_name: 'TypeScript (convkit)', language: 'typescript' } },
  cells,
});

/** A marker that hostile content tries to set; the site is safe while nothing sets it. */
export const PWNED = '__convkitPwned';

export const HOSTILE_TITLE = `</script><script>window.${PWNED}=1</script>`;

const edgeFilter = [-1, 0, 1, -2, 0, 2, -1, 0, 1];
const featureMaps = [0, 1, 2, 3].map((channel) => ({
  data: Array.from({ length: 16 }, (_, i) => Math.sin(i * (channel + 1))),
  shape: [4, 4],
  label: `channel ${channel}`,
}));

export async function lessonNotebook(): Promise<Json> {
  const macsRows = [
    { layer: 'conv dw 1', part: 'depthwise', macs: 112 * 112 * 32 * 9 },
    { layer: 'conv dw 1', part: 'pointwise', macs: 112 * 112 * 32 * 64 },
  ];
  return notebook([
    markdown(
      '# Depthwise separable convolution\n\nA standard $K \\times K$ convolution with $M$ filters costs\n\n$$\nH \\cdot W \\cdot K^2 \\cdot C \\cdot M\n$$\n\nmultiply-adds; the separable one costs $\\frac{1}{M} + \\frac{1}{K^2}$ of that. A price of $5 or $10 stays text.',
    ),
    markdown('## Counting multiply-adds\n\nOne output pixel costs $K^2 C M$ multiply-adds.'),
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the cell's own source, a template literal in TypeScript
    code('const K = 3;\nconsole.log(`K = ${K}`);', [stream('K = 3\n')], 1),
    markdown('## Counting multiply-adds\n\nThe same heading twice gets two different anchors.'),
    code('await show(separableCostChart());', [display(await chartBundle(separableCostChart()))], 2),
    code('showTable(rows);', [display(tableBundle(macsRows, ['layer', 'part', { field: 'macs', title: 'MACs' }]))], 3),
    code('showFormula(ratio.toTex());', [display(formulaBundle('\\frac{1}{M} + \\frac{1}{K^2}'))], 4),
    code(
      'showImage(sobel, [3, 3], { scale: 16, colormap: "diverging" });',
      [display(imageBundle(edgeFilter, [3, 3], { scale: 16, colormap: 'diverging' }))],
      5,
    ),
    code('// a cell whose output the notes leave out', [stream('hidden output\n')], 6, ['remove-output']),
    code('secret()', [stream('never shown\n')], 7, ['remove-cell']),
  ]);
}

export async function moreChartsNotebook(): Promise<Json> {
  const bars = barChart({
    title: 'MACs per part',
    data: [
      { layer: 'block 1', part: 'depthwise', macs: 3612672 },
      { layer: 'block 1', part: 'pointwise', macs: 25690112 },
    ],
    category: { field: 'layer', title: 'layer' },
    value: { field: 'macs', title: 'multiply-adds (MACs)' },
    group: { field: 'part', title: 'part' },
    layout: 'stacked',
  });
  return notebook([
    markdown('# Feature maps and a chart saved without its SVG'),
    // A Vega-Lite output written by another tool: JSON only, no SVG. The site renders the fallback itself.
    code('bars', [display({ 'application/vnd.vegalite.v5+json': JSON.parse(JSON.stringify(bars)), 'text/plain': 'bar chart' })], 1),
    code('showImageGrid(maps);', [display(imageGridBundle(featureMaps, { scale: 12, columns: 4 }))], 2),
    code(
      'throw new Error("boom")',
      [{ output_type: 'error', ename: 'Error', evalue: 'boom', traceback: ['\u001b[31mError: boom\u001b[0m', '    at <cell>:1:7'] }],
      3,
    ),
  ]);
}

export function hostileNotebook(): Json {
  const svgWithScript = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><script>window.${PWNED}=2</script><rect width="40" height="40" fill="red" onload="window.${PWNED}=3"/></svg>`;
  return notebook([
    markdown(
      [
        '# Hostile input',
        '',
        `<script>window.${PWNED}=4</script>`,
        '',
        `<img src="data:image/png;base64,AAAA" onerror="window.${PWNED}=5"> [a link](javascript:window.${PWNED}=6) <a href="javascript:window.${PWNED}=7">b</a>`,
        '',
        `<iframe src="javascript:window.parent.${PWNED}=8"></iframe><object data="x"></object><style>body{display:none}</style>`,
        '',
        `<div id="convkit" data-convkit-chart="99" onmouseover="window.${PWNED}=9" style="position:fixed;inset:0">overlay</div>`,
        '',
        `<h2 id="convkit-chart-1" onclick="window.${PWNED}=18">Forged heading</h2>`,
        '',
        `<a href="vbscript:msgbox(1)">c</a> <a href="data:text/html,<script>alert(1)</script>">d</a> <form action="https://example.com"><input name="q"></form>`,
      ].join('\n'),
    ),
    code(
      'html',
      [
        display({
          'text/html': `<b>bold</b><script>window.${PWNED}=10</script><img src="data:image/gif;base64,AAAA" onerror="window.${PWNED}=11"><svg onload="window.${PWNED}=12"></svg>`,
          'text/plain': 'html',
        }),
      ],
      1,
    ),
    code('svg', [display({ 'image/svg+xml': svgWithScript, 'text/plain': 'svg' })], 2),
    code(
      'chart',
      [
        display({
          'application/vnd.vegalite.v5+json': {
            $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
            title: HOSTILE_TITLE,
            data: {
              values: [
                { a: '<!--<script>', b: 1 },
                { a: `</script><img src=x onerror=window.${PWNED}=13>`, b: 2 },
              ],
            },
            mark: 'bar',
            encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } },
          },
          'text/plain': `<script>window.${PWNED}=14</script>`,
        }),
      ],
      3,
    ),
    code('latex', [display({ 'text/latex': `$$\\href{javascript:window.${PWNED}=15}{x} + \\htmlClass{x}{y}$$`, 'text/plain': 'latex' })], 4),
    code('png', [display({ 'image/png': `"><script>window.${PWNED}=16</script>`, 'text/plain': 'not base64' })], 5),
    code('plain', [stream(`<script>window.${PWNED}=17</script>\n`)], 6),
  ]);
}

/** Writes the three fixture notebooks into `folder`; returns their paths in teaching order. */
export async function writeFixtureNotebooks(folder: string): Promise<string[]> {
  mkdirSync(folder, { recursive: true });
  const notebooks: [string, Json][] = [
    ['01-separable.ipynb', await lessonNotebook()],
    ['02-feature-maps.ipynb', await moreChartsNotebook()],
    ['03-hostile.ipynb', hostileNotebook()],
  ];
  return notebooks.map(([name, content]) => {
    const path = join(folder, name);
    writeFileSync(path, JSON.stringify(content, null, 1));
    return path;
  });
}
