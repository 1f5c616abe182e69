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

test('raw HTML is sanitised while the kit keeps tables, alignment and highlighted fences', () => {
  const { html } = renderMarkdown('<details><summary>Answer</summary>9 times</details>\n\n| K | ratio |\n|--:|:--|\n| 3 | 0.115 |\n\n```ts\nconst k = 12;\n```\n\n<script>alert(1)</script><b onclick="x()">b</b>');
  assert.match(html, /<details><summary>Answer<\/summary>9 times<\/details>/);
  assert.match(html, /<td style="text-align:right">3<\/td>/);
  assert.match(html, /<span class="hljs-keyword">const<\/span>/);
  assert.doesNotMatch(html, /<script|onclick/);
  assert.match(html, /<b>b<\/b>/);
});

test('no Markdown source, however odd, yields a script tag or an event handler', () => {
  const pieces = fc.constantFrom('<script>x</script>', '<img src=x onerror=y>', '$x$', '$$', '`', '[a](javascript:x)', '<a href="javascript:x">', '</script>', '<svg onload=x>', '\n\n', '# ', '<!--', '-->', '<style>', 'text');
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
      const { html } = renderMarkdown(parts.join(''));
      // Checked inside tags only: escaped text may well read "onerror=" or "javascript:".
      assert.doesNotMatch(html, /<script|<svg|<style|<[^>]*\son[a-z]+\s*=|<a[^>]*\shref="\s*javascript:/i);
    }),
    { numRuns: 150 },
  );
});
