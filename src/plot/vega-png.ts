import { Resvg } from '@resvg/resvg-js';
import { CHART_FONT_FILES, CHART_FONT_NAME } from './chart-font';

/**
 * A chart's SVG as PNG bytes, for viewers that run no Vega and show no SVG
 * (GitHub's notebook view, many static viewers): resvg draws the SVG that
 * vega rendered in Node, with the chart font only (system fonts off), so the
 * bytes depend on the SVG and the pinned packages alone — the same on every
 * run and every machine.
 */

/**
 * Pixels per CSS pixel. 1: viewers show a PNG at its pixel size, so the image
 * is as large as the live chart, and the 41 lesson charts add about 1.3 MB of
 * base64 to the notebooks (2 would add 3.1 MB and show the charts twice as
 * large wherever the output carries no size).
 */
export const PNG_PIXEL_RATIO = 1;

export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    font: {
      loadSystemFonts: false,
      fontFiles: [CHART_FONT_FILES.regular, CHART_FONT_FILES.bold],
      defaultFontFamily: CHART_FONT_NAME,
      sansSerifFamily: CHART_FONT_NAME,
    },
    fitTo: { mode: 'zoom', value: PNG_PIXEL_RATIO },
    background: 'white',
    logLevel: 'off',
  });
  return resvg.render().asPng();
}
