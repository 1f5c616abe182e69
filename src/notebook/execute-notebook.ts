/**
 * Executes one notebook, top to bottom, in a fresh tslab kernel:
 *
 *   start kernel (cwd = notebook folder) ─► for each code cell:
 *       execute_request ─► collect iopub until idle (or reply + 4 s quiet, noted as lost output)
 *       ─► outputs + execution_count
 *       ─► progress line on stderr
 *   ─► stop at the first failure (error, timeout, dead kernel) ─► shut the kernel down
 *
 * Why stop at the first failure: later cells depend on earlier ones, and
 * tslab answers requests sent within ~200 ms after an error with "abort",
 * which would only bury the real error under follow-on noise.
 * The input notebook is not modified; the result is a copy with outputs.
 */
import { dirname, resolve } from 'node:path';
import { IDLE_GRACE_MS, Kernel, KernelError, stoppedBy } from './kernel';
import { joinText, splitLines, type CodeCell, type Notebook, type Output } from './nbformat';
import { OutputCollector } from './outputs';

export interface ExecuteNotebookOptions {
  /** Per-cell limit in seconds; on expiry the cell is interrupted and the kernel shut down. Default 120. */
  readonly timeoutSeconds?: number;
  /** The tslab launcher (tests point it at a missing file). Default: this repo's tslab. */
  readonly tslabBin?: string;
  /** Limit for the kernel to come up, in seconds of its own CPU time (see Kernel.start). Default 60. */
  readonly startTimeoutSeconds?: number;
  /** Receives one progress line per executed cell. Default: none. */
  readonly progress?: (line: string) => void;
  /** Receives the kernel once it has started (tests use it to check for leftovers). */
  readonly onKernel?: (kernel: Kernel) => void;
}

export type FailureKind = 'cell-error' | 'timeout' | 'kernel-died' | 'stopped' | 'kernel-start' | 'kernel-missing';

export interface NotebookFailure {
  readonly kind: FailureKind;
  /** 1-based position of the failing cell among all cells, when a cell failed. */
  readonly cellNumber?: number;
  readonly cellCount: number;
  /** The first lines of the failing cell's source. */
  readonly sourceExcerpt?: string;
  /** What went wrong: the error text the cell printed, or what happened to the kernel. */
  readonly detail: string;
}

export interface NotebookRun {
  /** A copy of the input with fresh outputs (up to and including the failing cell). */
  readonly notebook: Notebook;
  readonly failure: NotebookFailure | null;
  readonly kernelStartSeconds: number;
  /** Seconds per executed code cell, in order. */
  readonly cellSeconds: readonly number[];
  readonly totalSeconds: number;
}

const SOURCE_EXCERPT_LINES = 4;
const ERROR_TEXT_LINES = 20;

/** Runs `notebook` (read from `path`, which sets the kernel's folder and names it in messages). */
export async function executeNotebook(notebook: Notebook, path: string, options: ExecuteNotebookOptions = {}): Promise<NotebookRun> {
  const started = process.hrtime.bigint();
  const seconds = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e9;
  const result: Notebook = structuredClone(notebook);
  for (const cell of result.cells) {
    if (cell.cell_type === 'code') {
      cell.outputs = [];
      cell.execution_count = null;
    }
  }
  const cellCount = result.cells.length;
  const timeoutSeconds = options.timeoutSeconds ?? 120;
  const cellSeconds: number[] = [];
  let kernelStartSeconds = 0;
  const finish = (failure: NotebookFailure | null): NotebookRun => ({
    notebook: result,
    failure,
    kernelStartSeconds,
    cellSeconds,
    totalSeconds: seconds(started),
  });

  let kernel: Kernel;
  try {
    kernel = await Kernel.start({
      cwd: dirname(resolve(path)),
      tslabBin: options.tslabBin,
      startTimeoutMs: (options.startTimeoutSeconds ?? 60) * 1000,
    });
  } catch (error) {
    if (!(error instanceof KernelError)) throw error;
    kernelStartSeconds = seconds(started);
    return finish({ kind: error.kind === 'missing' ? 'kernel-missing' : 'kernel-start', cellCount, detail: error.message });
  }
  kernelStartSeconds = seconds(started);
  options.onKernel?.(kernel);

  const collector = new OutputCollector();
  try {
    for (const [index, cell] of result.cells.entries()) {
      if (cell.cell_type !== 'code') continue;
      const code = joinText(cell.source);
      if (code.trim() === '') continue;
      const cellStarted = process.hrtime.bigint();
      const outcome = await kernel.execute(code, timeoutSeconds * 1000);
      collector.collect(cell.outputs, outcome.iopub);
      cell.execution_count = outcome.executionCount;
      cellSeconds.push(seconds(cellStarted));
      options.progress?.(`${path}  cell ${index + 1}/${cellCount}  ${cellSeconds[cellSeconds.length - 1]!.toFixed(2)} s`);
      if (outcome.lostMessages > 0) {
        const note = lostOutputNote(outcome.lostMessages, outcome.idleMissing);
        cell.outputs.push({ output_type: 'stream', name: 'stderr', text: splitLines(`${note}\n`) });
        options.progress?.(`${path}  cell ${index + 1}/${cellCount}  ${note}`);
      }
      const where = { cellNumber: index + 1, cellCount, sourceExcerpt: excerpt(code) };
      switch (outcome.status) {
        case 'ok':
          continue;
        case 'error':
        case 'abort':
          return finish({ kind: 'cell-error', ...where, detail: errorText(cell) || `the kernel answered "${outcome.status}" without printing an error` });
        case 'timeout':
          kernel.interrupt();
          return finish({
            kind: 'timeout',
            ...where,
            detail: `no result within the ${timeoutSeconds} s per-cell timeout (--timeout); interrupted and shut the kernel down`,
          });
        case 'died': {
          // A signal to the run shuts every kernel down: that is the run being stopped, not the cell's doing.
          const stopReason = stoppedBy();
          if (stopReason !== undefined) {
            return finish({ kind: 'stopped', ...where, detail: `the run was stopped (${stopReason}) while this cell was running; its kernel was shut down` });
          }
          return finish({
            kind: 'kernel-died',
            ...where,
            detail: `the kernel process ${kernel.exitReason ?? 'ended'} while running this cell${tail(kernel.processOutput)}`,
          });
        }
      }
    }
    return finish(null);
  } finally {
    await kernel.shutdown();
  }
}

/**
 * The note saved in a cell's outputs (as stderr) and printed on the terminal
 * when the kernel lost some of the cell's messages: the saved output is then
 * incomplete, and says so rather than passing for the whole story. A message
 * is one console.log call or one display; the count comes from the kernel
 * (kernel-preload.cjs) or, when only the final `idle` status is missing, is 1.
 */
export function lostOutputNote(lost: number, idleMissing: boolean): string {
  const what = lost === 1 ? '1 output message' : `${lost} output messages`;
  const why = idleMissing ? `; its "idle" status never came, so the cell was closed ${IDLE_GRACE_MS / 1000} s after its reply` : '';
  return `[convkit run: output incomplete: the kernel lost ${what} of this cell${why}]`;
}

/** How a report line says what happened to the cell; any other kind "failed". */
const FAILURE_WORDS: Partial<Record<FailureKind, string>> = { timeout: 'timed out', 'kernel-died': 'killed the kernel', stopped: 'was stopped' };

/** One readable report: notebook, cell, the start of its source, the error. */
export function formatFailure(path: string, failure: NotebookFailure): string {
  const lines: string[] = [];
  if (failure.cellNumber === undefined) {
    lines.push(`${path}: ${failure.kind === 'kernel-missing' ? 'no kernel' : 'kernel did not start'}`);
  } else {
    const what = FAILURE_WORDS[failure.kind] ?? 'failed';
    lines.push(`${path}: cell ${failure.cellNumber}/${failure.cellCount} ${what}`);
  }
  if (failure.sourceExcerpt) lines.push(...failure.sourceExcerpt.split('\n').map((line) => `  | ${line}`));
  lines.push(...failure.detail.split('\n').map((line) => `  ${line}`));
  return lines.join('\n');
}

function excerpt(code: string): string {
  const lines = code.replace(/\s+$/, '').split('\n');
  const shown = lines.slice(0, SOURCE_EXCERPT_LINES);
  if (lines.length > SOURCE_EXCERPT_LINES) shown.push(`… (${lines.length - SOURCE_EXCERPT_LINES} more lines)`);
  return shown.join('\n');
}

/** tslab reports errors as stderr text; error outputs from other kernels are included too. */
function errorText(cell: CodeCell): string {
  const parts = cell.outputs.flatMap((output: Output) => {
    if (output.output_type === 'stream' && output.name === 'stderr') return [joinText(output.text)];
    if (output.output_type === 'error') return [`${output.ename}: ${output.evalue}`, ...output.traceback];
    return [];
  });
  // Stack frames inside node:vm and tslab itself say nothing about the learner's code.
  const lines = parts
    .join('\n')
    .replace(/\s+$/, '')
    .split('\n')
    .filter((line) => !/^\s+at .*(\(node:|node_modules[\\/]tslab[\\/]|sigintHandlersWrap)/.test(line));
  return lines.slice(0, ERROR_TEXT_LINES).join('\n') + (lines.length > ERROR_TEXT_LINES ? '\n…' : '');
}

function tail(output: string): string {
  const lines = output.trim().split('\n').slice(-10).join('\n');
  return lines ? `\nkernel output:\n${lines}` : '';
}
