import type { Config } from 'vega-lite';

/**
 * One look for every chart in the kit. Builders never set fonts, sizes or
 * colours themselves; they attach this config, so a chart rendered in Node,
 * in JupyterLab and in the lecture notes looks the same.
 *
 * The font family is fixed because vega measures text in Node without a
 * canvas (an estimate from the font size), and a fixed family keeps the SVG
 * bytes identical from run to run and close to what a browser lays out.
 */
export const CHART_FONT_FAMILY = 'DejaVu Sans, Helvetica, Arial, sans-serif';

/** Okabe & Ito (2008) colour-blind-safe palette, for series and groups. */
export const CATEGORY_COLOURS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#CC79A7',
  '#56B4E9',
  '#F0E442',
  '#000000',
] as const;

export const convkitTheme: Config = {
  font: CHART_FONT_FAMILY,
  background: 'white',
  padding: 8,
  view: { continuousWidth: 360, continuousHeight: 220, stroke: '#d0d0d0' },
  title: { fontSize: 14, fontWeight: 'bold', anchor: 'start', offset: 8 },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    gridColor: '#e8e8e8',
    domainColor: '#888888',
    tickColor: '#888888',
  },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' },
  header: { labelFontSize: 12, titleFontSize: 12 },
  range: { category: [...CATEGORY_COLOURS] },
  line: { strokeWidth: 2 },
  point: { size: 36, filled: true },
  bar: { discreteBandSize: { band: 0.8 } },
};

/** The Vega-Lite schema URL every spec carries (v5, as JupyterLab 4 and VS Code render). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';
