/**
 * A model's cost rolled up by stage: where do the multiply-adds and the
 * parameters go? One row per group of layers sharing a path prefix (stem,
 * dense_block_1, transition_1, …), so DenseNet-264's ~900 layers fit on one
 * screen. `convkit cost` prints this table unless --per-layer asks for every
 * layer (renderSummaryText).
 */
import { alignedLines, formatCount, formatShape, summaryTotals, textTable } from '../cost/render';
import type { ModelSummary, SummaryRow } from '../cost/types';

export interface StageRow {
  /** The path prefix, joined with '/', e.g. 'dense_block_1' or 'separable/block_3'. */
  readonly stage: string;
  readonly layers: number;
  /** Output shape of the stage's last layer. */
  readonly outputShape: readonly number[];
  readonly macs: number;
  /**
   * Total parameters (Keras "Total params": trainable + BN moving statistics),
   * as `convkit cost` totals them; lesson 07's stage table
   * (src/lessons/densenet/stages.ts) counts trainable ones and says so.
   */
  readonly totalParams: number;
}

/**
 * Groups rows by the first path component; when that gives fewer than four
 * groups (MobileNet v1 is just stem, separable, head) the first two
 * components are used, so each block gets its own row. Groups keep the
 * order in which they first appear; layers without a path form their own group.
 */
export function stageRows(summary: ModelSummary): StageRow[] {
  const firstLevel = new Set(summary.rows.map((row) => stageKey(row, 1)));
  const depth = firstLevel.size < 4 ? 2 : 1;
  const groups = new Map<string, SummaryRow[]>();
  for (const row of summary.rows) {
    const key = stageKey(row, depth);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups].map(([stage, rows]) => ({
    stage,
    layers: rows.length,
    outputShape: rows[rows.length - 1]!.outputShape,
    macs: rows.reduce((sum, row) => sum + row.macs, 0),
    totalParams: rows.reduce((sum, row) => sum + row.params.total, 0),
  }));
}

function stageKey(row: SummaryRow, depth: number): string {
  return row.path.length > 0 ? row.path.slice(0, depth).join('/') : row.name;
}

/** Share of a total as a percentage with one decimal, e.g. "12.5%". */
function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

/** The stage table and the totals block, as text. */
export function renderStageText(summary: ModelSummary): string {
  const rows = stageRows(summary);
  // "Params (total)": trainable + non-trainable, like the "Total params" line below.
  const table = textTable(
    ['Stage', 'Layers', 'Output shape', 'MACs', 'MACs share', 'Params (total)', 'Share of total params'],
    ['left', 'right', 'left', 'right', 'right', 'right', 'right'],
    rows.map((row) => [
      row.stage,
      String(row.layers),
      formatShape(row.outputShape),
      formatCount(row.macs),
      percent(row.macs, summary.macs),
      formatCount(row.totalParams),
      percent(row.totalParams, summary.params.total),
    ]),
  );
  const rule = '='.repeat(table.width);
  return [`Model: ${summary.model}`, rule, table.header, rule, ...table.rows, rule, renderTotals(summary)].join('\n');
}

/** The totals block (the same labels as renderSummaryText's footer). */
export function renderTotals(summary: ModelSummary): string {
  return alignedLines(summaryTotals(summary)).join('\n');
}
