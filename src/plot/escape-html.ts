/**
 * escapeHtml for the plotting code and the lecture-notes site. The single
 * definition is in src/text/escape-html.ts (shared with the cost model, which
 * must not import src/plot); this path keeps existing imports working.
 */
export { escapeHtml } from '../core/escape-html';
