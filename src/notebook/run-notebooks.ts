/**
 * Runs several notebooks in order, each in its own fresh kernel (as a learner
 * would open them one by one), and writes the executed copies.
 *
 * Where results go: by default into `outDir`, keeping each notebook's path
 * below the folder all of them share (so notebooks/*.ipynb and
 * notebooks/solutions/*.ipynb land in OUT/ and OUT/solutions/); with
 * `inplace`, back over the source — but only when the whole notebook ran,
 * so a failure never replaces committed outputs with half-executed ones.
 * With `outDir`, a failed notebook is still written (outputs up to the
 * failing cell) so the error can be inspected in JupyterLab.
 * Every notebook is read and checked before any kernel starts, so a corrupt
 * file is reported at once instead of after minutes of work.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ConvkitInputError } from '../core/errors';
import { executeNotebook, type ExecuteNotebookOptions, type NotebookRun } from './execute-notebook';
import { readNotebook, writeNotebook, type Notebook } from './nbformat';
import { checkNotASource, checkOutFolder } from './out-folder';

export interface RunNotebooksOptions extends ExecuteNotebookOptions {
  /** Folder for executed copies. Default 'build/notebooks'. Ignored with `inplace`. */
  readonly outDir?: string;
  /** Write results over the source notebooks (only when they ran without error). */
  readonly inplace?: boolean;
  /** Called as each notebook finishes (the CLI prints its summary line). */
  readonly onResult?: (result: NotebookResult) => void;
}

export interface NotebookResult {
  /** The notebook's path as given. */
  readonly source: string;
  /** Where the executed copy was written, or null if nothing was written. */
  readonly written: string | null;
  readonly run: NotebookRun;
}

export interface RunSummary {
  readonly results: readonly NotebookResult[];
  /** The first notebook that failed (running stops there), or null. */
  readonly failed: NotebookResult | null;
}

export const DEFAULT_OUT_DIR = join('build', 'notebooks');

/** The line `convkit run` and `npm start` print as each notebook finishes: source, ok / FAILED, seconds. */
export function formatResultLine(result: NotebookResult): string {
  return `${result.source}  ${result.run.failure ? 'FAILED' : 'ok'}  ${result.run.totalSeconds.toFixed(1)} s`;
}

/** The .ipynb files directly in `folder`, sorted (teaching order is the file name order). */
export function listNotebooks(folder: string): string[] {
  if (!existsSync(folder)) throw new ConvkitInputError('notebooks folder', folder, 'must exist (run from the convkit folder, or name the notebooks)');
  return readdirSync(folder)
    .filter((name) => name.endsWith('.ipynb') && !name.startsWith('.'))
    .sort()
    .map((name) => join(folder, name));
}

/** The subfolder of the lessons' folder that holds the reference solutions. */
export const SOLUTIONS_FOLDER = 'solutions';

/**
 * What `convkit run` and `npm run notebooks:update` cover when no notebook is
 * named: the lessons (`root`/*.ipynb, in teaching order), then their reference
 * solutions (`root`/solutions/*.ipynb), which npm test re-executes and
 * compares as well. `npm start`'s lecture notes use the lessons only.
 */
export function defaultNotebooks(root = 'notebooks'): string[] {
  const solutions = join(root, SOLUTIONS_FOLDER);
  return [...listNotebooks(root), ...(existsSync(solutions) ? listNotebooks(solutions) : [])];
}

/** The deepest folder that holds every one of `paths` (absolute). */
function commonFolder(paths: readonly string[]): string {
  const folders = paths.map((p) => dirname(resolve(p)));
  let common = folders[0]!;
  for (const folder of folders.slice(1)) {
    while (folder !== common && !folder.startsWith(common.endsWith(sep) ? common : common + sep)) {
      const parent = dirname(common);
      if (parent === common) break;
      common = parent;
    }
  }
  return common;
}

/**
 * Where the executed copy of each notebook goes: its path below the folder
 * all `paths` share, under `outDir` — one notebook → OUT/name.ipynb;
 * notebooks/a.ipynb + notebooks/solutions/b.ipynb → OUT/a.ipynb,
 * OUT/solutions/b.ipynb. Two notebooks never write the same file.
 */
export function outputPaths(paths: readonly string[], outDir: string): string[] {
  if (paths.length === 0) return [];
  const common = commonFolder(paths);
  return paths.map((path) => join(outDir, relative(common, resolve(path))));
}

/**
 * Checks the folder for executed copies before anything runs (out-folder.ts):
 * `outDir` undefined means the default, which is held only to the rule that
 * no copy may land on a source; a given --out must also lie outside every
 * source's folder. Throws ConvkitInputError naming --out.
 */
export function checkDestination(paths: readonly string[], outDir: string | undefined): void {
  const folder = outDir ?? DEFAULT_OUT_DIR;
  checkOutFolder(folder, paths, { given: outDir !== undefined });
  for (const target of outputPaths(paths, folder)) checkNotASource(target, paths, folder);
}

/** Executes `paths` in order and stops at the first failure. Throws ConvkitInputError for unreadable or corrupt notebooks. */
export async function runNotebooks(paths: readonly string[], options: RunNotebooksOptions = {}): Promise<RunSummary> {
  if (paths.length === 0) throw new ConvkitInputError('notebooks', [], 'must name at least one .ipynb file');
  const loaded: [string, Notebook][] = paths.map((path) => [path, readNotebook(path)]);
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  const targets = outputPaths(paths, outDir);
  if (!options.inplace) checkDestination(paths, options.outDir);
  const results: NotebookResult[] = [];
  for (const [index, [path, notebook]] of loaded.entries()) {
    const run = await executeNotebook(notebook, path, options);
    let written: string | null = null;
    if (options.inplace) {
      if (!run.failure) {
        writeNotebook(path, run.notebook);
        written = path;
      }
    } else if (run.failure?.kind !== 'kernel-missing' && run.failure?.kind !== 'kernel-start') {
      written = targets[index]!;
      checkNotASource(written, paths, outDir);
      writeNotebook(written, run.notebook);
    }
    const result = { source: path, written, run };
    results.push(result);
    options.onResult?.(result);
    if (run.failure) return { results, failed: result };
  }
  return { results, failed: null };
}
