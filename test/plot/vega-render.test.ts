import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileVegaLite, renderSvg, stableSvgIds } from '../../src/plot/vega-render';
import { ConvkitInputError } from '../../src/core/errors';

test('a spec Vega-Lite cannot compile raises an input error naming the spec', () => {
  assert.throws(
    () => compileVegaLite({ title: 'broken', data: { values: [] }, mark: 'no-such-mark' } as never),
    (error: unknown) => error instanceof ConvkitInputError && /^spec = "broken": must compile with Vega-Lite 5/.test(error.message),
  );
  assert.throws(() => compileVegaLite(null as never), /spec \(not given\): must be a Vega-Lite spec object/);
});

test('a chart that loads data from a URL is refused: charts carry their data inline', async () => {
  await assert.rejects(
    renderSvg({ data: { url: 'https://example.com/x.csv' }, mark: 'point' } as never),
    /url = "https:\/\/example.com\/x.csv": charts must carry their data inline/,
  );
});

test('numbered SVG ids are renamed by order of appearance, with a content hash prefix', () => {
  const svg = '<svg><path fill="url(#gradient_7)"/><defs><linearGradient id="gradient_7"/><clipPath id="clip12"/></defs><use href="#clip12"/></svg>';
  const renamed = stableSvgIds(svg);
  const prefix = /id="(cvk[0-9a-f]{8}-)gradient_0"/.exec(renamed)?.[1];
  assert.ok(prefix, renamed);
  assert.equal(
    renamed,
    `<svg><path fill="url(#${prefix}gradient_0)"/><defs><linearGradient id="${prefix}gradient_0"/><clipPath id="${prefix}clip0"/></defs><use href="#${prefix}clip0"/></svg>`,
  );
  // Same content with a different counter value: same bytes.
  assert.equal(stableSvgIds(svg.replace(/gradient_7/g, 'gradient_3').replace(/clip12/g, 'clip5')), renamed);
});
