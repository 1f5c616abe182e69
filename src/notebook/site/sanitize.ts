import sanitizeHtml from 'sanitize-html';

/**
 * The one HTML policy for everything a notebook brings into the site:
 * Markdown cells (raw HTML allowed in them) and text/html outputs.
 *
 * Kept: text structure, tables, lists, links, images, figures, <details>.
 * Dropped: <script>, <style>, <iframe>, <object>, <svg> inline (an SVG
 * output is shown as an <img>, where scripts never run), forms, every event
 * handler (on…=) and every attribute not listed here, including id (which
 * could shadow the page's own elements; only headings keep an id, and only
 * of the "sec-…" form the site gives them) and data-* (which the chart
 * loader uses to find the kit's charts).
 * Links: http, https, mailto and relative only (no javascript:, data:,
 * vbscript:); images: data: and relative only, so a page never fetches from
 * the network. Inline styles: only text alignment in table cells (Markdown
 * tables) and the grid layout of the kit's image grids (whose columns are
 * made able to shrink, see the div transform).
 *
 * A second line of defence is the pages' Content-Security-Policy, which
 * allows scripts only from the site's own files.
 */
/** Text in table cells and links, where a long URL or identifier would otherwise widen the table or page. */
const BREAKABLE_TEXT = new Set(['td', 'th', 'a']);

/**
 * Lets a run of 30 or more non-space characters (a URL in a table's source
 * column) break after / . _ - ? = , : the page keeps the whole text and its
 * copy, and the table fits the screen or the printed page without breaking
 * ordinary words.
 */
export function breakLongTokens(escapedText: string): string {
  return escapedText.replace(/\S{30,}/g, (token) => token.replace(/([/._\-?=,])(?=[^\s])/g, '$1<wbr>'));
}

const POLICY: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'img',
    'figure',
    'figcaption',
    'details',
    'summary',
    'del',
    'ins',
    'kbd',
    'mark',
    'sub',
    'sup',
    'span',
    'div',
  ].filter((tag) => tag !== 'style'),
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['class', 'style', 'colspan', 'rowspan'],
    td: ['class', 'style', 'colspan', 'rowspan'],
    ol: ['start'],
    code: ['class'],
    div: ['class', 'style'],
    ...Object.fromEntries(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((tag) => [tag, ['id', 'class', 'title']])),
    '*': ['class', 'title'],
  },
  allowedStyles: {
    th: { 'text-align': [/^(left|right|center)$/] },
    td: { 'text-align': [/^(left|right|center)$/] },
    div: {
      display: [/^grid$/],
      'grid-template-columns': [/^repeat\(\d{1,3},\s*minmax\(0,\s*max-content\)\)$/],
      gap: [/^\d{1,3}px$/],
    },
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['data'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // sanitize-html passes text already escaped; only <wbr> is added, after punctuation, never inside an entity.
  textFilter: (text, tagName) => (BREAKABLE_TEXT.has(tagName) ? breakLongTokens(text) : text),
  transformTags: {
    // Headings keep only the anchor ids the site itself sets (sec-…), for the contents page.
    ...Object.fromEntries(
      ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((tag) => [
        tag,
        (tagName: string, attribs: sanitizeHtml.Attributes) => {
          const { id, ...rest } = attribs;
          return { tagName, attribs: id !== undefined && /^sec-[a-z0-9-]{1,80}$/.test(id) ? { ...rest, id } : rest };
        },
      ]),
    ),
    // The kit's image grids ask for N columns of max-content: as minmax(0, max-content)
    // the same N columns shrink to fit a narrow screen or a printed page instead of running off it.
    div: (tagName, attribs) => {
      const style = attribs.style?.replace(
        /grid-template-columns:\s*repeat\((\d{1,3}),\s*max-content\)/,
        'grid-template-columns:repeat($1,minmax(0,max-content))',
      );
      return { tagName, attribs: style === undefined ? attribs : { ...attribs, style } };
    },
    // Links leave the site in a new context without access to it.
    a: (tagName, attribs) => {
      const external = /^(https?:|mailto:)/i.test(attribs.href ?? '');
      return { tagName, attribs: external ? { ...attribs, rel: 'noopener noreferrer' } : attribs };
    },
  },
};

// rel is set by the transform above, never taken from the notebook.
POLICY.allowedAttributes = { ...(POLICY.allowedAttributes as Record<string, string[]>), a: ['href', 'title', 'rel'] };

/** Cleans notebook HTML for the site (see POLICY above). */
export function sanitizeNotebookHtml(html: string): string {
  return sanitizeHtml(html, POLICY);
}
