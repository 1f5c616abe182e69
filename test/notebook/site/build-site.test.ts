import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite, type BuiltSite } from '../../../src/notebook/site/build-site';
import { CONTENT_SECURITY_POLICY } from '../../../src/notebook/site/page';
import { PWNED, writeFixtureNotebooks } from './fixtures';

let folder: string;
let notebooks: string[];
let site: BuiltSite;
let outDir: string;
const page = (name: string) => readFileSync(join(outDir, name), 'utf8');

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'convkit-site-'));
  notebooks = await writeFixtureNotebooks(join(folder, 'notebooks'));
  outDir = join(folder, 'site');
  site = await buildSite({ notebooks, outDir, title: 'Efficient CNN blocks' });
});

after(() => rmSync(folder, { recursive: true, force: true }));

test('the site has one page per notebook, in order, and a contents page linking them', () => {
  assert.deepEqual(
    site.pages,
    ['01-separable.html', '02-feature-maps.html', '03-hostile.html'].map((name) => join(outDir, name)),
  );
  assert.equal(site.index, join(outDir, 'index.html'));
  const index = page('index.html');
  const links = [...index.matchAll(/<li><a href="([^"]+)">([^<]+)<\/a> <span class="toc-file">/g)].map((match) => [match[1], match[2]]);
  assert.deepEqual(links, [
    ['01-separable.html', 'Depthwise separable convolution'],
    ['02-feature-maps.html', 'Feature maps and a chart saved without its SVG'],
    ['03-hostile.html', 'Hostile input'],
  ]);
  assert.match(index, /<title>Efficient CNN blocks<\/title>/);
});

test('the contents list each page’s level-2 sections, linked to unique anchors on the page', () => {
  const index = page('index.html');
  const sections = [...index.matchAll(/<ul class="toc-sections">(.*?)<\/ul>/g)].map((match) => [...match[1].matchAll(/href="([^"]+)"/g)].map((m) => m[1]));
  assert.deepEqual(sections, [['01-separable.html#sec-counting-multiply-adds', '01-separable.html#sec-counting-multiply-adds-2']]);
  for (const href of sections.flat()) {
    const [file, id] = href.split('#');
    assert.equal((page(file).match(new RegExp(`id="${id}"`, 'g')) ?? []).length, 1, href);
  }
});

test('previous and next links chain the pages, with no previous on the first and no next on the last', () => {
  const rels = (name: string) => [...page(name).matchAll(/rel="(prev|next)" href="([^"]+)"/g)].map((m) => `${m[1]}:${m[2]}`);
  assert.deepEqual([...new Set(rels('01-separable.html'))], ['next:02-feature-maps.html']);
  assert.deepEqual([...new Set(rels('02-feature-maps.html'))], ['prev:01-separable.html', 'next:03-hostile.html']);
  assert.deepEqual([...new Set(rels('03-hostile.html'))], ['prev:02-feature-maps.html']);
});

test('every local link and asset a page refers to exists in the site', () => {
  for (const name of readdirSync(outDir).filter((file) => file.endsWith('.html'))) {
    for (const match of page(name).matchAll(/(?:href|src)="([^"#:]+)"/g)) {
      assert.ok(existsSync(join(outDir, match[1])), `${name} refers to ${match[1]}`);
    }
  }
  const css = readFileSync(join(outDir, 'assets/katex/katex.min.css'), 'utf8');
  for (const match of css.matchAll(/url\((fonts\/[^)]+)\)/g)) {
    assert.ok(existsSync(join(outDir, 'assets/katex', match[1])), `KaTeX font ${match[1]}`);
  }
  for (const asset of ['vega.min.js', 'vega-lite.min.js', 'vega-embed.min.js', 'convkit-charts.js', 'licenses/vega.txt']) {
    assert.ok(existsSync(join(outDir, 'assets', asset)), asset);
  }
});

test('pages load scripts only from the site, under a policy that forbids inline script', () => {
  for (const path of [...site.pages, site.index]) {
    const html = readFileSync(path, 'utf8');
    assert.ok(html.includes(`content="${CONTENT_SECURITY_POLICY}"`));
    for (const match of html.matchAll(/<script\b([^>]*)>/g)) {
      const attributes = match[1];
      const external = /src="assets\/[a-z-]+(\.min)?\.js"/.test(attributes);
      const inertData = /type="application\/json"/.test(attributes);
      assert.ok(external || inertData, `unexpected script tag in ${path}: <script${attributes}>`);
    }
  }
  assert.match(CONTENT_SECURITY_POLICY, /script-src 'self';/);
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-eval|script-src[^;]*unsafe-inline/);
});

test('Markdown, math, code, stream, table, formula, image and chart outputs all appear', () => {
  const html = page('01-separable.html');
  assert.match(html, /<h1 id="sec-depthwise-separable-convolution">Depthwise separable convolution<\/h1>/);
  assert.ok((html.match(/class="katex"/g) ?? []).length >= 4, 'inline, display and text/latex math rendered by KaTeX');
  assert.match(html, /class="katex-display"/);
  assert.match(html, /A price of \$5 or \$10 stays text/);
  assert.match(html, /<span class="hljs-keyword">const<\/span> K = <span class="hljs-number">3<\/span>/);
  assert.match(html, /<pre class="output output-stdout">K = 3\n<\/pre>/);
  assert.match(html, /<table class="convkit-table">[\s\S]*<td class="num">3,612,672<\/td>/);
  assert.match(html, /<img src="data:image\/png;base64,[A-Za-z0-9+/=]+" alt="image 3×3/);
  assert.match(html, /<figure class="convkit-chart" data-convkit-chart="1">/);
  assert.match(html, /<img class="convkit-chart-static" src="data:image\/svg\+xml;base64,/);
  assert.match(html, /<script src="assets\/vega-embed.min.js" defer><\/script>/);
});

test('cells tagged remove-output or remove-cell leave those parts out', () => {
  const html = page('01-separable.html');
  assert.match(html, /a cell whose output the notes leave out/);
  assert.doesNotMatch(html, /hidden output/);
  assert.doesNotMatch(html, /never shown|secret\(\)/);
});

test('a chart saved without an SVG gets one rendered at build time; pages without charts load no chart code', () => {
  const html = page('02-feature-maps.html');
  const svg = /<img class="convkit-chart-static" src="data:image\/svg\+xml;base64,([^"]+)"/.exec(html);
  assert.ok(svg);
  assert.match(Buffer.from(svg[1], 'base64').toString('utf8'), /^<svg[\s\S]*aria-roledescription="bar"/);
  assert.match(html, /<figure class="convkit-tile"><img src="data:image\/png;base64,/);
  assert.match(html, /<div class="convkit-grid" style="display:grid;grid-template-columns:repeat\(4,minmax\(0,max-content\)\);gap:4px">/);
  assert.match(html, /<pre class="output output-error">Error: boom\n {4}at &lt;cell&gt;:1:7<\/pre>/, 'ANSI colour codes stripped');
  assert.doesNotMatch(page('index.html'), /vega/);
});

test('hostile notebook content cannot put a script, handler or javascript: URL into the page', () => {
  const html = page('03-hostile.html');
  const body = html.slice(html.indexOf('<main>'), html.indexOf('</main>'));
  // The only <script> elements in the body are the kit's inert JSON specs.
  const scripts = [...body.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
  assert.deepEqual(scripts, ['<script type="application/json" data-convkit-spec="1">']);
  const json = /<script type="application\/json" data-convkit-spec="1">([\s\S]*?)<\/script>/.exec(body);
  assert.ok(json);
  assert.doesNotMatch(json[1], /[<>]/);
  assert.equal((JSON.parse(json[1]) as { title: string }).title, `</script><script>window.${PWNED}=1</script>`);
  assert.doesNotMatch(body, /<[^>]+\son[a-z]+\s*=/i, 'no event handler attributes');
  assert.doesNotMatch(body, /<(iframe|object|embed|style|form|input|svg)\b/i);
  assert.doesNotMatch(body, /href="\s*(javascript|vbscript|data):/i);
  assert.doesNotMatch(body, /<(?!h[1-6] id="sec-[a-z0-9-]+">)[^>]+\bid=/i, 'no id attributes from notebook content except the site’s heading anchors');
  assert.match(body, /<h2>Forged heading<\/h2>/, 'a raw-HTML heading loses its forged id and handler');
  assert.equal((body.match(/data-convkit-chart=/g) ?? []).length, 1, 'a notebook cannot forge a chart figure');
  assert.doesNotMatch(body, /style="position/);
  // The SVG output (with its <script>) is only ever an <img> source.
  assert.doesNotMatch(body, /<script>window/);
  assert.match(body, /&lt;script&gt;window.__convkitPwned=17&lt;\/script&gt;/);
});

test('a second build over the first gives identical pages (deterministic output)', async () => {
  const before = site.pages.map((path) => readFileSync(path, 'utf8'));
  await buildSite({ notebooks, outDir, title: 'Efficient CNN blocks' });
  assert.deepEqual(
    site.pages.map((path) => readFileSync(path, 'utf8')),
    before,
  );
  assert.deepEqual(
    readdirSync(outDir).filter((name) => name.endsWith('.tmp')),
    [],
    'no temp files left behind',
  );
});

test('bad options and unreadable notebooks are input errors that leave the site untouched', async () => {
  const indexBefore = page('index.html');
  await assert.rejects(buildSite({ notebooks: [], outDir }), /notebooks = \[\]: must list at least one executed .ipynb file/);
  await assert.rejects(buildSite({ notebooks: ['lesson.txt'], outDir }), /notebooks\[0\] = "lesson.txt": must be a path ending in .ipynb/);
  await assert.rejects(buildSite({ notebooks: [join(folder, 'missing.ipynb')], outDir }), /must be an existing file/);
  await assert.rejects(buildSite({ notebooks, outDir: '' }), /outDir = "": must be a folder path/);
  const broken = join(folder, 'notebooks', '04-broken.ipynb');
  writeFileSync(broken, '{ not json');
  await assert.rejects(buildSite({ notebooks: [...notebooks, broken], outDir, title: 'changed' }), /notebook = ".*04-broken.ipynb": must be valid .ipynb JSON/);
  await assert.rejects(buildSite({ notebooks: [notebooks[0], notebooks[0]], outDir }), /must have a unique name: it would be written as 01-separable.html/);
  assert.equal(page('index.html'), indexBefore);
});
