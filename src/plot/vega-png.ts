import { Resvg } from '@resvg/resvg-js';
import { CHART_FONT_FILES, CHART_FONT_NAME } from './chart-font';

/**
 * A chart's SVG as PNG bytes, for viewers that run no Vega and show no SVG
 * (GitHub's notebook view, many static viewers): resvg draws the SVG that
 * vega rendered in Node, with the chart font only (system fonts off), so the
 * bytes depend on the SVG and the pinned packages alone — the same on every
 * run and every machine.
 */

/** Pixels per CSS pixel: 2 keeps 11 px labels sharp on high-density screens; the image is shown at its CSS size. */
export const PNG_PIXEL_RATIO = 2;

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
