/**
 * The part of opentype.js 2.0 (which ships no type declarations) that
 * chart-font.ts uses: parse a TrueType file and read glyph advances and
 * kerning, in font units.
 */
declare module 'opentype.js' {
  export interface Glyph {
    readonly index: number;
    readonly advanceWidth?: number;
  }
  /** GPOS lookups, opaque here. */
  export type KerningLookups = readonly unknown[];
  export interface Position {
    getKerningTables(script: string, language?: string): KerningLookups | undefined;
    getKerningValue(lookups: KerningLookups, leftIndex: number, rightIndex: number): number;
  }
  export interface Font {
    readonly unitsPerEm: number;
    readonly position: Position;
    charToGlyph(character: string): Glyph;
  }
  export function parse(buffer: ArrayBuffer): Font;
}
