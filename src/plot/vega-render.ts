import { createHash } from 'node:crypto';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { ConvkitInputError } from '../core/errors';
import { useChartFontMetrics } from './chart-font';

/**
 * A Vega-Lite v5 spec, as plain data. Builders in src/plot/charts return
 * these; `show()` sends them to the notebook; the lecture notes embed them.
 */
export type VegaLiteSpec = TopLevelSpec;

/**
 * Compiles Vega-Lite to Vega in Node (vega-lite 5.23, the version JupyterLab 4
 * and VS Code render with), so a spec that fails here fails the same way there.
 * A spec that Vega-Lite rejects raises a ConvkitInputError naming the spec.
 */
export function compileVegaLite(spec: VegaLiteSpec): vega.Spec {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new ConvkitInputError('spec', spec, 'must be a Vega-Lite spec object');
  }
  try {
    return vegaLite.compile(spec).spec;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConvkitInputError('spec', describeForError(spec), `must compile with Vega-Lite 5 (${reason})`);
  }
}

/**
 * Renders a Vega-Lite spec to an SVG string in Node: vega's View with the
 * "none" renderer builds the scenegraph headless and toSVG() serialises it,
 * so no browser, canvas or native module is needed. Data must be inline (a
 * `url` would make rendering depend on the network), and the same spec gives
 * the same bytes on every run.
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<string> {
  return renderCompiledSvg(requireInlineData(compileVegaLite(spec)));
}

/**
 * renderSvg for a spec already compiled and checked by requireInlineData, so
 * a caller that validated it up front (show) does not compile it twice.
 */
export async function renderCompiledSvg(compiled: vega.Spec): Promise<string> {
  const view = headlessView(compiled);
  try {
    return stableSvgIds(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/**
 * A vega View that lays the chart out in Node without drawing it: text is
 * measured with the chart font (chart-font.ts), and data can only be inline.
 * The caller runs it (runAsync, toSVG) and finalizes it.
 */
export function headlessView(compiled: vega.Spec): vega.View {
  useChartFontMetrics();
  return new vega.View(vega.parse(compiled), {
    renderer: 'none',
    logLevel: vega.Error,
    loader: refusingLoader(),
  });
}

/** Throws unless every dataset of a compiled chart is inline: rendering must not depend on files or the network. */
export function requireInlineData(compiled: vega.Spec): vega.Spec {
  for (const dataset of compiled.data ?? []) {
    if ('url' in dataset) {
      throw new ConvkitInputError(`data "${dataset.name}".url`, dataset.url, 'charts must carry their data inline (values)');
    }
  }
  return compiled;
}

/**
 * Vega numbers gradients and clip paths from a process-wide counter
 * (gradient_0, then gradient_1 for the next chart), so the same chart
 * rendered twice differs. Renaming every numbered id in order of appearance
 * makes the bytes depend on the chart alone; the prefix, a hash of the SVG,
 * keeps ids distinct when several charts are inlined into one HTML page.
 */
export function stableSvgIds(svg: string): string {
  const numbered = /\bid="([A-Za-z_][\w-]*?)(\d+)"/g;
  const renames = new Map<string, string>();
  const counters = new Map<string, number>();
  for (const match of svg.matchAll(numbered)) {
    const original = match[1] + match[2];
    if (renames.has(original)) continue;
    const index = counters.get(match[1]) ?? 0;
    counters.set(match[1], index + 1);
    renames.set(original, `${match[1]}${index}`);
  }
  if (renames.size === 0) return svg;
  const rename = (text: string, prefix: string) =>
    text.replace(/(\bid="|url\(#|href="#)([A-Za-z_][\w-]*?\d+)(?=[")])/g, (whole, lead: string, id: string) =>
      renames.has(id) ? `${lead}${prefix}${renames.get(id)}` : whole,
    );
  const hash = createHash('sha256').update(rename(svg, '')).digest('hex').slice(0, 8);
  return rename(svg, `cvk${hash}-`);
}

/** A loader that loads nothing: a chart reaching for a file or URL fails loudly. */
function refusingLoader(): vega.Loader {
  const loader = vega.loader();
  loader.load = (uri: string) => Promise.reject(new ConvkitInputError('data.url', uri, 'charts must carry their data inline (values)'));
  return loader;
}

/** The spec's title (or description) stands for it in error messages; a whole spec is too long. */
function describeForError(spec: object): string {
  const record = spec as Record<string, unknown>;
  const title = record.title ?? record.description;
  return typeof title === 'string' ? title : '(untitled chart)';
}
