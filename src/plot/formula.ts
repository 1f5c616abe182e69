import { ConvkitInputError } from '../core/errors';
import { MIME, MimeBundle } from './mime-bundle';
import { displayed } from './kernel-display';

/**
 * The bundle for a display formula: text/latex wrapped in $$…$$ (rendered by
 * MathJax in JupyterLab, by KaTeX in the lecture notes) and the raw LaTeX as
 * text/plain. `latex` is the formula body without delimiters, e.g. the
 * output of a mathjs node's toTex().
 */
export function formulaBundle(latex: string): MimeBundle {
  if (typeof latex !== 'string' || latex.trim() === '') {
    throw new ConvkitInputError('latex', latex, 'must be a non-empty LaTeX string');
  }
  const body = stripDelimiters(latex.trim());
  return { [MIME.latex]: `$$${body}$$`, [MIME.plain]: body };
}

/** Shows a formula in the notebook (see formulaBundle). */
export function showFormula(latex: string): MimeBundle | undefined {
  return displayed(formulaBundle(latex));
}

/** Accepts "$$x$$" or "$x$" too, so a caller's own delimiters are not doubled. */
function stripDelimiters(latex: string): string {
  const display = /^\$\$([\s\S]*)\$\$$/.exec(latex);
  if (display) return display[1].trim();
  const inline = /^\$([\s\S]*)\$$/.exec(latex);
  if (inline) return inline[1].trim();
  return latex;
}
