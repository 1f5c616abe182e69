/**
 * Model summaries as text (a fixed-width table in the style of Keras
 * model.summary() and torchinfo) and as an HTML <table> for notebooks and
 * lecture notes. Both show the same columns, from the same rows.
 */
import { ConvkitInputError } from '../core/errors';
import { escapeHtml } from '../core/escape-html';
import type { ModelSummary, SummaryRow } from './types';

/** Re-exported from its one definition, so `escapeHtml` keeps its place in the cost API. */
export { escapeHtml };

/** A table never prints NaN or Infinity: a number that is not finite is refused, naming the field. */
function requireFiniteNumber(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ConvkitInputError(field, value, 'must be a finite number');
  return value;
}

/** One formatter, made once: toLocaleString builds a new one on every call, which dominates long tables. */
const COUNT_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** 1234567 → "1,234,567" (integers; other numbers keep up to 3 decimals). */
export function formatCount(value: number): string {
  requireFiniteNumber('value', value);
  return COUNT_FORMAT.format(value);
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;

/** Bytes in binary units: 512 → "512 B", 1536 → "1.50 KiB", 4·2^20 → "4.00 MiB". */
export function formatBytes(bytes: number): string {
  requireFiniteNumber('bytes', bytes);
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${formatCount(value)} B` : `${value.toFixed(2)} ${BYTE_UNITS[unit]}`;
}

/** "28x28x32", as the shape column shows it. */
export function formatShape(shape: readonly number[]): string {
  if (!Array.isArray(shape)) throw new ConvkitInputError('shape', shape, 'must be an array of sizes');
  shape.forEach((size, i) => requireFiniteNumber(`shape[${i}]`, size));
  return shape.join('x');
}

interface Column {
  readonly title: string;
  readonly align: 'left' | 'right';
  readonly cell: (row: SummaryRow) => string;
}

const COLUMNS: readonly Column[] = [
  { title: 'Layer', align: 'left', cell: (row) => row.name },
  { title: 'Type', align: 'left', cell: (row) => row.kind },
  { title: 'Output shape', align: 'left', cell: (row) => formatShape(row.outputShape) },
  { title: 'MACs', align: 'right', cell: (row) => formatCount(row.macs) },
  { title: 'Params', align: 'right', cell: (row) => formatCount(row.params.total) },
  // Output plus any intermediate map (a separable conv's depthwise result), so the
  // column sums to the "Activations (sum of outputs)" total below it.
  { title: 'Activation bytes', align: 'right', cell: (row) => formatCount(row.outputBytes + row.intermediateBytes) },
];

/** The lines under the table: totals and memory, as [label, value] pairs. */
export function summaryTotals(summary: ModelSummary): Array<[string, string]> {
  const totals: Array<[string, string]> = [
    ['Input shape', formatShape(summary.input)],
    ['Total MACs', formatCount(summary.macs)],
    ['Total FLOPs (2 x MACs)', formatCount(summary.flops)],
    ['Elementwise ops', formatCount(summary.elementwiseOps)],
    ['Total params', formatCount(summary.params.total)],
    ['Trainable params', formatCount(summary.params.trainable)],
    ['Non-trainable params', formatCount(summary.params.nonTrainable)],
    ['Weights', formatBytes(summary.memory.weightsBytes)],
    [
      // Named for what it sums: a separable conv also adds its depthwise map (./memory.ts).
      summary.rows.some((row) => row.intermediateBytes > 0) ? 'Activations (sum of outputs and intermediate maps)' : 'Activations (sum of outputs)',
      formatBytes(summary.memory.activationsBytes),
    ],
    ['Peak inference memory', formatBytes(summary.memory.peakInferenceBytes)],
    ['Training activations', formatBytes(summary.memory.trainingBytes)],
  ];
  if (summary.memory.sharedStorageTrainingBytes !== undefined) {
    totals.push(['Training activations, shared storage', formatBytes(summary.memory.sharedStorageTrainingBytes)]);
  }
  return totals;
}

/** "Label: value" lines with the values lined up one space after the longest label. */
export function alignedLines(pairs: ReadonlyArray<readonly [string, string]>): string[] {
  const labelWidth = pairs.reduce((width, [label]) => Math.max(width, label.length), 0);
  return pairs.map(([label, value]) => `${`${label}:`.padEnd(labelWidth + 1)} ${value}`);
}

/** A fixed-width text table's lines, and its width (for the rules drawn around it). */
export interface TextTable {
  readonly header: string;
  readonly rows: readonly string[];
  readonly width: number;
}

/**
 * Pads every cell to its column's widest entry (title included), columns two
 * spaces apart, trailing spaces trimmed. Shared by the per-layer table here
 * and the stage table of `convkit cost` (src/cli/stage-table.ts).
 */
export function textTable(titles: readonly string[], aligns: ReadonlyArray<'left' | 'right'>, cells: ReadonlyArray<readonly string[]>): TextTable {
  // reduce, not Math.max(...cells): a spread of 100,000+ rows overflows the call stack.
  const widths = titles.map((title, i) => cells.reduce((width, line) => Math.max(width, line[i]!.length), title.length));
  const line = (values: readonly string[]): string =>
    values
      .map((value, i) => (aligns[i] === 'left' ? value.padEnd(widths[i]!) : value.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return {
    header: line(titles),
    rows: cells.map(line),
    width: widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1),
  };
}

/** A fixed-width text table: one row per layer, then the totals. */
export function renderSummaryText(summary: ModelSummary): string {
  const table = textTable(
    COLUMNS.map((column) => column.title),
    COLUMNS.map((column) => column.align),
    summary.rows.map((row) => COLUMNS.map((column) => column.cell(row))),
  );
  const heavy = '='.repeat(table.width);
  return [`Model: ${summary.model}`, heavy, table.header, heavy, ...table.rows, heavy, ...alignedLines(summaryTotals(summary)), '-'.repeat(table.width)].join(
    '\n',
  );
}

/** The same table as HTML; every piece of text is escaped. */
export function renderSummaryHtml(summary: ModelSummary): string {
  const head = COLUMNS.map((column) => `<th style="text-align:${column.align}">${escapeHtml(column.title)}</th>`).join('');
  const body = summary.rows
    .map((row) => `<tr>${COLUMNS.map((column) => `<td style="text-align:${column.align}">${escapeHtml(column.cell(row))}</td>`).join('')}</tr>`)
    .join('\n');
  const foot = summaryTotals(summary)
    .map(
      ([label, value]) =>
        `<tr><th colspan="${COLUMNS.length - 1}" style="text-align:left">${escapeHtml(label)}</th><td style="text-align:right">${escapeHtml(value)}</td></tr>`,
    )
    .join('\n');
  return [
    `<table class="convkit-summary">`,
    `<caption>${escapeHtml(summary.model)}</caption>`,
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>\n${body}\n</tbody>`,
    `<tfoot>\n${foot}\n</tfoot>`,
    `</table>`,
  ].join('\n');
}
