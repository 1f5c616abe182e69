import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as opentype from 'opentype.js';
import * as vega from 'vega';

/**
 * The one font every chart is laid out and drawn with in Node: DejaVu Sans
 * (regular and bold) from the dejavu-fonts-ttf package, the first family of
 * the theme (theme.ts).
 *
 * Vega lays text out itself (label limits, truncation with "…", overlap
 * removal, legend widths), and without a canvas it guesses every string as
 * 0.8 × font size per character — far wider than the text a browser draws, so
 * labels were cut short in the Node SVG although they fit. Measuring with the
 * real glyph advances of the font that the PNG is drawn with makes the layout,
 * the SVG and the PNG agree, and makes them independent of the fonts
 * installed on the machine. DejaVu Sans is wider than Helvetica and Arial, the
 * theme's fallbacks, so a label that fits here also fits in a browser that
 * lacks DejaVu.
 */

/** Absolute paths of the font files, for the PNG renderer (vega-png.ts). */
export const CHART_FONT_FILES: { readonly regular: string; readonly bold: string } = (() => {
  const folder = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return { regular: join(folder, 'DejaVuSans.ttf'), bold: join(folder, 'DejaVuSans-Bold.ttf') };
})();

/** The family name inside those files (what the SVG's font-family must name first). */
export const CHART_FONT_NAME = 'DejaVu Sans';

interface Face {
  readonly font: opentype.Font;
  /** The GPOS pair-kerning lookups for Latin script, which resvg's shaper applies to the charts' text. */
  readonly kerning: opentype.KerningLookups;
}

let faces: { regular: Face; bold: Face } | undefined;

function loadFaces(): { regular: Face; bold: Face } {
  if (faces === undefined) {
    const parse = (path: string): Face => {
      const bytes = readFileSync(path);
      const font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      return { font, kerning: font.position.getKerningTables('latn') ?? [] };
    };
    faces = { regular: parse(CHART_FONT_FILES.regular), bold: parse(CHART_FONT_FILES.bold) };
  }
  return faces;
}

/** CSS weights 600 and up, and the keywords bold/bolder, are drawn with the bold face. */
export function isBold(weight: unknown): boolean {
  if (typeof weight === 'number') return weight >= 600;
  if (typeof weight === 'string') return weight === 'bold' || weight === 'bolder' || Number(weight) >= 600;
  return false;
}

const widthCache = new Map<string, number>();

/**
 * Width in pixels of one line of text at `fontSize` px: the sum of the glyph
 * advances plus GPOS pair kerning, as resvg shapes it (DejaVu has no
 * ligatures in the Latin and Greek text the charts use).
 */
export function textWidth(text: string, fontSize: number, bold = false): number {
  if (!(fontSize > 0) || text.length === 0) return 0;
  const key = `${bold ? 'b' : 'r'}|${text}`;
  let units = widthCache.get(key);
  if (units === undefined) {
    const { font, kerning } = bold ? loadFaces().bold : loadFaces().regular;
    units = 0;
    let previous: opentype.Glyph | undefined;
    for (const character of text) {
      const glyph = font.charToGlyph(character);
      units += glyph.advanceWidth ?? 0;
      if (previous !== undefined) units += font.position.getKerningValue(kerning, previous.index, glyph.index);
      previous = glyph;
    }
    units /= font.unitsPerEm;
    widthCache.set(key, units);
  }
  return units * fontSize;
}

interface TextItem {
  readonly fontSize?: number | string;
  readonly fontWeight?: number | string;
}

/** Vega's size rule: an item without a font size is drawn at 11 px. */
export function itemFontSize(item: TextItem): number {
  return item.fontSize != null ? Number(item.fontSize) || 0 : 11;
}

/** The width of `text` as the item draws it (its size and weight). */
export function itemTextWidth(item: TextItem, text: unknown): number {
  const line = text == null ? '' : String(text).trim();
  return textWidth(line, itemFontSize(item), isBold(item.fontWeight));
}

let installed = false;

/**
 * Makes vega measure text with the chart font (its documented hook for a
 * user-defined measure, textMetrics.width). Process-wide and idempotent:
 * every chart the kit renders in Node goes through it.
 */
export function useChartFontMetrics(): void {
  if (installed) return;
  // vega-scenegraph exports textMetrics, but vega's type declarations leave it out.
  const metrics = (vega as unknown as { textMetrics: { width: (item: TextItem, text: unknown) => number } }).textMetrics;
  metrics.width = itemTextWidth;
  installed = true;
}
