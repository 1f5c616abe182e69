/**
 * The connection matrix drawn as a grid of cells whose colour says HOW a
 * source reaches a unit: kept in its own channels (DenseNet's
 * concatenation, or read directly) or inside a sum with others (ResNet's
 * addition). The kind of connection is a category, not an amount, so the
 * colour scale is nominal with a fixed domain: both matrices of the lesson
 * share one legend with both entries, whichever kinds a matrix happens to
 * contain (a dense block has only 'kept apart', and a quantitative scale
 * would then show a one-value legend that says nothing).
 */
import { ConvkitInputError } from '../../core/errors';
import { convkitTheme, CATEGORY_COLOURS, VEGA_LITE_SCHEMA } from '../../plot/theme';
import type { VegaLiteSpec } from '../../plot/vega-render';
import type { Connection, ConnectionCell } from '../../models/connections';

/** Legend text of each kind of connection; 'none' cells are left out of the grid (blank). */
export const CONNECTION_LABELS: Readonly<Record<Exclude<Connection, 'none'>, string>> = {
  concat: 'own channels (concatenated)',
  sum: 'inside a sum (added)',
};

export interface ConnectionChartOptions {
  readonly title?: string;
  /** Axis title of the rows, e.g. 'dense layer that reads'. */
  readonly targetTitle: string;
  /** Plot width and height in pixels. Defaults 220 and 160. */
  readonly width?: number;
  readonly height?: number;
}

/** A Vega-Lite grid of `cells`: x = source, y = the unit that reads it, colour = how it arrives. */
export function connectionMatrixChart(cells: readonly ConnectionCell[], options: ConnectionChartOptions): VegaLiteSpec {
  if (cells.length === 0) throw new ConvkitInputError('cells', [], 'must hold at least one connection');
  // Axis order = order of first appearance (block input first, then the units in graph order).
  const sources = [...new Set(cells.map((c) => c.source))];
  const targets = [...new Set(cells.map((c) => c.target))];
  const values = cells
    .filter((c) => c.via !== 'none')
    .map((c) => ({ target: c.target, source: c.source, connection: CONNECTION_LABELS[c.via as Exclude<Connection, 'none'>] }));
  const domain = [CONNECTION_LABELS.concat, CONNECTION_LABELS.sum];
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(options.title !== undefined ? { title: options.title } : {}),
    width: options.width ?? 220,
    height: options.height ?? 160,
    config: convkitTheme,
    data: { values },
    mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
    encoding: {
      x: { field: 'source', type: 'ordinal', title: 'source', sort: sources, scale: { domain: sources } },
      y: { field: 'target', type: 'ordinal', title: options.targetTitle, sort: targets, scale: { domain: targets } },
      color: {
        field: 'connection',
        type: 'nominal',
        title: 'how the source arrives',
        scale: { domain, range: [CATEGORY_COLOURS[0], CATEGORY_COLOURS[1]] },
        legend: { orient: 'bottom', direction: 'vertical', labelLimit: 400, titleLimit: 400 },
      },
      tooltip: [
        { field: 'target', type: 'ordinal', title: options.targetTitle },
        { field: 'source', type: 'ordinal', title: 'source' },
        { field: 'connection', type: 'nominal', title: 'how it arrives' },
      ],
    },
  } as VegaLiteSpec;
}
