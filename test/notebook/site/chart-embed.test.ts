import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { chartFigure, jsonForScriptElement, svgImageSource } from '../../../src/notebook/site/chart-embed';

test('JSON for a script element never contains <, > or & yet parses back to the same value', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const text = jsonForScriptElement(value);
      assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
      assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)));
    }),
    { numRuns: 200 },
  );
  const title = '</script><script>alert(1)</script><!--';
  assert.equal((JSON.parse(jsonForScriptElement({ title })) as { title: string }).title, title);
});

test('a chart figure carries the static SVG as an image and the spec as inert JSON', () => {
  const html = chartFigure(2, { mark: 'bar' }, '<svg xmlns="http://www.w3.org/2000/svg"/>', 'bars "quoted" <b>');
  assert.match(html, /^<figure class="convkit-chart" data-convkit-chart="2">/);
  assert.ok(html.includes(`src="${svgImageSource('<svg xmlns="http://www.w3.org/2000/svg"/>')}"`));
  assert.match(html, /alt="bars &quot;quoted&quot; &lt;b&gt;"/);
  assert.match(html, /<script type="application\/json" data-convkit-spec="2">\{"mark":"bar"\}<\/script>/);
  assert.match(chartFigure(3, {}, undefined, 'no svg'), /<p class="convkit-chart-static">no svg<\/p>/);
});

test('the chart loader is valid JavaScript (it ships as a string)', async () => {
  const { Script } = await import('node:vm');
  const { CHART_LOADER_JS } = await import('../../../src/notebook/site/chart-loader');
  assert.doesNotThrow(() => new Script(CHART_LOADER_JS, { filename: 'convkit-charts.js' }));
  assert.match(CHART_LOADER_JS, /var HTTP_URL = \/\^https\?:\\\/\\\/\[\^\\s\]\+\$\/i;/);
});
