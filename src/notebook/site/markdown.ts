import { randomBytes } from 'node:crypto';
import MarkdownIt = require('markdown-it');
import { mathPlugin } from './math';
import { highlightTypeScript } from './highlight';
import { sanitizeNotebookHtml } from './sanitize';
import { escapeHtml } from '../../plot/escape-html';

/**
 * Markdown cells to HTML:
 *
 *   source ─► markdown-it (raw HTML on, math rules added) ─► HTML with
 *   math placeholders ─► sanitiser ─► placeholders replaced by KaTeX HTML
 *
 * Math is set aside before sanitising because KaTeX's markup (inline
 * styles, nested spans, MathML) is trusted output of a trusted renderer and
 * would be mangled by the notebook HTML policy; the placeholder is plain
 * text with a random per-process key, so a notebook cannot forge one.
 */
const PLACEHOLDER_KEY = randomBytes(8).toString('hex');
const PLACEHOLDER = new RegExp(`cvkmath${PLACEHOLDER_KEY}x(\\d+)x`, 'g');

export interface RenderedMarkdown {
  readonly html: string;
  /** Text of the first level-1 heading, if any (the page title). */
  readonly title?: string;
}

export function renderMarkdown(source: string): RenderedMarkdown {
  const formulas: string[] = [];
  const md = new MarkdownIt({
    html: true,
    linkify: false,
    typographer: false,
    highlight: (code, language) => (/^(ts|typescript|js|javascript)$/i.test(language) ? highlightTypeScript(code) : escapeHtml(code)),
  });
  mathPlugin(md, (html) => {
    formulas.push(html);
    return `cvkmath${PLACEHOLDER_KEY}x${formulas.length - 1}x`;
  });
  const tokens = md.parse(source, {});
  const html = sanitizeNotebookHtml(md.renderer.render(tokens, md.options, {})).replace(
    PLACEHOLDER,
    (whole, index: string) => formulas[Number(index)] ?? whole,
  );
  return { html, title: firstHeading(tokens) };
}

function firstHeading(tokens: MarkdownIt.Token[]): string | undefined {
  const open = tokens.findIndex((token) => token.type === 'heading_open' && token.tag === 'h1');
  if (open < 0) return undefined;
  const inline = tokens[open + 1];
  const text = (inline?.children ?? [])
    .map((child) => (child.type === 'math_inline' || child.type === 'math_display' ? child.content : child.type === 'text' || child.type === 'code_inline' ? child.content : ''))
    .join('')
    .trim();
  return text === '' ? undefined : text;
}
