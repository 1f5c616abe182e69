import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sanitizeNotebookHtml } from '../../../src/notebook/site/sanitize';

test('scripts, styles, frames, forms and event handlers are removed', () => {
  const html = sanitizeNotebookHtml(
    '<p onclick="x()">a</p><script>x()</script><style>p{}</style><iframe src="y"></iframe><form><input></form><svg onload="x()"><circle/></svg><object data="z"></object>',
  );
  assert.equal(html, '<p>a</p>');
});

test('links keep http, https, mailto and relative targets only, and external links get rel=noopener', () => {
  const html = sanitizeNotebookHtml(
    '<a href="https://arxiv.org/abs/1704.04861">MobileNets</a><a href="02-next.html">next</a><a href="mailto:a@b.c">m</a><a href="javascript:x()">j</a><a href="JaVaScRiPt:x()">J</a><a href="data:text/html,x">d</a><a href="//evil.example/x">p</a>',
  );
  assert.equal(
    html,
    '<a href="https://arxiv.org/abs/1704.04861" rel="noopener noreferrer">MobileNets</a><a href="02-next.html">next</a><a href="mailto:a@b.c" rel="noopener noreferrer">m</a><a>j</a><a>J</a><a>d</a><a>p</a>',
  );
});

test('images may use data: and relative sources but not remote ones', () => {
  assert.equal(sanitizeNotebookHtml('<img src="data:image/png;base64,AAAA" alt="x">'), '<img src="data:image/png;base64,AAAA" alt="x" />');
  assert.equal(sanitizeNotebookHtml('<img src="https://tracker.example/p.gif">'), '<img />');
});

test('ids, data attributes and arbitrary styles are dropped; table alignment and the kit grid layout stay, with columns that can shrink', () => {
  assert.equal(sanitizeNotebookHtml('<div id="x" data-convkit-chart="1" style="position:fixed">o</div>'), '<div>o</div>');
  assert.equal(sanitizeNotebookHtml('<td style="text-align:right;color:red">1</td>'), '<td style="text-align:right">1</td>');
  assert.equal(
    sanitizeNotebookHtml('<div class="convkit-grid" style="display:grid;grid-template-columns:repeat(4,max-content);gap:4px">g</div>'),
    '<div class="convkit-grid" style="display:grid;grid-template-columns:repeat(4,minmax(0,max-content));gap:4px">g</div>',
  );
  assert.equal(sanitizeNotebookHtml('<div style="grid-template-columns:repeat(4,1fr)">g</div>'), '<div>g</div>');
});

test('long URLs in table cells and links get break opportunities; words, entities and other text are untouched', () => {
  const url = 'https://pytorch.org/vision/stable/models/generated/torchvision.models.densenet121.html';
  const html = sanitizeNotebookHtml(
    `<table><tr><td>torchvision docs, ${url}</td><td>short.words/stay</td><td>a&amp;b_${'x'.repeat(40)}</td></tr></table><p>${url}</p>`,
  );
  assert.match(html, /<td>torchvision docs, https:\/<wbr>\/<wbr>pytorch.<wbr>org\/<wbr>vision\/<wbr>stable/);
  assert.equal(html.replace(/<wbr>/g, '').includes(`<td>torchvision docs, ${url}</td>`), true, 'the text itself is unchanged');
  assert.match(html, /<td>short.words\/stay<\/td>/);
  assert.match(html, /<td>a&amp;b_<wbr>x{40}<\/td>/);
  assert.match(html, new RegExp(`<p>${url.replace(/[./?]/g, '\\$&')}</p>`), 'paragraph text is left alone');
});
