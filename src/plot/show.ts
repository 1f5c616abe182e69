import { inspect } from 'node:util';
import { MIME, MimeBundle } from './mime-bundle';
import { displayed } from './kernel-display';
import { compileVegaLite, renderCompiledSvg, renderSvg, requireInlineData, VegaLiteSpec } from './vega-render';
import { svgToPng } from './vega-png';

export interface ShowOptions {
  /** The one-line text/plain description; default: built from the spec's title and mark. */
  readonly text?: string;
}

/**
 * Builds the display bundle for a chart without sending it: the Vega-Lite
 * JSON (live in JupyterLab and VS Code), its SVG rendered in Node (nbconvert,
 * the HTML notes), a PNG drawn from that SVG (GitHub and other viewers that
 * run no Vega and show no SVG) and a one-line text/plain description.
 */
export async function chartBundle(spec: VegaLiteSpec, options: ShowOptions = {}): Promise<MimeBundle> {
  return bundleWithSvg(spec, await renderSvg(spec), options);
}

function bundleWithSvg(spec: VegaLiteSpec, svg: string, options: ShowOptions): MimeBundle {
  // A JSON round trip gives the front end plain data (no undefined fields, no shared objects).
  const json = JSON.parse(JSON.stringify(spec)) as object;
  return {
    [MIME.vegaLite]: json,
    [MIME.svg]: svg,
    [MIME.png]: svgToPng(svg).toString('base64'),
    [MIME.plain]: options.text ?? describeChart(spec),
  };
}

/**
 * Shows a chart in the notebook as ONE display_data message with four MIME
 * types. Use it as `await show(chart)`: rendering the SVG is asynchronous and
 * the message must leave before the cell ends. Inside a kernel it returns
 * nothing; elsewhere it prints the text line and returns the bundle.
 */
export function show(spec: VegaLiteSpec, options: ShowOptions = {}): Promise<MimeBundle | undefined> {
  // A bad spec throws here, synchronously, as the cell's own error (not a
  // rejected promise that a cell without await would leave unhandled).
  const compiled = requireInlineData(compileVegaLite(spec));
  const shown = renderCompiledSvg(compiled)
    .then((svg) => bundleWithSvg(spec, svg, options))
    .then(displayed);
  // A cell ending in `show(chart)` without await would print "Promise { <pending> }"
  // (tslab prints a cell's last value) and the chart could arrive after the cell
  // ended, missing from the saved notebook. Print the fix instead.
  return Object.assign(shown, { [inspect.custom]: () => PENDING_HINT });
}

/** What an un-awaited show() prints as a cell's value. */
export const PENDING_HINT = 'show(): the chart is still rendering; write `await show(…)` so it lands in this cell';

/** "Vega-Lite chart: <title> (<marks>)", the line a terminal or a log shows. */
export function describeChart(spec: VegaLiteSpec): string {
  const record = spec as unknown as Record<string, unknown>;
  const title = titleText(record.title) ?? (typeof record.description === 'string' ? record.description : undefined);
  const marks = [...new Set(collectMarks(record))];
  const markText = marks.length > 0 ? ` (${marks.join(', ')})` : '';
  return `Vega-Lite chart${title !== undefined ? `: ${title}` : ''}${markText}`;
}

function titleText(title: unknown): string | undefined {
  if (typeof title === 'string') return title;
  if (Array.isArray(title)) return title.join(' ');
  if (title !== null && typeof title === 'object') return titleText((title as Record<string, unknown>).text);
  return undefined;
}

function collectMarks(node: Record<string, unknown>): string[] {
  const marks: string[] = [];
  const mark = node.mark;
  if (typeof mark === 'string') marks.push(mark);
  else if (mark !== null && typeof mark === 'object' && typeof (mark as Record<string, unknown>).type === 'string') {
    marks.push((mark as Record<string, string>).type);
  }
  for (const key of ['layer', 'hconcat', 'vconcat', 'concat'] as const) {
    const children = node[key];
    if (Array.isArray(children)) for (const child of children) marks.push(...collectMarks(child as Record<string, unknown>));
  }
  const inner = node.spec;
  if (inner !== null && typeof inner === 'object') marks.push(...collectMarks(inner as Record<string, unknown>));
  return marks;
}
