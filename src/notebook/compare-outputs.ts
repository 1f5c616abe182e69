/**
 * Holds a re-executed notebook against its committed outputs, so "everyone
 * can re-run everything and get the same numbers" is checked, not hoped.
 *
 * Compared: every output of every code cell — stream text, every MIME type of
 * display_data / execute_result (text, HTML tables, Vega-Lite specs, SVG,
 * PNG base64) and output metadata, plus error outputs.
 *
 * Normalised, because it is legitimately volatile or only a matter of layout:
 * - cell metadata (nbclient writes execution timestamps there) and the
 *   notebook's own metadata;
 * - execution counts (they number requests, not results; nbclient leaves
 *   them null for tslab, which sends no execute_input);
 * - how text is stored: one string or a list of lines, and consecutive
 *   stream outputs of the same name (Jupyter clients differ in merging them);
 * - key order inside JSON outputs.
 * - a chart's image/png: a bundle that carries a Vega-Lite spec is a chart,
 *   and its PNG is derived from that spec (src/plot/vega-png.ts draws it from
 *   the SVG in Node; JupyterLab replaces or adds its own when a learner
 *   saves), so the spec and the SVG are compared and the PNG is not.
 * Not normalised: anything in the text itself — numbers, spacing, SVG.
 *
 * Cells tagged `nondeterministic` (metadata.tags) only have to run; their
 * outputs are not compared (timings, wall-clock figures).
 */
import { hasTag, joinText, sortKeys, type Cell, type Notebook, type Output } from './nbformat';
import { MIME } from '../plot/mime-bundle';

export const NONDETERMINISTIC_TAG = 'nondeterministic';

export interface OutputDifference {
  /** 1-based position of the cell among all cells. */
  readonly cellNumber: number;
  /** 0-based output index within the cell, or null when the difference is the cell itself. */
  readonly outputIndex: number | null;
  /** What differs, with the first differing lines of both sides. */
  readonly message: string;
}

const CONTEXT_LINES = 3;

/** Differences between the committed (expected) and re-executed (actual) notebook; empty when they agree. */
export function compareNotebookOutputs(expected: Notebook, actual: Notebook): OutputDifference[] {
  const differences: OutputDifference[] = [];
  if (expected.cells.length !== actual.cells.length) {
    differences.push({ cellNumber: 0, outputIndex: null, message: `cell count differs: committed ${expected.cells.length}, executed ${actual.cells.length}` });
    return differences;
  }
  const outputCount = (nb: Notebook): number => nb.cells.reduce((n, cell) => n + (cell.cell_type === 'code' ? cell.outputs.length : 0), 0);
  if (outputCount(expected) === 0 && outputCount(actual) > 0) {
    differences.push({
      cellNumber: 0,
      outputIndex: null,
      message: 'the committed notebook has no saved outputs at all (run `npm run notebooks:update` and commit the result)',
    });
    return differences;
  }
  expected.cells.forEach((want, index) => {
    const got = actual.cells[index]!;
    const cellNumber = index + 1;
    if (want.cell_type !== got.cell_type || joinText(want.source) !== joinText(got.source)) {
      differences.push({ cellNumber, outputIndex: null, message: 'cell source or type differs' });
      return;
    }
    if (want.cell_type !== 'code' || got.cell_type !== 'code' || hasTag(want, NONDETERMINISTIC_TAG)) return;
    const wantOutputs = normaliseOutputs(want.outputs);
    const gotOutputs = normaliseOutputs(got.outputs);
    const count = Math.max(wantOutputs.length, gotOutputs.length);
    for (let i = 0; i < count; i++) {
      const expectedText = wantOutputs[i];
      const actualText = gotOutputs[i];
      if (expectedText === actualText) continue;
      if (expectedText === undefined || actualText === undefined) {
        const which = expectedText === undefined ? 'extra output in the executed notebook' : 'output missing from the executed notebook';
        differences.push({ cellNumber, outputIndex: i, message: `${which}:\n${indent(firstLines(expectedText ?? actualText ?? ''))}` });
      } else {
        differences.push({ cellNumber, outputIndex: i, message: describeTextDifference(expectedText, actualText) });
      }
    }
  });
  return differences;
}

/**
 * A readable report: notebook, cell, output index, first differing lines;
 * '' when there are none. Shows the first `maxShown` (default 5) and counts the rest.
 */
export function formatDifferences(notebookPath: string, notebook: Notebook, differences: readonly OutputDifference[], maxShown = 5): string {
  const shown = differences
    .slice(0, maxShown)
    .map((d) => {
      if (d.cellNumber === 0) return `${notebookPath}: ${d.message}`;
      const cell: Cell | undefined = notebook.cells[d.cellNumber - 1];
      const firstSourceLine = cell ? joinText(cell.source).split('\n')[0] : '';
      const where = d.outputIndex === null ? '' : `, output ${d.outputIndex}`;
      return `${notebookPath}: cell ${d.cellNumber}${where} (${firstSourceLine}): ${d.message}`;
    })
    .join('\n\n');
  const rest = differences.length - maxShown;
  return rest > 0 ? `${shown}\n\n… and ${rest} more difference${rest === 1 ? '' : 's'} in ${notebookPath}` : shown;
}

/**
 * Each output as one canonical text (see the file comment for what is
 * normalised), merging consecutive streams of the same name first.
 */
export function normaliseOutputs(outputs: readonly Output[]): string[] {
  const merged: Output[] = [];
  for (const output of outputs) {
    const last = merged[merged.length - 1];
    if (output.output_type === 'stream' && last?.output_type === 'stream' && last.name === output.name) {
      merged[merged.length - 1] = { ...last, text: joinText(last.text) + joinText(output.text) };
    } else {
      merged.push(output);
    }
  }
  return merged.map(canonicalOutput);
}

function canonicalOutput(output: Output): string {
  switch (output.output_type) {
    case 'stream':
      return `[stream ${output.name}]\n${joinText(output.text)}`;
    case 'error':
      return `[error]\n${output.ename}: ${output.evalue}\n${output.traceback.join('\n')}`;
    case 'display_data':
    case 'execute_result': {
      const parts = [`[${output.output_type}]`];
      const isChart = MIME.vegaLite in output.data;
      for (const mime of Object.keys(output.data).sort()) {
        if (isChart && mime === MIME.png) continue;
        const value = output.data[mime];
        const text = typeof value === 'string' || Array.isArray(value) ? joinText(value as string | string[]) : stableJson(value);
        parts.push(`--- ${mime}`, text);
      }
      if (output.metadata && Object.keys(output.metadata).length > 0) parts.push('--- metadata', stableJson(output.metadata));
      return parts.join('\n');
    }
    default:
      return stableJson(output);
  }
}

function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 1);
}

function describeTextDifference(expected: string, actual: string): string {
  const want = expected.split('\n');
  const got = actual.split('\n');
  let line = 0;
  while (line < want.length && line < got.length && want[line] === got[line]) line++;
  const header = want[0] === got[0] ? want[0] : `${want[0]} → ${got[0]}`;
  // Long lines (SVG, minified JSON) are shown around their first differing character.
  const a = want[line] ?? '';
  const b = got[line] ?? '';
  let column = 0;
  while (column < a.length && column < b.length && a[column] === b[column]) column++;
  const from = Math.max(0, column - 60);
  const window = (text: string): string => (from > 0 ? '…' : '') + text.slice(from);
  const show = (lines: string[]): string => lines.map((text, i) => clip(i === 0 ? window(text) : text)).join('\n');
  return [
    `${header} differs at line ${line + 1}, column ${column + 1}:`,
    '  committed:',
    indent(show(want.slice(line, line + CONTEXT_LINES)) || '(end of output)', '    - '),
    '  executed:',
    indent(show(got.slice(line, line + CONTEXT_LINES)) || '(end of output)', '    + '),
  ].join('\n');
}

function firstLines(text: string): string {
  return text
    .split('\n')
    .slice(0, CONTEXT_LINES + 1)
    .map(clip)
    .join('\n');
}

function clip(line: string): string {
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}

function indent(text: string, prefix = '    '): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
