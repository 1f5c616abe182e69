import assert from 'node:assert/strict';
import * as vega from 'vega';
import { compileVegaLite, renderSvg, VegaLiteSpec } from '../../../src/plot/vega-render';

/**
 * Compiles a built spec with Vega-Lite, renders it with Vega in Node and
 * checks the SVG has a real size and at least `minMarks` drawn mark items
 * of the given role (e.g. 'mark-line', 'mark-rect').
 */
export async function assertRenders(spec: VegaLiteSpec, markClass: string, minMarks = 1): Promise<string> {
  compileVegaLite(spec);
  const svg = await renderSvg(spec);
  const size = /^<svg[^>]*width="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)"/.exec(svg);
  assert.ok(size, 'the SVG states its size');
  assert.ok(Number(size[1]) > 50 && Number(size[2]) > 50, `a visible size, got ${size[1]}×${size[2]}`);
  const groups = svg.split(`class="${markClass}`).length - 1;
  assert.ok(groups >= 1, `the SVG has a ${markClass} group`);
  const items = svg.match(/<(path|line|text|rect)\b/g) ?? [];
  assert.ok(items.length >= minMarks, `at least ${minMarks} drawn items, got ${items.length}`);
  return svg;
}

/** Runs the compiled chart headless and returns every dataset's rows, by dataset name. */
export async function evaluateDatasets(spec: VegaLiteSpec, signals: Record<string, unknown> = {}): Promise<Map<string, Record<string, unknown>[]>> {
  const compiled = compileVegaLite(spec);
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  for (const [name, value] of Object.entries(signals)) view.signal(name, value);
  await view.runAsync();
  const out = new Map<string, Record<string, unknown>[]>();
  for (const dataset of compiled.data ?? []) out.set(dataset.name, view.data(dataset.name) as Record<string, unknown>[]);
  view.finalize();
  return out;
}
