/**
 * A MIME bundle: one Jupyter display_data message carrying several
 * representations of the same thing. The front end picks the richest one it
 * can render (JupyterLab ranks text/html and the Vega-Lite JSON above images,
 * images above text/plain), so a chart stays interactive in JupyterLab and
 * VS Code, shows as SVG on GitHub and in nbconvert, and still reads as one
 * line of text in a terminal.
 */

/** The MIME types the kit emits, named once so no file spells them twice. */
export const MIME = {
  vegaLite: 'application/vnd.vegalite.v5+json',
  svg: 'image/svg+xml',
  png: 'image/png',
  html: 'text/html',
  latex: 'text/latex',
  plain: 'text/plain',
} as const;

export type MimeType = (typeof MIME)[keyof typeof MIME];

/**
 * The `data` part of a display_data message. Binary types (image/png) are
 * base64 strings, as the Jupyter protocol wants them; +json types are JSON
 * objects, not strings. text/plain is always present.
 */
export interface MimeBundle {
  readonly [MIME.plain]: string;
  readonly [MIME.vegaLite]?: object;
  readonly [MIME.svg]?: string;
  readonly [MIME.png]?: string;
  readonly [MIME.html]?: string;
  readonly [MIME.latex]?: string;
}
