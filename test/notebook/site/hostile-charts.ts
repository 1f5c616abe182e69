/**
 * Hostile Vega-Lite chart outputs, as a notebook could carry them, for the
 * chart-policy unit test, the site build test and the browser test. Each
 * case says what the site must do with it:
 *   note     the chart is refused: a one-line note stands in its cell
 *   cleaned  the chart is shown after something was removed from its spec
 *   shown    the chart is shown as it is (nothing in it needs removing)
 * `foreign` is an origin the browser test watches: any request reaching it
 * is a failure. PWNED is the marker a script would set.
 */
import { PWNED } from './fixtures';

export type Verdict = 'note' | 'cleaned' | 'shown';

export interface HostileChart {
  readonly name: string;
  readonly spec: unknown;
  readonly expect: Verdict;
  /** Save an SVG with the output (as show() does); default: no SVG, so the build renders one. */
  readonly withSvg?: boolean;
  /** For notes: a piece of the note's text that names the rule. */
  readonly noteMatches?: RegExp;
}

const VL = 'https://vega.github.io/schema/vega-lite/v5.json';
const rows = [
  { a: 'A', b: 1, u: `javascript:window.${PWNED}=101` },
  { a: 'B', b: 2, u: `javascript:window.${PWNED}=102` },
];
const bars = (extra: Record<string, unknown> = {}, encoding: Record<string, unknown> = {}) => ({
  $schema: VL,
  data: { values: rows },
  mark: 'bar',
  encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' }, ...encoding },
  ...extra,
});
const points = (data: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  $schema: VL,
  data,
  mark: 'point',
  encoding: { x: { field: 'x', type: 'quantitative' } },
  ...extra,
});

function nested(depth: number): Record<string, unknown> {
  let node: Record<string, unknown> = { text: 'deep' };
  for (let i = 0; i < depth; i++) node = { text: node };
  return node;
}

export function hostileCharts(foreign: string): HostileChart[] {
  const script = `<script>window.${PWNED}=120</script><img src=x onerror="window.${PWNED}=121">`;
  return [
    // usermeta.embedOptions would be merged over the kit's options by vega-embed.
    { name: 'usermeta actions menu on', expect: 'cleaned', spec: bars({ usermeta: { embedOptions: { actions: true } } }) },
    {
      name: 'usermeta editor URL',
      expect: 'cleaned',
      spec: bars({ usermeta: { embedOptions: { actions: { editor: true }, editorUrl: `${foreign}/editor` } } }),
    },
    {
      name: 'usermeta source footer script',
      expect: 'cleaned',
      withSvg: true,
      spec: bars({ usermeta: { embedOptions: { actions: { source: true }, sourceHeader: script, sourceFooter: script } } }),
    },
    {
      name: 'usermeta patch adds a data URL',
      expect: 'cleaned',
      spec: bars({ usermeta: { embedOptions: { patch: [{ op: 'add', path: '/data/-', value: { name: 'leak', url: `${foreign}/patch.csv` } }] } } }),
    },
    { name: 'usermeta loader baseURL', expect: 'cleaned', spec: bars({ usermeta: { embedOptions: { loader: { baseURL: foreign }, actions: true } } }) },
    { name: 'usermeta ast off', expect: 'cleaned', spec: bars({ usermeta: { embedOptions: { ast: false, actions: { export: true } } } }) },
    {
      name: 'usermeta style and theme',
      expect: 'cleaned',
      spec: bars({ usermeta: { embedOptions: { defaultStyle: `body{background:url(${foreign}/style.png)}`, theme: 'dark', i18n: { SVG_ACTION: script } } } }),
    },
    {
      name: 'usermeta inside a layer',
      expect: 'cleaned',
      spec: {
        $schema: VL,
        data: { values: rows },
        layer: [
          {
            mark: 'bar',
            usermeta: { embedOptions: { actions: true } },
            encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } },
          },
        ],
      },
    },
    { name: 'usermeta without $schema', expect: 'cleaned', spec: { ...bars({ usermeta: { embedOptions: { actions: true } } }), $schema: undefined } },

    // Charts carry their data inline: every URL is refused.
    {
      name: 'data URL to a foreign site',
      expect: 'note',
      noteMatches: /url = .*: charts carry their data inline/,
      spec: points({ url: `${foreign}/data.csv` }),
    },
    {
      name: 'data URL file:///etc/passwd',
      expect: 'note',
      noteMatches: /file:\/\/\/etc\/passwd/,
      spec: points({ url: 'file:///etc/passwd', format: { type: 'csv' } }),
    },
    { name: 'data URL relative path out of the site', expect: 'note', spec: points({ url: '../../../../../../etc/passwd', format: { type: 'tsv' } }) },
    { name: 'data URL data: scheme', expect: 'note', spec: points({ url: 'data:text/csv,x%0A1' }) },
    { name: 'data URL protocol-relative', expect: 'note', spec: points({ url: `//${foreign.replace(/^https?:\/\//, '')}/p.json` }) },
    {
      name: 'lookup from a data URL',
      expect: 'note',
      spec: bars({ transform: [{ lookup: 'a', from: { data: { url: `${foreign}/lookup.csv` }, key: 'a', fields: ['c'] } }] }),
    },
    {
      name: 'image mark with URL field',
      expect: 'note',
      spec: {
        $schema: VL,
        data: { values: [{ x: 1, img: `${foreign}/img.png` }] },
        mark: 'image',
        encoding: { x: { field: 'x', type: 'quantitative' }, url: { field: 'img', type: 'nominal' } },
      },
    },
    {
      name: 'image mark with file URL value',
      expect: 'note',
      spec: {
        $schema: VL,
        data: { values: [{ x: 1 }] },
        mark: { type: 'image', url: 'file:///etc/passwd' },
        encoding: { x: { field: 'x', type: 'quantitative' } },
      },
    },
    { name: 'data URL inside a layer', expect: 'note', spec: { $schema: VL, layer: [{ data: { url: `${foreign}/layer.json` }, mark: 'point' }] } },

    // Links: only literal http(s) hrefs stay.
    { name: 'href field javascript:, no SVG (crashed the build)', expect: 'cleaned', spec: bars({}, { href: { field: 'u', type: 'nominal' } }) },
    { name: 'href field javascript:, with SVG', expect: 'cleaned', withSvg: true, spec: bars({}, { href: { field: 'u', type: 'nominal' } }) },
    { name: 'href value javascript:', expect: 'cleaned', spec: bars({}, { href: { value: `javascript:window.${PWNED}=103` } }) },
    { name: 'mark href javascript:', expect: 'cleaned', spec: bars({ mark: { type: 'bar', href: `javascript:window.${PWNED}=104` } }) },
    { name: 'config mark href javascript:', expect: 'cleaned', spec: bars({ config: { mark: { href: `javascript:window.${PWNED}=105` } } }) },
    {
      name: 'href computed by an expression',
      expect: 'cleaned',
      spec: bars({ transform: [{ calculate: `'java' + 'script:window.${PWNED}=106'`, as: 'v' }] }, { href: { field: 'v', type: 'nominal' } }),
    },
    { name: 'href data:text/html', expect: 'cleaned', spec: bars({}, { href: { value: `data:text/html,<script>window.opener.${PWNED}=107</script>` } }) },
    { name: 'href vbscript:', expect: 'cleaned', spec: bars({}, { href: { value: 'vbscript:msgbox(1)' } }) },
    { name: 'href to a file', expect: 'cleaned', spec: bars({}, { href: { value: 'file:///etc/passwd' } }) },
    {
      name: 'href inside a layer',
      expect: 'cleaned',
      spec: {
        $schema: VL,
        data: { values: rows },
        layer: [
          { mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' }, href: { field: 'u', type: 'nominal' } } },
        ],
      },
    },
    { name: 'href literal https (kept)', expect: 'shown', spec: bars({}, { href: { value: 'https://arxiv.org/abs/1704.04861' } }) },

    // Not Vega-Lite: vega-embed would run it as raw Vega.
    {
      name: 'Vega $schema with a data URL',
      expect: 'note',
      noteMatches: /\$schema = .*must be a Vega-Lite/,
      spec: { $schema: 'https://vega.github.io/schema/vega/v5.json', data: [{ name: 't', url: 'file:///etc/passwd' }], marks: [] },
    },
    {
      name: 'Vega $schema with signals',
      expect: 'note',
      spec: { $schema: 'https://vega.github.io/schema/vega/v5.json', signals: [{ name: 's', on: [{ events: 'click', update: `window.${PWNED}=108` }] }] },
    },

    // Data a chart would generate or hold: bounded at build time.
    {
      name: 'sequence of 10^6 rows',
      expect: 'note',
      noteMatches: /1,000,000 rows \(sequence from 0 to 1000000 step 1\)/,
      spec: points({ sequence: { start: 0, stop: 1e6, as: 'x' } }),
    },
    { name: 'sequence of 10^7 rows', expect: 'note', noteMatches: /10,000,000 rows/, spec: points({ sequence: { start: 0, stop: 1e7, as: 'x' } }) },
    { name: 'sequence of 10^12 rows with a large step', expect: 'note', spec: points({ sequence: { start: 0, stop: 1e15, step: 1000, as: 'x' } }) },
    {
      name: 'sequence stop as a signal',
      expect: 'note',
      noteMatches: /must be a literal finite number/,
      spec: points({ sequence: { start: 0, stop: { signal: '1e9' }, as: 'x' } }),
    },
    {
      name: 'sequence stop as a min() that is not a bound',
      expect: 'note',
      spec: points({ sequence: { start: 0, stop: { signal: 'min(length(data("x")), 2) + 1e9 + min(1, 2)' }, as: 'x' } }),
    },
    { name: 'sequence with step 0', expect: 'note', spec: points({ sequence: { start: 0, stop: 10, step: 0, as: 'x' } }) },
    { name: 'sequence stepping away from stop', expect: 'note', spec: points({ sequence: { start: 0, stop: 10, step: -1, as: 'x' } }) },
    {
      name: 'inline values of 50,001 rows',
      expect: 'note',
      noteMatches: /50,001 rows \(inline values\)/,
      spec: points({ values: Array.from({ length: 50_001 }, (_, x) => ({ x })) }),
    },
    {
      name: 'inline CSV text of 60,000 lines',
      expect: 'note',
      spec: points({ values: `x\n${Array.from({ length: 60_000 }, (_, i) => i).join('\n')}`, format: { type: 'csv' } }),
    },
    {
      name: 'inline rows in datasets',
      expect: 'note',
      spec: {
        $schema: VL,
        datasets: { big: Array.from({ length: 50_001 }, (_, x) => ({ x })) },
        data: { name: 'big' },
        mark: 'point',
        encoding: { x: { field: 'x', type: 'quantitative' } },
      },
    },
    { name: 'density with 10^7 steps', expect: 'note', spec: points({ values: [{ x: 1 }] }, { transform: [{ density: 'x', steps: 1e7 }] }) },
    { name: 'quantile step 10^-7', expect: 'note', spec: points({ values: [{ x: 1 }] }, { transform: [{ quantile: 'x', step: 1e-7 }] }) },
    {
      name: 'fold over 60,000 fields',
      expect: 'note',
      spec: points({ values: [{ x: 1 }] }, { transform: [{ fold: Array.from({ length: 60_000 }, () => 'x') }] }),
    },
    {
      name: 'impute over 10^7 keys',
      expect: 'note',
      spec: points({ values: [{ x: 1, k: 1 }] }, { transform: [{ impute: 'x', key: 'k', keyvals: { start: 0, stop: 1e7 } }] }),
    },
    { name: 'graticule every 0.0001 degree', expect: 'note', spec: { $schema: VL, data: { graticule: { step: [0.0001, 0.0001] } }, mark: 'geoshape' } },
    { name: 'flatten', expect: 'note', spec: points({ values: [{ x: [1, 2] }] }, { transform: [{ flatten: ['x'] }] }) },
    {
      name: 'expression sequence(0, 1e8)',
      expect: 'note',
      noteMatches: /may not call sequence\(\)/,
      spec: points({ values: [{ x: 1 }] }, { transform: [{ calculate: 'sequence(0, 1e8)', as: 'y' }] }),
    },
    {
      name: 'expression sequence() in a label expression',
      expect: 'note',
      spec: points({ values: [{ x: 1 }] }, { encoding: { x: { field: 'x', type: 'quantitative', axis: { labelExpr: 'length(sequence(0, 1e8))' } } } }),
    },
    {
      name: 'expression split() in a filter inside and',
      expect: 'note',
      spec: points({ values: [{ x: 1 }] }, { transform: [{ filter: { and: ['datum.x > 0', "length(split(pad('', 1e9), ''))"] } }] }),
    },
    {
      name: 'expression in an event-stream filter',
      expect: 'note',
      spec: points({ values: [{ x: 1 }] }, { params: [{ name: 'pick', select: { type: 'point', on: 'click[length(sequence(0, 1e8)) > 0]' } }] }),
    },
    {
      name: 'a title that mentions split (text, not an expression)',
      expect: 'shown',
      spec: points({ values: [{ x: 1 }] }, { title: 'train/test split (80/20), sequence(1, 2) and pad(3)' }),
    },
    {
      name: 'expression pad to 10^9 characters',
      expect: 'note',
      spec: points({ values: [{ x: 1 }] }, { transform: [{ calculate: "pad('', 1e9)", as: 'y' }] }),
    },
    {
      name: 'bin with a tiny step',
      expect: 'note',
      spec: points({ values: [{ x: 1 }, { x: 2 }] }, { encoding: { x: { field: 'x', type: 'quantitative', bin: { step: 1e-9 } } } }),
    },
    {
      name: 'bin with 10^7 maxbins',
      expect: 'note',
      spec: points({ values: [{ x: 1 }, { x: 2 }] }, { encoding: { x: { field: 'x', type: 'quantitative', bin: { maxbins: 1e7 } } } }),
    },
    {
      name: 'axis with 10^7 ticks',
      expect: 'note',
      spec: points({ values: [{ x: 1 }] }, { encoding: { x: { field: 'x', type: 'quantitative', axis: { tickCount: 1e7 } } } }),
    },
    { name: 'chart 10^7 pixels wide', expect: 'note', spec: points({ values: [{ x: 1 }] }, { width: 1e7 }) },
    { name: 'spec nested 1,000 deep', expect: 'note', noteMatches: /nested deeper than 64 levels/, spec: bars({ title: nested(1_000) }) },
    { name: 'spec of 6 MB', expect: 'note', noteMatches: /bytes of JSON/, spec: bars({ description: 'x'.repeat(6_000_000) }) },

    // Malformed or odd outputs.
    { name: 'spec is a string that is not JSON', expect: 'note', spec: '{"mark": "bar"' },
    { name: 'spec is an array', expect: 'note', spec: [bars()] },
    { name: 'spec is null', expect: 'note', spec: null },
    {
      name: 'spec Vega-Lite rejects',
      expect: 'note',
      noteMatches: /cannot compile it/,
      spec: { $schema: VL, data: { values: rows }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal', scale: { type: 'nonsense' } } }, facet: 1 },
    },
    {
      name: 'spec with a time unit vega cannot run',
      expect: 'note',
      noteMatches: /vega could not render it \(.*time unit/i,
      spec: {
        $schema: VL,
        mark: { type: 'bar' },
        encoding: { x: { field: 'a', type: 'nominal', timeUnit: { unit: 'nonsense' } } },
        data: { values: rows },
        transform: [{ nonsense: 1 }],
      },
    },
    {
      name: 'expression reaching for window',
      expect: 'note',
      noteMatches: /cannot compile it/,
      spec: bars({ transform: [{ calculate: `window.${PWNED}=109`, as: 'w' }] }),
    },

    // Script-looking text is data: shown, escaped, never run.
    {
      name: 'title and values that close the script element',
      expect: 'shown',
      spec: bars({
        title: `</script><script>window.${PWNED}=110</script><!--`,
        data: { values: [{ a: `</script><img src=x onerror=window.${PWNED}=111>`, b: 1 }] },
      }),
    },
    {
      name: 'facet with columns (Vega-Lite bounds its header sequence)',
      expect: 'shown',
      spec: {
        $schema: VL,
        data: { values: rows },
        facet: { field: 'a', type: 'nominal' },
        columns: 2,
        spec: { mark: 'bar', encoding: { y: { field: 'b', type: 'quantitative' } } },
      },
    },
    { name: 'tooltip with HTML', expect: 'shown', spec: bars({}, { tooltip: { value: `<img src=x onerror="window.${PWNED}=112">` } }) },
  ];
}

/** A minimal SVG saved with an output (the site shows it as an <img>, where its link and script are inert). */
export const SAVED_SVG = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="80"><a xlink:href="javascript:window.${PWNED}=130"><rect width="120" height="80" fill="#4c78a8"/></a><script>window.${PWNED}=131</script></svg>`;

/** An executed notebook with one code cell per chart, each showing the chart as a display_data output. */
export function hostileChartsNotebook(charts: readonly HostileChart[]): Record<string, unknown> {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'convkit-tslab', display_name: 'TypeScript (convkit)', language: 'typescript' } },
    cells: [
      { cell_type: 'markdown', id: 'title', metadata: {}, source: '# Hostile charts' },
      ...charts.map((chart, index) => ({
        cell_type: 'code',
        id: `chart${index}`,
        metadata: {},
        source: `// case ${index}: ${chart.name}`,
        execution_count: index + 1,
        outputs: [
          {
            output_type: 'display_data',
            metadata: {},
            data: {
              'application/vnd.vegalite.v5+json': chart.spec,
              ...(chart.withSvg ? { 'image/svg+xml': SAVED_SVG } : {}),
              'text/plain': `chart: ${chart.name}`,
            },
          },
        ],
      })),
    ],
  };
}
