/**
 * The lecture notes on screen and on paper, in chromium. A lesson built
 * from a throwaway notebook with everything that is easily cut off (a long
 * exercise question, a 200-character word, a long code line, a table with
 * long URLs, a wide image grid, a long display formula, a chart, an external
 * link) must:
 * - on screen (1000 px): wrap every output block, so nothing is cut;
 * - in print (A4 content width, 182 mm = 688 px): have no block wider than
 *   its box or the page, charts/figures/tables rows kept whole
 *   (break-inside: avoid), code wrapped, link targets printed;
 * and page.pdf() must give a PDF (saved with a print-media screenshot under
 * build/screenshots for a person to look at).
 * Skipped, with a message, where chromium is not installed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { buildSite } from '../../../src/notebook/site/build-site';
import { chartBundle } from '../../../src/plot/show';
import { separableCostChart } from '../../../src/plot/charts/separable-cost';
import { formulaBundle } from '../../../src/plot/formula';
import { imageGridBundle } from '../../../src/plot/image';
import { tableBundle } from '../../../src/plot/table';
import { measureOverflow } from './print-measure';

const CHROMIUM = process.env.CONVKIT_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const SCREENSHOT_DIR = join(__dirname, '..', '..', '..', 'build', 'screenshots');
/** A4 (210 mm) less the print stylesheet's 14 mm side margins, at 96 px per inch. */
const PRINT_WIDTH = Math.round(((210 - 2 * 14) / 25.4) * 96);

const QUESTION =
  "Exercise 99.1: A 3×3 depthwise separable convolution with stride 2 and 'same' padding maps a 112×112×32 input to 64 output channels; counting the depthwise part and the pointwise part separately, and then together, how many multiply-accumulates (MACs) does the whole block perform, and what fraction of the standard convolution is that? END-OF-QUESTION";
const LONG_WORD = `id-${'0123456789abcdef'.repeat(12)}-END-OF-WORD`;
const LONG_CODE = `const ratio = ${Array.from({ length: 30 }, (_, i) => `weights[${i}] * inputs[${i}]`).join(' + ')}; // END-OF-CODE`;
const LINK = 'https://arxiv.org/abs/1704.04861';

async function lessonNotebook(): Promise<Record<string, unknown>> {
  const maps = Array.from({ length: 8 }, (_, channel) => ({
    data: Array.from({ length: 64 }, (_, i) => Math.sin(i * (channel + 1))),
    shape: [8, 8],
    label: `channel ${channel} of the feature map`,
  }));
  const cell = (source: string, outputs: unknown[], n: number) => ({ cell_type: 'code', id: `c${n}`, metadata: {}, source, execution_count: n, outputs });
  const display = (data: unknown) => ({ output_type: 'display_data', metadata: {}, data });
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      {
        cell_type: 'markdown',
        id: 'm1',
        metadata: {},
        source: `# Printing the notes\n\nThe MobileNets paper ([Howard et al. 2017](${LINK})) counts multiply-adds.\n\n$$\\text{MACs} = H \\cdot W \\cdot K^2 \\cdot C + H \\cdot W \\cdot C \\cdot M = H W C (K^2 + M) \\qquad \\frac{H W C (K^2 + M)}{H W K^2 C M} = \\frac{1}{M} + \\frac{1}{K^2} \\qquad K = 3,\\ M = 64,\\ C = 32,\\ H = W = 112$$`,
      },
      cell('ask("99.1");', [{ output_type: 'stream', name: 'stdout', text: `${QUESTION}\n${LONG_WORD}\n` }], 1),
      cell(LONG_CODE, [], 2),
      cell(
        'showTable(sources);',
        [
          display(
            tableBundle(
              [1, 2, 3].map((i) => ({
                model: `densenet-12${i}`,
                quantity: 'totalParams',
                computed: 8062504 * i,
                source: `torchvision model docs (num_params, GFLOPS), https://pytorch.org/vision/stable/models/generated/torchvision.models.densenet12${i}.html`,
              })),
              ['model', 'quantity', { field: 'computed', title: 'computed' }, 'source'],
            ),
          ),
        ],
        3,
      ),
      cell('showImageGrid(maps, { columns: 8 });', [display(imageGridBundle(maps, { scale: 12, columns: 8 }))], 4),
      cell(
        'showFormula(tex);',
        [
          display(
            formulaBundle(
              '\\text{depthwise separable (MobileNet v1)}: \\quad \\text{MACs} = H \\cdot W \\cdot K \\cdot K \\cdot C + H \\cdot W \\cdot C \\cdot M \\qquad \\frac{\\text{MACs}}{\\text{standard}} = \\frac{1}{M} + \\frac{1}{K^2} \\qquad \\text{with } K = 3,\\ M = 64',
            ),
          ),
        ],
        5,
      ),
      cell('await show(separableCostChart());', [display(await chartBundle(separableCostChart()))], 6),
    ],
  };
}

test('outputs wrap on screen; printed pages cut nothing, keep charts whole and show link targets', { timeout: 300_000 }, async (t) => {
  if (!existsSync(CHROMIUM)) {
    t.skip(`chromium not found at ${CHROMIUM} (apt-get install -y chromium; CI installs it)`);
    return;
  }
  const folder = mkdtempSync(join(tmpdir(), 'convkit-print-'));
  let browser: Browser | undefined;
  try {
    const notebook = join(folder, '99-print.ipynb');
    writeFileSync(notebook, JSON.stringify(await lessonNotebook()));
    const site = await buildSite({ notebooks: [notebook], outDir: join(folder, 'site') });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    const page = await (await browser.newContext({ viewport: { width: 1000, height: 900 } })).newPage();
    await page.goto(pathToFileURL(site.pages[0]).href, { waitUntil: 'load' });
    await page.waitForSelector('figure[data-convkit-chart-rendered="true"]', { timeout: 60_000 });
    await page.evaluate(() => document.fonts.ready);

    // Screen: code may scroll (wrapping would hide its indentation); nothing else may be wider than its box or the page.
    const onScreen = (await measureOverflow(page)).filter((overflow) => !overflow.selector.startsWith('pre.source'));
    assert.deepEqual(onScreen, [], 'on screen');
    const question = page.locator('pre.output', { hasText: 'END-OF-QUESTION' });
    const lineHeight = await question.evaluate((element) => parseFloat(getComputedStyle(element).lineHeight));
    const box = await question.boundingBox();
    assert.ok(box && box.height > 3 * lineHeight, `the question wraps onto several lines (${box?.height} px for ${lineHeight} px lines)`);

    // Print.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: PRINT_WIDTH, height: 1000 });
    assert.deepEqual(await measureOverflow(page), [], `in print at ${PRINT_WIDTH} px`);
    // (No named functions inside evaluate: tsx would wrap them in a helper the page does not have.)
    const styles = await page.evaluate(() => {
      const link = document.querySelector('main a[href^="http"]') as Element;
      const [figure, image, row, formula, code, output, header] = [
        'figure.convkit-chart',
        '.convkit-grid',
        'tr',
        '.katex-display',
        'pre.source',
        'pre.output',
        '.site-header',
      ].map((selector) => getComputedStyle(document.querySelector(selector) as Element));
      return {
        figure: figure.breakInside,
        image: image.breakInside,
        row: row.breakInside,
        formula: formula.breakInside,
        code: code.whiteSpace,
        output: output.whiteSpace,
        linkAfter: getComputedStyle(link, '::after').content,
        header: header.display,
      };
    });
    console.log(`print styles: ${JSON.stringify(styles)}`);
    assert.deepEqual(styles, {
      figure: 'avoid',
      image: 'avoid',
      row: 'avoid',
      formula: 'avoid',
      code: 'pre-wrap',
      output: 'pre-wrap',
      linkAfter: `" <${LINK}>"`,
      header: 'none',
    });

    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'site-print.png'), fullPage: true });
    const pdf = await page.pdf({ path: join(SCREENSHOT_DIR, 'site-print.pdf'), format: 'A4', printBackground: true });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
    assert.ok(pages >= 2 && pages <= 6, `${pages} A4 pages`);
  } finally {
    await browser?.close();
    rmSync(folder, { recursive: true, force: true });
  }
});
