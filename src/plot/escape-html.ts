/**
 * Escapes text for HTML element content and double-quoted attribute values.
 * Every string the kit puts into text/html passes through here, so a table
 * cell holding "<script>" shows those characters instead of running them.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
