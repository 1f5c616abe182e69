import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { renderMarkdown } from '../../../src/notebook/site/markdown';

const katexCount = (html: string) => (html.match(/<span class="katex">/g) ?? []).length;

test('inline $…$ and display $$…$$ math are typeset by KaTeX at build time', () => {
  const { html } = renderMarkdown('Cost ratio $\\frac{1}{M} + \\frac{1}{K^2}$ and\n\n$$\nH W K^2 C M\n$$\n\nand inline display $$x^2$$ too.');
  assert.equal(katexCount(html), 3);
  assert.equal((html.match(/class="katex-display"/g) ?? []).length, 2);
  assert.match(html, /<annotation encoding="application\/x-tex">\\frac\{1\}\{M\} \+ \\frac\{1\}\{K\^2\}<\/annotation>/);
});

test('dollars that are not math stay text: prices, escaped dollars, code spans and fences', () => {
  const { html } = renderMarkdown('It costs $5 and $10. Escaped \\$x\\$ too. `$HOME` is a variable.\n\n```sh\necho $PATH $x$\n```');
  assert.equal(katexCount(html), 0);
  assert.match(html, /It costs \$5 and \$10\./);
  assert.match(html, /Escaped \$x\$ too/);
  assert.match(html, /<code>\$HOME<\/code>/);
  assert.match(html, /echo \$PATH \$x\$/);
});

test('a LaTeX error shows in place instead of failing the build, and trust-only commands do nothing', () => {
  const { html } = renderMarkdown('$\\frac{1}{$ and $\\href{javascript:alert(1)}{x}$');
  assert.match(html, /katex-error/);
  assert.doesNotMatch(html, /href="javascript/);
});

test('the page title is the first level-1 heading, math included as its source', () => {
  assert.equal(renderMarkdown('intro\n\n## not this\n\n# Cost of $K \\times K$ kernels').title, 'Cost of K \\times K kernels');
  assert.equal(renderMarkdown('no heading').title, undefined);
});

test('headings get unique sec- anchors, shared across the cells of a page, and forged ids are dropped', () => {
  const usedIds = new Set<string>();
  const first = renderMarkdown('# Depthwise separable\n\n## Cost of $K^2$', { usedIds });
  const second = renderMarkdown('## Cost of $K^2$\n\n<h3 id="main">x</h3><h3 id="sec-ok">y</h3>', { usedIds });
  assert.deepEqual(first.headings, [
    { level: 1, text: 'Depthwise separable', id: 'sec-depthwise-separable' },
    { level: 2, text: 'Cost of K^2', id: 'sec-cost-of-k-2' },
  ]);
  assert.deepEqual(
    second.headings.map((heading) => heading.id),
    ['sec-cost-of-k-2-2'],
  );
  assert.match(second.html, /<h2 id="sec-cost-of-k-2-2">/);
  assert.match(second.html, /<h3>x<\/h3><h3 id="sec-ok">y<\/h3>/);
});

test('raw HTML is sanitised while the kit keeps tables, alignment and highlighted fences', () => {
  const { html } = renderMarkdown(
    '<details><summary>Answer</summary>9 times</details>\n\n| K | ratio |\n|--:|:--|\n| 3 | 0.115 |\n\n```ts\nconst k = 12;\n```\n\n<script>alert(1)</script><b onclick="x()">b</b>',
  );
  assert.match(html, /<details><summary>Answer<\/summary>9 times<\/details>/);
  assert.match(html, /<td style="text-align:right">3<\/td>/);
  assert.match(html, /<span class="hljs-keyword">const<\/span>/);
  assert.doesNotMatch(html, /<script|onclick/);
  assert.match(html, /<b>b<\/b>/);
});

/** The start tags of sanitised HTML (which always double-quotes attribute values) with their attributes. */
function startTags(html: string): { tag: string; attributes: { name: string; value: string }[] }[] {
  return [...html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s"'=<>/]+(?:="[^"]*")?)*)\s*\/?>/g)].map((match) => ({
    tag: match[1].toLowerCase(),
    attributes: [...match[2].matchAll(/\s+([^\s"'=<>/]+)(?:="([^"]*)")?/g)].map((a) => ({ name: a[1].toLowerCase(), value: a[2] ?? '' })),
  }));
}

test('no Markdown source, however odd, yields a script tag or an event handler', () => {
  const pieces = fc.constantFrom(
    '<script>x</script>',
    '<img src=x onerror=y>',
    '$x$',
    '$$',
    '`',
    '[a](javascript:x)',
    '<a href="javascript:x">',
    '</script>',
    '<svg onload=x>',
    '\n\n',
    '# ',
    '<!--',
    '-->',
    '<style>',
    'text',
  );
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
      const { html } = renderMarkdown(parts.join(''));
      // Checked on parsed tags: escaped text and attribute values may well read "onerror=" or "<svg".
      for (const { tag, attributes } of startTags(html)) {
        assert.ok(!['script', 'svg', 'style', 'iframe', 'object'].includes(tag), `<${tag}> in ${html}`);
        for (const { name, value } of attributes) {
          assert.ok(!name.startsWith('on'), `${name}= in ${html}`);
          assert.ok(!/^\s*javascript:/i.test(value), `${name}="${value}" in ${html}`);
        }
      }
      assert.doesNotMatch(html, /<(script|svg|style)/i);
    }),
    { numRuns: 300 },
  );
});
