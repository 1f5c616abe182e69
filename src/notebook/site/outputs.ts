import { escapeHtml } from '../../core/escape-html';
import type { VegaLiteSpec } from '../../plot/vega-render';
import { describeChart } from '../../plot/show';
import type { Output } from '../nbformat';
import { chartFigure, svgImageSource } from './chart-embed';
import { checkChartSpec } from './chart-policy';
import { renderCheckedChartSvg } from './chart-svg';
import { renderMarkdown } from './markdown';
import { renderMath, stripMathDelimiters } from './math';
import { sanitizeNotebookHtml } from './sanitize';

/**
 * One cell output to HTML. From a display bundle the site shows the richest
 * representation it can, in this order:
 *
 *   Vega-Lite JSON (interactive chart, SVG fallback) > text/html (sanitised)
 *   > image/svg+xml (as <img>) > PNG/JPEG/GIF > text/latex (KaTeX)
 *   > text/markdown > text/plain
 *
 * Everything is treated as untrusted: strings are escaped, HTML sanitised,
 * base64 checked, and a malformed output becomes a short note, not a crash.
 */

/**
 * Counts charts across a page, so every figure gets its own index; `notes`
 * counts chart outputs shown as a note instead, `cleaned` charts shown after
 * something was removed from their spec (chart-policy.ts).
 */
export interface PageCharts {
  count: number;
  notes?: number;
  cleaned?: number;
}

const VEGA_LITE_MIME = /^application\/vnd\.vegalite\.v[45]\+json$/;
const RASTER_MIMES = ['image/png', 'image/jpeg', 'image/gif'] as const;
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal colour codes start with the ESC control character
const ANSI_ESCAPE = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** nbformat keeps text either as a string or as a list of lines. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((line) => typeof line === 'string')) return value.join('');
  return undefined;
}

function plainBlock(text: string, kind: string): string {
  return `<pre class="output ${kind}">${escapeHtml(text.replace(ANSI_ESCAPE, ''))}</pre>`;
}

export async function renderOutput(output: Output, charts: PageCharts): Promise<string> {
  if (output === null || typeof output !== 'object') return '';
  switch (output.output_type) {
    case 'stream': {
      const text = textOf(output.text) ?? '';
      return plainBlock(text, output.name === 'stderr' ? 'output-stderr' : 'output-stdout');
    }
    case 'error': {
      const traceback = Array.isArray(output.traceback) ? output.traceback.map(String).join('\n') : '';
      return plainBlock(traceback || `${String(output.ename)}: ${String(output.evalue)}`, 'output-error');
    }
    case 'display_data':
    case 'execute_result':
      return renderBundle(output.data ?? {}, charts);
    default:
      return '';
  }
}

async function renderBundle(data: Record<string, unknown>, charts: PageCharts): Promise<string> {
  if (data === null || typeof data !== 'object') return '';
  const plain = textOf(data['text/plain']);

  const vegaLiteMime = Object.keys(data).find((mime) => VEGA_LITE_MIME.test(mime));
  if (vegaLiteMime !== undefined) return renderChart(data[vegaLiteMime], data, plain, charts);
  const html = textOf(data['text/html']);
  if (html !== undefined) return `<div class="output output-html">${sanitizeNotebookHtml(html)}</div>`;

  const svg = textOf(data['image/svg+xml']);
  if (svg !== undefined) {
    return `<div class="output output-image"><img src="${svgImageSource(svg)}" alt="${escapeHtml(plain ?? 'SVG image')}"></div>`;
  }
  for (const mime of RASTER_MIMES) {
    const base64 = textOf(data[mime])?.replace(/\s+/g, '');
    if (base64 !== undefined && /^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
      return `<div class="output output-image"><img src="data:${mime};base64,${base64}" alt="${escapeHtml(plain ?? 'image')}"></div>`;
    }
  }
  const latex = textOf(data['text/latex']);
  if (latex !== undefined) return `<div class="output output-latex">${renderMath(stripMathDelimiters(latex), true)}</div>`;

  const markdown = textOf(data['text/markdown']);
  if (markdown !== undefined) return `<div class="output output-markdown">${renderMarkdown(markdown).html}</div>`;

  if (plain !== undefined) return plainBlock(plain, 'output-plain');
  const types = Object.keys(data).join(', ');
  return types === '' ? '' : `<p class="output output-note">(output of type ${escapeHtml(types)} not shown)</p>`;
}

/**
 * A chart output: checked by the site's chart policy, then shown as a figure
 * (saved SVG, or one rendered now, plus the cleaned spec for the live view).
 * A refused spec, or one vega cannot render, becomes a one-line note in the
 * cell and the build goes on.
 */
async function renderChart(value: unknown, data: Record<string, unknown>, plain: string | undefined, charts: PageCharts): Promise<string> {
  const check = checkChartSpec(parseSpec(value));
  if (check.kind === 'refused') return chartNote(check.reason, charts);
  let svg = textOf(data['image/svg+xml']);
  if (svg === undefined) {
    try {
      svg = await renderCheckedChartSvg(check.compiled);
    } catch (error) {
      return chartNote(`vega could not render it (${(error instanceof Error ? error.message : String(error)).split('\n')[0]})`, charts);
    }
  }
  const description = plain ?? describeChart(check.spec as unknown as VegaLiteSpec);
  charts.count += 1;
  if (check.removed.length > 0) charts.cleaned = (charts.cleaned ?? 0) + 1;
  return `<div class="output output-chart">${chartFigure(charts.count, check.spec, svg, description)}</div>`;
}

function chartNote(reason: string, charts: PageCharts): string {
  charts.notes = (charts.notes ?? 0) + 1;
  const line = reason.length > 300 ? `${reason.slice(0, 297)}…` : reason;
  return `<p class="output output-note output-chart-refused">Chart not shown: ${escapeHtml(line)}</p>`;
}

/** A Vega-Lite spec arrives as a JSON object (or, from some writers, a JSON string). */
function parseSpec(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
