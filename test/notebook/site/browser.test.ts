/**
 * The built site in a real browser: Debian's chromium driven by
 * playwright-core, the site served from 127.0.0.1 (and one page from
 * file://, as a reader opening the notes offline would). Every page must
 * load without console errors (a blocked inline script or a missing asset
 * would log one), every chart must become a live vega-embed view with a
 * real size, math must be typeset, and no hostile content may run.
 * Skipped, with a message, where chromium is not installed (CI installs it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildSite } from '../../../src/notebook/site/build-site';
import { PWNED, writeFixtureNotebooks } from './fixtures';

const CHROMIUM = process.env.CONVKIT_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOT_DIR = join(__dirname, '..', '..', '..', 'build', 'screenshots');
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

function serve(root: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const path = normalize(join(root, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)));
    const file = path.endsWith(sep) ? join(path, 'index.html') : path;
    if (!file.startsWith(root) || !existsSync(file)) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      done({ server, origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
    }),
  );
}

interface PageReport {
  errors: string[];
  charts: { rendered: boolean; error: string | null; width: number; height: number }[];
  katex: number;
  katexSized: number;
  pwned: unknown;
}

async function inspect(page: Page, url: string): Promise<PageReport> {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()}`));
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll('figure[data-convkit-chart]')).every(
        (figure) => figure.hasAttribute('data-convkit-chart-rendered') || figure.hasAttribute('data-convkit-chart-error'),
      ),
    undefined,
    { timeout: 30_000 },
  );
  await page.evaluate(() => document.fonts.ready);
  const report = await page.evaluate((marker) => {
    const charts = Array.from(document.querySelectorAll('figure[data-convkit-chart]')).map((figure) => {
      const view = figure.querySelector('.convkit-chart-live svg, .convkit-chart-live canvas');
      const box = view?.getBoundingClientRect();
      return {
        rendered: figure.getAttribute('data-convkit-chart-rendered') === 'true',
        error: figure.getAttribute('data-convkit-chart-error'),
        width: box?.width ?? 0,
        height: box?.height ?? 0,
      };
    });
    const katex = Array.from(document.querySelectorAll('.katex'));
    return {
      charts,
      katex: katex.length,
      katexSized: katex.filter((element) => element.getBoundingClientRect().width > 0).length,
      pwned: (window as unknown as Record<string, unknown>)[marker],
    };
  }, PWNED);
  return { errors, ...report };
}

test('every page of the site renders in chromium: charts live, math typeset, no errors, nothing injected', { timeout: 180_000 }, async (t) => {
  if (!existsSync(CHROMIUM)) {
    t.skip(`chromium not found at ${CHROMIUM} (apt-get install -y chromium; CI installs it)`);
    return;
  }
  const folder = mkdtempSync(join(tmpdir(), 'convkit-browser-'));
  const outDir = resolve(folder, 'site');
  let browser: Browser | undefined;
  let server: Server | undefined;
  try {
    const notebooks = await writeFixtureNotebooks(join(folder, 'notebooks'));
    const site = await buildSite({ notebooks, outDir, title: 'convkit browser test' });
    const served = await serve(outDir + sep);
    server = served.server;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });

    const names = ['index.html', ...site.pages.map((path) => path.slice(outDir.length + 1))];
    const expectedCharts: Record<string, number> = { 'index.html': 0, '01-separable.html': 1, '02-feature-maps.html': 1, '03-hostile.html': 1 };
    for (const name of names) {
      const page = await context.newPage();
      const report = await inspect(page, `${served.origin}/${name}`);
      assert.deepEqual(report.errors, [], `${name}: no console errors`);
      assert.equal(report.charts.length, expectedCharts[name], `${name}: chart count`);
      for (const chart of report.charts) {
        assert.equal(chart.error, null, `${name}: chart failed: ${chart.error}`);
        assert.ok(chart.rendered && chart.width > 100 && chart.height > 100, `${name}: chart size ${chart.width}×${chart.height}`);
      }
      if (name !== 'index.html') assert.ok(report.katex === 0 || report.katexSized === report.katex, `${name}: math has a size`);
      if (name === '01-separable.html') assert.ok(report.katex >= 4, `${name}: math typeset (${report.katex} .katex elements)`);
      assert.equal(report.pwned, undefined, `${name}: no injected script ran`);

      if (name === '01-separable.html') {
        // The slider changes K and the chart recomputes 1/M + 1/K² in the browser:
        // the dashed line's label follows it (the fixed K = 3, 5, 7 lines do not move).
        assert.ok((await page.locator('text=floor 1/K² = 0.1111').count()) > 0);
        assert.equal(await page.locator('text=K = 5 (slider)').count(), 0);
        await page.locator('input[type="range"]').first().fill('5');
        await page.waitForSelector('text=K = 5 (slider)', { timeout: 10_000 });
        await page.locator('input[type="range"]').first().fill('3');
        await page.waitForSelector('text=K = 3 (slider)', { timeout: 10_000 });
        assert.equal(await page.locator('text=K = 5 (slider)').count(), 0);
        mkdirSync(SCREENSHOT_DIR, { recursive: true });
        await page.screenshot({ path: join(SCREENSHOT_DIR, 'site-01-separable.png'), fullPage: true });
      }
      if (name === '03-hostile.html') {
        await page.hover('text=overlay');
        assert.equal(await page.evaluate((marker) => (window as unknown as Record<string, unknown>)[marker], PWNED), undefined);
      }
      await page.close();
    }

    // Offline: the same lesson opened from disk still gets its live chart.
    const offline = await context.newPage();
    const report = await inspect(offline, pathToFileURL(join(outDir, '01-separable.html')).href);
    assert.deepEqual(report.errors, [], 'file://: no console errors');
    assert.ok(
      report.charts.every((chart) => chart.rendered && chart.width > 100),
      'file://: chart rendered',
    );
    await offline.close();

    // Scripts off: the static SVG stands in for each chart, at full size.
    const noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1000, height: 900 } });
    const still = await noScript.newPage();
    await still.goto(`${served.origin}/01-separable.html`, { waitUntil: 'load' });
    const fallback = await still.locator('figure[data-convkit-chart] img.convkit-chart-static').boundingBox();
    assert.ok(fallback && fallback.width > 100 && fallback.height > 100, `static chart ${JSON.stringify(fallback)}`);
    assert.ok((await still.locator('.katex').count()) >= 4, 'math needs no script');
    await noScript.close();
  } finally {
    await browser?.close();
    server?.close();
    rmSync(folder, { recursive: true, force: true });
  }
});
