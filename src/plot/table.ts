import { ConvkitInputError } from '../core/errors';
import { escapeHtml } from '../core/escape-html';
import { MIME, MimeBundle } from './mime-bundle';
import { displayed } from './kernel-display';

/** One column of a table: which field of each row, its heading, how to print it. */
export interface TableColumn {
  readonly field: string;
  /** Heading; default the field name. Put units here, e.g. "MACs (millions)". */
  readonly title?: string;
  /** Cell text; default formatCell. */
  readonly format?: (value: unknown) => string;
}

export type TableRow = Readonly<Record<string, unknown>>;

/**
 * Default cell text. Integers get thousands separators (cost tables are full
 * of 7-to-10-digit MAC counts that are unreadable otherwise); other numbers
 * keep 4 significant digits; null and undefined print as empty cells.
 */
export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    if (Number.isInteger(value) || Math.abs(value) >= 1000) return groupThousands(Math.round(value));
    return String(Number(value.toPrecision(4)));
  }
  if (typeof value === 'bigint') return groupThousands(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

function groupThousands(value: number | bigint): string {
  return value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * The bundle for a table: text/html (every heading and cell escaped; numeric
 * columns carry class "num" so they can be right-aligned) and an aligned
 * text/plain rendering. Columns default to the keys of the first row.
 */
export function tableBundle(rows: readonly TableRow[], columns?: readonly (string | TableColumn)[]): MimeBundle {
  if (!Array.isArray(rows)) throw new ConvkitInputError('rows', rows, 'must be an array of row objects');
  rows.forEach((row, index) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      throw new ConvkitInputError(`rows[${index}]`, row, 'must be an object mapping column names to values');
    }
  });
  const resolved = resolveColumns(rows, columns);
  const cells = rows.map((row) => resolved.map((column) => (column.format ?? formatCell)(row[column.field])));
  const numeric = resolved.map((column) => rows.every((row) => row[column.field] == null || typeof row[column.field] === 'number'));
  const headings = resolved.map((column) => column.title ?? column.field);
  return {
    [MIME.html]: renderHtml(headings, cells, numeric),
    [MIME.plain]: renderPlain(headings, cells, numeric),
  };
}

/** Shows a table in the notebook (see tableBundle). */
export function showTable(rows: readonly TableRow[], columns?: readonly (string | TableColumn)[]): MimeBundle | undefined {
  return displayed(tableBundle(rows, columns));
}

function resolveColumns(rows: readonly TableRow[], columns?: readonly (string | TableColumn)[]): TableColumn[] {
  if (columns === undefined) {
    const keys = rows.length > 0 ? Object.keys(rows[0]) : [];
    return keys.map((field) => ({ field }));
  }
  if (!Array.isArray(columns)) throw new ConvkitInputError('columns', columns, 'must be an array of field names or column objects');
  return columns.map((column, index) => {
    const resolved = typeof column === 'string' ? { field: column } : column;
    if (resolved === null || typeof resolved !== 'object' || typeof resolved.field !== 'string' || resolved.field === '') {
      throw new ConvkitInputError(`columns[${index}]`, column, 'must be a field name or { field, title?, format? }');
    }
    return resolved;
  });
}

function renderHtml(headings: string[], cells: string[][], numeric: boolean[]): string {
  const cls = (index: number) => (numeric[index] ? ' class="num"' : '');
  const head = headings.map((heading, index) => `<th${cls(index)}>${escapeHtml(heading)}</th>`).join('');
  const body = cells.map((row) => `<tr>${row.map((cell, index) => `<td${cls(index)}>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<table class="convkit-table">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function renderPlain(headings: string[], cells: string[][], numeric: boolean[]): string {
  // reduce, not Math.max(...cells): a spread of 100,000+ rows overflows the call stack.
  const widths = headings.map((heading, index) => cells.reduce((width, row) => Math.max(width, row[index].length), heading.length));
  const line = (row: string[]) =>
    row
      .map((cell, index) => (numeric[index] ? cell.padStart(widths[index]) : cell.padEnd(widths[index])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(headings), rule, ...cells.map(line)].join('\n');
}
