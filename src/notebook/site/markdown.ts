import { randomBytes } from 'node:crypto';
import MarkdownIt = require('markdown-it');
import { mathPlugin } from './math';
import { highlightTypeScript } from './highlight';
import { sanitizeNotebookHtml } from './sanitize';
import { escapeHtml } from '../../core/escape-html';

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

/** A heading of a Markdown cell, for the contents page. */
export interface MarkdownHeading {
  /** 1 for #, 2 for ##, … */
  readonly level: number;
  /** Plain text (math as its LaTeX source). */
  readonly text: string;
  /** Anchor id, "sec-…", unique within the page. */
  readonly id: string;
}

export interface RenderedMarkdown {
  readonly html: string;
  /** Text of the first level-1 heading, if any (the page title). */
  readonly title?: string;
  /** Level-1 to level-3 headings, in order, with the ids set on them. */
  readonly headings: MarkdownHeading[];
}

export interface MarkdownOptions {
  /**
   * Ids already used on the page; new heading ids avoid them and are added.
   * Pass one set for all cells of a page so anchors stay unique across cells.
   */
  readonly usedIds?: Set<string>;
}

export function renderMarkdown(source: string, options: MarkdownOptions = {}): RenderedMarkdown {
  const formulas: string[] = [];
  const usedIds = options.usedIds ?? new Set<string>();
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
  const headings = anchorHeadings(tokens, usedIds);
  const html = sanitizeNotebookHtml(md.renderer.render(tokens, md.options, {})).replace(
    PLACEHOLDER,
    (whole, index: string) => formulas[Number(index)] ?? whole,
  );
  return { html, title: headings.find((heading) => heading.level === 1)?.text, headings };
}

/** Gives h1–h3 an id "sec-<slug>" (the sanitiser keeps exactly this form) and lists them. */
function anchorHeadings(tokens: MarkdownIt.Token[], usedIds: Set<string>): MarkdownHeading[] {
  const headings: MarkdownHeading[] = [];
  tokens.forEach((token, index) => {
    if (token.type !== 'heading_open') return;
    const level = Number(token.tag.slice(1));
    if (level > 3) return;
    const text = plainText(tokens[index + 1]);
    if (text === '') return;
    const slug =
      text
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 60) || 'section';
    let id = `sec-${slug}`;
    for (let n = 2; usedIds.has(id); n++) id = `sec-${slug}-${n}`;
    usedIds.add(id);
    token.attrSet('id', id);
    headings.push({ level, text, id });
  });
  return headings;
}

function plainText(inline: MarkdownIt.Token | undefined): string {
  return (inline?.children ?? [])
    .map((child) => (['math_inline', 'math_display', 'text', 'code_inline'].includes(child.type) ? child.content : ''))
    .join('')
    .trim();
}
