/**
 * Escapes text for HTML element content and quoted attribute values.
 *
 * The one definition in the kit: the cost model's HTML summary
 * (src/cost/render.ts), the notebook tables and images (src/plot) and the
 * lecture-notes site (src/notebook/site) all put text into HTML through
 * here, so a table cell holding "<script>" shows those characters instead of
 * running them. It lives in this neutral folder because data flows
 * models → cost → plot, and the cost model must not import the plotting code.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
