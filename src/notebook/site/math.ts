import katex from 'katex';
import MarkdownIt = require('markdown-it');

type StateBlock = MarkdownIt.StateBlock;
type StateInline = MarkdownIt.StateInline;

/**
 * LaTeX math in the lecture notes, rendered at build time with KaTeX, so the
 * pages need no script to show formulas and read the same offline.
 *
 * KaTeX runs with trust: false (no \href, \url, \includegraphics or
 * \htmlClass: a formula cannot add links or markup), a macro expansion limit
 * (no endless \def loops) and throwOnError: false (a typo shows in red, in
 * place, instead of failing the build).
 */
export function renderMath(latex: string, displayMode: boolean): string {
  return katex.renderToString(latex, {
    displayMode,
    throwOnError: false,
    trust: false,
    strict: 'ignore',
    maxExpand: 1000,
    maxSize: 20,
    output: 'htmlAndMathml',
  });
}

/**
 * Strips one pair of delimiters from a text/latex output: $$…$$, $…$, \[…\]
 * or \(…\); an environment such as \begin{aligned}… is kept as it is.
 */
export function stripMathDelimiters(latex: string): string {
  const text = latex.trim();
  for (const [open, close] of [
    ['$$', '$$'],
    ['\\[', '\\]'],
    ['$', '$'],
    ['\\(', '\\)'],
  ]) {
    if (text.length >= open.length + close.length && text.startsWith(open) && text.endsWith(close)) {
      return text.slice(open.length, text.length - close.length).trim();
    }
  }
  return text;
}

const DOLLAR = 0x24;
const BACKSLASH = 0x5c;

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function isAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/**
 * `$…$` (inline) and `$$…$$` (display) inside a paragraph. Close to Pandoc's
 * rule, so prices and shell variables stay text: the opening $ must be
 * followed by a non-space, the closing $ preceded by a non-space and not
 * followed by a letter or digit; inline math holds no unescaped $, so in
 * "costs $5 and $10" both dollars stay text. `\$` is a literal dollar
 * (markdown-it's escape rule runs first).
 */
function mathInline(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src.charCodeAt(start) !== DOLLAR) return false;
  const display = src.charCodeAt(start + 1) === DOLLAR;
  const open = display ? 2 : 1;
  const contentStart = start + open;
  if (contentStart >= state.posMax) return false;
  if (!display && isWhitespace(src.charCodeAt(contentStart))) return false;
  for (let i = contentStart; i < state.posMax; i++) {
    const code = src.charCodeAt(i);
    if (code === BACKSLASH) {
      i++;
      continue;
    }
    if (code !== DOLLAR) continue;
    if (display) {
      if (src.charCodeAt(i + 1) !== DOLLAR) continue;
    } else if (isWhitespace(src.charCodeAt(i - 1)) || isAlphanumeric(src.charCodeAt(i + 1))) {
      // Not a closing $, and inline math holds no bare $: this opening $ was plain text.
      return false;
    }
    if (i === contentStart) return false;
    if (!silent) {
      const token = state.push(display ? 'math_display' : 'math_inline', 'math', 0);
      token.content = src.slice(contentStart, i);
      token.markup = display ? '$$' : '$';
    }
    state.pos = i + open;
    return true;
  }
  return false;
}

/** A `$$` block on its own lines (the opening and closing `$$` may share lines with the formula). */
function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  let pos = state.bMarks[startLine] + state.tShift[startLine];
  let max = state.eMarks[startLine];
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  if (pos + 2 > max || state.src.slice(pos, pos + 2) !== '$$') return false;
  pos += 2;
  let firstLine = state.src.slice(pos, max);
  let content: string;
  let lastLine = startLine;
  if (firstLine.trim().endsWith('$$')) {
    firstLine = firstLine.trim();
    content = firstLine.slice(0, firstLine.length - 2);
  } else {
    const lines = [firstLine];
    let found = false;
    for (let line = startLine + 1; line < endLine; line++) {
      pos = state.bMarks[line] + state.tShift[line];
      max = state.eMarks[line];
      if (pos < max && state.sCount[line] < state.blkIndent) break;
      const text = state.src.slice(pos, max);
      if (text.trim().endsWith('$$')) {
        const trimmed = text.trim();
        lines.push(trimmed.slice(0, trimmed.length - 2));
        lastLine = line;
        found = true;
        break;
      }
      lines.push(text);
    }
    if (!found) return false;
    content = lines.join('\n');
  }
  if (silent) return true;
  state.line = lastLine + 1;
  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.content = content.trim();
  token.markup = '$$';
  token.map = [startLine, state.line];
  return true;
}

/**
 * Adds the math rules to a markdown-it instance. `emit` turns rendered
 * KaTeX HTML into what goes into the page (the site uses it to put a
 * placeholder through the HTML sanitiser and the KaTeX markup back after).
 */
export function mathPlugin(md: MarkdownIt.MarkdownIt, emit: (html: string, display: boolean) => string): void {
  md.inline.ruler.after('escape', 'math_inline', mathInline);
  md.block.ruler.before('paragraph', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.renderer.rules.math_inline = (tokens, index) => emit(renderMath(tokens[index].content, false), false);
  md.renderer.rules.math_display = (tokens, index) => emit(renderMath(tokens[index].content, true), true);
  md.renderer.rules.math_block = (tokens, index) => `${emit(renderMath(tokens[index].content, true), true)}\n`;
}
