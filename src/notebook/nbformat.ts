/**
 * Reading and writing Jupyter notebooks (nbformat 4, written as 4.5).
 *
 * The subset of the format convkit needs, typed: code / markdown / raw cells,
 * the five output types a kernel can produce, cell ids (new in 4.5) and tags.
 * Reading validates enough structure that a corrupt file fails with one
 * ConvkitInputError naming the file, rather than deep inside the runner.
 * Writing is atomic (a temp file in the same folder, then rename), so a
 * crash never leaves half a notebook behind, and uses Jupyter's own layout
 * (one-space indent, multi-line strings as lists of lines, sorted keys) so
 * that files written by convkit and by Jupyter diff cleanly.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConvkitInputError } from '../core/errors';
import { writeFileAtomic } from '../core/atomic-write';
import { describeJsonError } from './json-error';

/** A string, or the same string split into lines (nbformat allows both). */
export type MultilineString = string | string[];

/** MIME type → value: text types are (multi-line) strings, JSON types are objects. */
export type MimeBundle = Record<string, unknown>;

export interface StreamOutput {
  output_type: 'stream';
  name: 'stdout' | 'stderr';
  text: MultilineString;
}

export interface DisplayDataOutput {
  output_type: 'display_data';
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

export interface ExecuteResultOutput {
  output_type: 'execute_result';
  execution_count: number | null;
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

export interface ErrorOutput {
  output_type: 'error';
  ename: string;
  evalue: string;
  traceback: string[];
}

export type Output = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

export interface CellMetadata {
  tags?: string[];
  [key: string]: unknown;
}

export interface CodeCell {
  cell_type: 'code';
  id: string;
  metadata: CellMetadata;
  source: MultilineString;
  execution_count: number | null;
  outputs: Output[];
}

export interface MarkdownCell {
  cell_type: 'markdown' | 'raw';
  id: string;
  metadata: CellMetadata;
  source: MultilineString;
  attachments?: Record<string, unknown>;
}

export type Cell = CodeCell | MarkdownCell;

export interface Notebook {
  nbformat: 4;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
}

/** The kernelspec every convkit notebook names (registered by `npm run kernel:install`). */
export const CONVKIT_KERNELSPEC = {
  name: 'convkit-tslab',
  display_name: 'TypeScript (convkit)',
  language: 'typescript',
} as const;

/** Joins a multi-line string into one string. */
export function joinText(text: MultilineString | undefined): string {
  if (text === undefined) return '';
  return Array.isArray(text) ? text.join('') : text;
}

/** Splits text into lines that keep their '\n', as Jupyter stores them. */
export function splitLines(text: string): string[] {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g);
  return lines ?? [];
}

/** A fresh nbformat 4.5 cell id: 8 hex characters, like JupyterLab's. */
export function newCellId(): string {
  return randomBytes(4).toString('hex');
}

/** True when a cell carries the tag (metadata.tags, as JupyterLab's tag editor writes it). */
export function hasTag(cell: Cell, tag: string): boolean {
  return Array.isArray(cell.metadata.tags) && cell.metadata.tags.includes(tag);
}

/**
 * Parses notebook text. Throws ConvkitInputError naming `path` when the text
 * is not JSON, not nbformat 4, or a cell is malformed. Cells without an id
 * (nbformat < 4.5) get one, so the result is always valid 4.5.
 */
export function parseNotebook(text: string, path: string): Notebook {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConvkitInputError('notebook', path, `must be valid .ipynb JSON (${describeJsonError(text, error as Error)})`);
  }
  if (!isObject(raw)) throw new ConvkitInputError('notebook', path, 'must hold a JSON object (an .ipynb notebook)');
  if (raw.nbformat !== 4) {
    throw new ConvkitInputError('notebook', path, `must be nbformat 4 (found nbformat ${JSON.stringify(raw.nbformat)})`);
  }
  if (!Array.isArray(raw.cells)) throw new ConvkitInputError('notebook', path, 'must have a "cells" array');
  const seen = new Set<string>();
  const cells = raw.cells.map((cell: unknown, index: number): Cell => {
    const where = `cells[${index}]`;
    if (!isObject(cell)) throw new ConvkitInputError('notebook', path, `${where} must be an object`);
    const type = cell.cell_type;
    if (type !== 'code' && type !== 'markdown' && type !== 'raw') {
      throw new ConvkitInputError('notebook', path, `${where}.cell_type must be "code", "markdown" or "raw" (found ${JSON.stringify(type)})`);
    }
    const source = cell.source;
    if (!(typeof source === 'string' || (Array.isArray(source) && source.every((s) => typeof s === 'string')))) {
      throw new ConvkitInputError('notebook', path, `${where}.source must be a string or an array of strings`);
    }
    let id = typeof cell.id === 'string' && /^[a-zA-Z0-9-_]{1,64}$/.test(cell.id) ? cell.id : newCellId();
    while (seen.has(id)) id = newCellId();
    seen.add(id);
    const metadata = isObject(cell.metadata) ? (cell.metadata as CellMetadata) : {};
    if (type === 'code') {
      const outputs = cell.outputs === undefined ? [] : cell.outputs;
      if (!Array.isArray(outputs)) throw new ConvkitInputError('notebook', path, `${where}.outputs must be an array`);
      const count = typeof cell.execution_count === 'number' ? cell.execution_count : null;
      return { ...cell, cell_type: 'code', id, metadata, source, execution_count: count, outputs: outputs as Output[] };
    }
    return { ...cell, cell_type: type, id, metadata, source } as MarkdownCell;
  });
  const minor = typeof raw.nbformat_minor === 'number' ? raw.nbformat_minor : 0;
  return {
    ...raw,
    nbformat: 4,
    nbformat_minor: Math.max(minor, 5),
    metadata: isObject(raw.metadata) ? raw.metadata : {},
    cells,
  };
}

/** Reads and parses a notebook file (see parseNotebook). */
export function readNotebook(path: string): Notebook {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConvkitInputError('notebook', path, `must be a readable .ipynb file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  return parseNotebook(text, path);
}

/**
 * Serialises as Jupyter does: sorted keys, one-space indent, trailing
 * newline, cell sources and stream text as lists of lines.
 */
export function formatNotebook(notebook: Notebook): string {
  const cells = notebook.cells.map((cell) => {
    const source = splitLines(joinText(cell.source));
    if (cell.cell_type !== 'code') return { ...cell, source };
    const outputs = cell.outputs.map((output) => (output.output_type === 'stream' ? { ...output, text: splitLines(joinText(output.text)) } : output));
    return { ...cell, source, outputs };
  });
  return JSON.stringify(sortKeys({ ...notebook, cells }), null, 1) + '\n';
}

/** Writes atomically (see writeFileAtomic), creating the folder if needed. */
export function writeNotebook(path: string, notebook: Notebook): void {
  writeFileAtomic(path, formatNotebook(notebook));
}

/** A copy with every object's keys in sorted order (undefined values dropped), for stable JSON. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isObject(value)) {
    // fromEntries defines own properties, so even a "__proto__" key from parsed JSON survives.
    const keys = Object.keys(value)
      .sort()
      .filter((key) => value[key] !== undefined);
    return Object.fromEntries(keys.map((key) => [key, sortKeys(value[key])]));
  }
  return value;
}

// biome-ignore lint/suspicious/noExplicitAny: parsed JSON, whose fields the callers check one by one as they read them
function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
