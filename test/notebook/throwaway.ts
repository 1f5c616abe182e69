/**
 * Helpers for the runner tests: small throwaway notebooks in a temp folder,
 * the runner as a child process (the CLI contract: exit code + stderr), and
 * a check for anything a kernel could leave behind.
 *
 * Each test gives the runner its own TMPDIR, so its connection files land
 * there and its kernel's command line (--config-path TMPDIR/…) names it:
 * leftovers are found exactly, without touching anyone else's processes.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CONVKIT_KERNELSPEC } from '../../src/notebook/nbformat';

export const REPO = resolve(__dirname, '..', '..');
export const RUN_MAIN = join(REPO, 'src', 'notebook', 'run-main.ts');

export type CellInput = string | { source: string; tags?: string[]; markdown?: boolean };

export interface Sandbox {
  readonly root: string;
  /** Where notebook() writes: root/nb, so that root/out lies outside every source's folder. */
  readonly notebooks: string;
  /** TMPDIR for the runner under test. */
  readonly tmp: string;
  notebook(name: string, cells: readonly CellInput[]): string;
  dispose(): void;
}

export function sandbox(): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'convkit-runner-test-'));
  const tmp = join(root, 'tmp');
  mkdirSync(tmp);
  const notebooks = join(root, 'nb');
  mkdirSync(notebooks);
  return {
    root,
    tmp,
    notebooks,
    notebook(name, cells) {
      const path = join(notebooks, name);
      writeFileSync(path, notebookJson(cells));
      return path;
    },
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Runs `work` in a fresh sandbox and removes the sandbox afterwards, whatever happens. */
export async function withSandbox<T>(work: (box: Sandbox) => Promise<T>): Promise<T> {
  const box = sandbox();
  try {
    return await work(box);
  } finally {
    box.dispose();
  }
}

export function notebookJson(cells: readonly CellInput[]): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: CONVKIT_KERNELSPEC },
    cells: cells.map((cell, i) => {
      const { source, tags, markdown } = typeof cell === 'string' ? { source: cell, tags: undefined, markdown: false } : cell;
      const metadata = tags ? { tags } : {};
      return markdown
        ? { cell_type: 'markdown', id: `cell-${i}`, metadata, source }
        : { cell_type: 'code', id: `cell-${i}`, metadata, source, execution_count: null, outputs: [] };
    }),
  });
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export interface RunnerResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  readonly stdout: string;
  readonly seconds: number;
}

/**
 * Runs `convkit run ARGS` (src/notebook/run-main.ts) with TMPDIR = box.tmp.
 * `whileRunning` gets the child to signal it; a guard (90 s unless `guardMs`) kills a hung runner.
 */
export function runRunner(
  box: Sandbox,
  args: readonly string[],
  options: {
    env?: Record<string, string>;
    whileRunning?: (child: import('node:child_process').ChildProcess) => void;
    /** How long before a hung runner is killed (default 90 s). */
    guardMs?: number;
  } = {},
): Promise<RunnerResult> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', RUN_MAIN, ...args], {
    cwd: REPO,
    env: { ...process.env, TMPDIR: box.tmp, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  options.whileRunning?.(child);
  const guard = setTimeout(() => child.kill('SIGKILL'), options.guardMs ?? 90_000);
  return new Promise((resolvePromise) => {
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolvePromise({ code, signal, stderr, stdout, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/** Connection folders left in `tmp` and live processes whose command line mentions `tmp`. */
export function leftovers(tmp: string): { connectionFolders: string[]; processes: number[] } {
  const connectionFolders = readdirSync(tmp).filter((name) => name.startsWith('convkit-kernel-'));
  const processes: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes(tmp) && cmdline.includes('kernel')) processes.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return { connectionFolders, processes };
}

/** Waits until `condition` holds or `ms` pass. */
export async function waitUntil(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return condition();
}
