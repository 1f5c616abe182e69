/**
 * Hostile chart outputs (hostile-charts.ts) in a real browser, with the
 * page's Content-Security-Policy on and, through the test-only build option,
 * off: the chart policy must hold on its own. Each page is opened over
 * http and from file://; every mark is hovered and every cleaned chart's
 * marks clicked. Asserted for every page: no script ran (marker unset, no
 * dialog, no new window), no actions menu exists, no request left the site (a decoy server
 * at the "foreign" origin counts hits, and every request the browser makes
 * is checked), each shown chart is live and each refused one is a note.
 * Skipped, with a message, where chromium is not installed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { buildSite } from '../../../src/notebook/site/build-site';
import { PWNED } from './fixtures';
import { hostileCharts, hostileChartsNotebook } from './hostile-charts';

const CHROMIUM = process.env.CONVKIT_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

function listen(server: Server): Promise<string> {
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      done(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    }),
  );
}

function staticServer(root: string): Server {
  return createServer((request, response) => {
    const file = normalize(join(root, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)));
    if (!file.startsWith(root) || !existsSync(file)) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
}

interface Visit {
  site: string;
  requestsOut: string[];
  pageErrors: string[];
  dialogs: string[];
  popups: number;
  pwned: unknown;
  actionsMenus: number;
  rendered: number;
  failed: string[];
  notes: number;
}

test('hostile chart specs run no script, show no actions menu and make no request, with the CSP on and off, over http and file://', {
  timeout: 600_000,
}, async (t) => {
  if (!existsSync(CHROMIUM)) {
    t.skip(`chromium not found at ${CHROMIUM} (apt-get install -y chromium; CI installs it)`);
    return;
  }
  const folder = mkdtempSync(join(tmpdir(), 'convkit-browser-charts-'));
  const decoyHits: string[] = [];
  const decoy = createServer((request, response) => {
    decoyHits.push(`${request.method} ${request.url}`);
    response.writeHead(200, { 'content-type': 'text/csv', 'access-control-allow-origin': '*' }).end('x\n1\n');
  });
  const site = staticServer(folder + sep);
  let browser: Browser | undefined;
  try {
    const foreign = await listen(decoy);
    const origin = await listen(site);
    const charts = hostileCharts(foreign);
    const notebook = join(folder, 'hostile-charts.ipynb');
    writeFileSync(notebook, JSON.stringify(hostileChartsNotebook(charts)));
    const expectedShown = charts.filter((chart) => chart.expect !== 'note').length;
    const expectedNotes = charts.length - expectedShown;
    const cleanedIndexes = charts.flatMap((chart, index) => (chart.expect === 'cleaned' ? [index] : []));

    const builds = [
      { name: 'csp-on', omit: false },
      { name: 'csp-off', omit: true },
    ];
    for (const build of builds) {
      const built = await buildSite({ notebooks: [notebook], outDir: join(folder, build.name), testOnlyOmitContentSecurityPolicy: build.omit });
      assert.deepEqual(built.charts, { shown: expectedShown, cleaned: cleanedIndexes.length, notes: expectedNotes });
      const html = readFileSync(built.pages[0], 'utf8');
      assert.equal(html.includes('http-equiv="Content-Security-Policy"'), !build.omit, `${build.name}: CSP meta tag ${build.omit ? 'absent' : 'present'}`);
    }

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    const visits: Visit[] = [];
    for (const build of builds) {
      const siteFolder = join(folder, build.name);
      for (const via of ['http', 'file'] as const) {
        const url = via === 'http' ? `${origin}/${build.name}/hostile-charts.html` : pathToFileURL(join(siteFolder, 'hostile-charts.html')).href;
        const own = via === 'http' ? `${origin}/${build.name}/` : pathToFileURL(siteFolder).href + '/';
        const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
        visits.push(await visit(context, `${build.name} via ${via}`, url, own, cleanedIndexes));
        await context.close();
      }
    }

    const table = visits.map(
      (v) =>
        `${v.site}: rendered ${v.rendered}, notes ${v.notes}, failed ${v.failed.length}, actions ${v.actionsMenus}, requests out ${v.requestsOut.length}, dialogs ${v.dialogs.length}, popups ${v.popups}, page errors ${v.pageErrors.length}`,
    );
    console.log(table.join('\n'));
    console.log(`decoy hits: ${decoyHits.length}`);
    for (const v of visits) {
      assert.equal(v.pwned, undefined, `${v.site}: no script ran`);
      assert.deepEqual(v.dialogs, [], `${v.site}: no dialog`);
      assert.equal(v.popups, 0, `${v.site}: no window opened`);
      assert.equal(v.actionsMenus, 0, `${v.site}: no actions menu`);
      assert.deepEqual(v.requestsOut, [], `${v.site}: no request outside the site`);
      assert.deepEqual(v.pageErrors, [], `${v.site}: no uncaught error`);
      assert.deepEqual(v.failed, [], `${v.site}: every shown chart is live`);
      assert.equal(v.rendered, expectedShown, `${v.site}: live charts`);
      assert.equal(v.notes, expectedNotes, `${v.site}: notes`);
    }
    assert.deepEqual(decoyHits, [], 'the foreign origin was never reached');
  } finally {
    await browser?.close();
    decoy.close();
    site.close();
    rmSync(folder, { recursive: true, force: true });
  }
});

async function visit(context: BrowserContext, name: string, url: string, own: string, cleanedIndexes: readonly number[]): Promise<Visit> {
  const result: Visit = {
    site: name,
    requestsOut: [],
    pageErrors: [],
    dialogs: [],
    popups: 0,
    pwned: undefined,
    actionsMenus: 0,
    rendered: 0,
    failed: [],
    notes: 0,
  };
  const isOwn = (requested: string) =>
    requested.startsWith(own) || requested.startsWith('data:') || requested.startsWith('blob:') || requested === 'about:blank';
  // Every request the browser makes passes here; anything not from the site is recorded and stopped.
  await context.route('**/*', (route) => {
    const requested = route.request().url();
    if (isOwn(requested)) return route.continue();
    result.requestsOut.push(requested);
    return route.abort();
  });
  context.on('request', (request) => {
    if (!isOwn(request.url()) && !result.requestsOut.includes(request.url())) result.requestsOut.push(request.url());
  });
  const page = await context.newPage();
  context.on('page', () => {
    result.popups += 1;
  });
  page.on('pageerror', (error) => result.pageErrors.push(error.message));
  page.on('dialog', (dialog) => {
    result.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll('figure[data-convkit-chart]')).every(
        (f) => f.hasAttribute('data-convkit-chart-rendered') || f.hasAttribute('data-convkit-chart-error'),
      ),
    undefined,
    { timeout: 120_000 },
  );
  // Hover marks (tooltips), click the marks of every chart whose links were removed.
  const cells = page.locator('section.code-cell');
  const count = await cells.count();
  for (let index = 0; index < count; index++) {
    const marks = cells.nth(index).locator('.convkit-chart-live svg .role-mark > *');
    const n = Math.min(await marks.count(), 3);
    const caseIndex = Number((/case (\d+):/.exec((await cells.nth(index).locator('pre.source').textContent()) ?? '') ?? [])[1]);
    for (let m = 0; m < n; m++) {
      await marks
        .nth(m)
        .hover({ force: true, timeout: 5_000 })
        .catch(() => undefined);
      if (cleanedIndexes.includes(caseIndex))
        await marks
          .nth(m)
          .click({ force: true, timeout: 5_000, noWaitAfter: true })
          .catch(() => undefined);
    }
  }
  // Were there a menu (a failure already), use it as a reader would: View Source runs a spec's sourceFooter in a new window.
  const menus = page.locator('.vega-embed details');
  for (let index = 0; index < (await menus.count()); index++) {
    await menus
      .nth(index)
      .locator('summary')
      .click({ force: true, timeout: 5_000 })
      .catch(() => undefined);
    const items = menus.nth(index).locator('.vega-actions a');
    for (let item = 0; item < (await items.count()); item++)
      await items
        .nth(item)
        .click({ force: true, timeout: 5_000, noWaitAfter: true })
        .catch(() => undefined);
  }
  await page.waitForTimeout(300);
  Object.assign(
    result,
    await page.evaluate(
      (marker) => ({
        pwned: (window as unknown as Record<string, unknown>)[marker],
        actionsMenus: document.querySelectorAll('.vega-actions, .vega-embed details, .vega-embed summary').length,
        rendered: document.querySelectorAll('figure[data-convkit-chart-rendered="true"]').length,
        failed: Array.from(document.querySelectorAll('figure[data-convkit-chart-error]')).map((f) => f.getAttribute('data-convkit-chart-error') ?? ''),
        notes: document.querySelectorAll('p.output-chart-refused').length,
      }),
      PWNED,
    ),
  );
  if (page.url() !== url) result.pageErrors.push(`navigated away to ${page.url()}`);
  await page.close();
  return result;
}
