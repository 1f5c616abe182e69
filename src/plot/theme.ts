import type { Config } from 'vega-lite';

/**
 * One look for every chart in the kit. Builders never set fonts, sizes or
 * colours themselves; they attach this config, so a chart rendered in Node,
 * in JupyterLab and in the lecture notes looks the same.
 *
 * The font family is fixed and named first: in Node, vega measures text with
 * that font's own glyph widths and resvg draws the PNG with it (chart-font.ts),
 * so the SVG and PNG bytes are identical from run to run and every label that
 * fits there fits in a browser too.
 */
export const CHART_FONT_FAMILY = 'DejaVu Sans, Helvetica, Arial, sans-serif';

/** Okabe & Ito (2008) colour-blind-safe palette, for series and groups. */
export const CATEGORY_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'] as const;

/**
 * Text limits, in pixels. Vega's defaults (180 for axis labels and legend
 * titles, 160 for legend labels) cut descriptive names such as "inverted residual,
 * t = 6 (MobileNet v2)" short with "…"; a label that names what it shows must
 * be read whole. test/plot/committed-charts.test.ts checks every committed
 * chart against them.
 */
export const LABEL_LIMIT = 320;

/**
 * Gap, in pixels, that vega's overlap removal keeps between neighbouring tick
 * labels (default 0: "300" and "400" may touch and read "300400").
 */
export const LABEL_SEPARATION = 4;

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
    // Axis titles get no limit (Vega sets none): a long title runs past the plot rather than being cut.
    labelLimit: LABEL_LIMIT,
    // Vega places the axis title beyond the labels but at most maxExtent (200 px)
    // from the axis, so longer labels ran under the title; leave room for the longest.
    maxExtent: LABEL_LIMIT + 16,
    labelSeparation: LABEL_SEPARATION,
    gridColor: '#e8e8e8',
    domainColor: '#888888',
    tickColor: '#888888',
  },
  // Vega-Lite pulls the end labels of a continuous x axis inside the plot
  // ("flush"); the last one then collides with its neighbour and overlap
  // removal hides it, e.g. the "1,024" at the end of the ratio chart's M axis.
  axisX: { labelFlush: false },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', labelLimit: LABEL_LIMIT, titleLimit: LABEL_LIMIT },
  header: { labelFontSize: 12, titleFontSize: 12 },
  range: { category: [...CATEGORY_COLOURS] },
  line: { strokeWidth: 2 },
  point: { size: 36, filled: true },
  bar: { discreteBandSize: { band: 0.8 } },
};

/** The Vega-Lite schema URL every spec carries (v5, as JupyterLab 4 and VS Code render). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';
