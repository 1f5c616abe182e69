import hljs from 'highlight.js/lib/core';
import typescript from 'highlight.js/lib/languages/typescript';
import { escapeHtml } from '../../core/escape-html';

hljs.registerLanguage('typescript', typescript);

/**
 * Code cells as highlighted HTML (highlight.js, TypeScript grammar only: the
 * notebooks run in tslab). highlight.js escapes the source itself and only
 * adds <span class="hljs-…">, so the result is safe to put in a page.
 */
export function highlightTypeScript(source: string): string {
  try {
    return hljs.highlight(source, { language: 'typescript', ignoreIllegals: true }).value;
  } catch {
    return escapeHtml(source);
  }
}
