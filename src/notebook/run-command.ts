/**
 * `convkit run [NOTEBOOK…] [--out DIR] [--inplace] [--timeout S]`
 *
 * Executes notebooks headless through the real tslab kernel (see
 * execute-notebook.ts) and writes the executed copies. With no NOTEBOOK it
 * runs the lessons, notebooks/*.ipynb in order, then their reference
 * solutions, notebooks/solutions/*.ipynb (both are committed with outputs
 * and compared by npm test); executed copies keep that layout under --out.
 *
 * Exit codes: 0 all ran; 1 a notebook failed (cell error, timeout, kernel
 * died or did not start); 2 bad input (unknown flag, missing or corrupt
 * notebook) — printed as one line naming field, value and rule.
 * Progress goes to stderr, one line per cell; a summary line per notebook.
 * Ctrl-C / SIGTERM shut the kernel down before the runner exits.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { ConvkitInputError } from '../core/errors';
import { formatFailure } from './execute-notebook';
import { shutdownKernelsOnSignals } from './kernel';
import { readNotebook } from './nbformat';
import { checkDestination, DEFAULT_OUT_DIR, defaultNotebooks, formatResultLine, runNotebooks } from './run-notebooks';

export interface RunArgs {
  readonly notebooks: string[];
  readonly outDir: string;
  /** True when --out was typed (then it must also lie outside every source's folder; see out-folder.ts). */
  readonly outGiven: boolean;
  readonly inplace: boolean;
  readonly timeoutSeconds: number;
  readonly help: boolean;
}

/**
 * The largest --timeout: one day. Node's timers hold at most 2^31 − 1 ms
 * (≈ 24.8 days); beyond that a timer fires at once, so every cell would
 * "time out" immediately while the message claimed the long limit.
 */
export const MAX_TIMEOUT_SECONDS = 86_400;
/** Plain decimal seconds: 30, 2.5, .5 — not 0x10, 1e3, Infinity or "  7 ". */
const DECIMAL_SECONDS = /^(\d+(\.\d*)?|\.\d+)$/;

export const RUN_USAGE = `usage: convkit run [NOTEBOOK…] [--out DIR] [--inplace] [--timeout S]
  Executes notebooks through the tslab kernel (default: every notebooks/*.ipynb,
  then every notebooks/solutions/*.ipynb).
  --out DIR     where executed copies go (default ${DEFAULT_OUT_DIR}); a folder
                outside every source notebook's folder
  --inplace     write outputs back into the notebooks (only if they ran cleanly)
  --timeout S   per-cell limit in decimal seconds, > 0 and <= ${MAX_TIMEOUT_SECONDS} (default 120)`;

/** Parses the arguments after `run`. Throws ConvkitInputError on anything unknown, malformed or repeated. */
export function parseRunArgs(args: readonly string[]): RunArgs {
  const notebooks: string[] = [];
  let outDir: string | undefined;
  let inplace = false;
  let timeoutSeconds = 120;
  let help = false;
  // Each option once: a second --out would silently win, as cost and layer refuse too (src/cli/flags.ts).
  const given = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? args[++i];
      if (next === undefined || (inline === undefined && next.startsWith('--'))) {
        throw next === undefined
          ? new ConvkitInputError(flag, undefined, 'needs a value after it', '(no value)')
          : new ConvkitInputError(flag, next, 'needs a value');
      }
      given.get(flag)!.push(next);
      return next;
    };
    if (flag.startsWith('-')) {
      const name = flag === '-h' ? '--help' : flag;
      if (!given.has(name)) given.set(name, []);
      else if (['--out', '--inplace', '--timeout', '--help'].includes(name)) {
        const values = given.get(name)!;
        const later = inline ?? (name === '--out' || name === '--timeout' ? args[i + 1] : undefined);
        const shown = values.length ? ` (${[...values, later ?? '(no value)'].join(', then ')})` : '';
        throw new ConvkitInputError('option', name, `given 2 times${shown}; give each option once`);
      }
    }
    switch (flag) {
      case '--out':
        outDir = value();
        break;
      case '--inplace':
        if (inline !== undefined) throw new ConvkitInputError('--inplace', inline, 'takes no value');
        inplace = true;
        break;
      case '--timeout': {
        const text = value();
        if (!DECIMAL_SECONDS.test(text))
          throw new ConvkitInputError('--timeout', text, `must be decimal seconds, e.g. 30 or 2.5 (> 0 and <= ${MAX_TIMEOUT_SECONDS})`);
        const seconds = Number(text);
        if (!(seconds > 0) || seconds > MAX_TIMEOUT_SECONDS) {
          throw new ConvkitInputError('--timeout', text, `must be greater than 0 and at most ${MAX_TIMEOUT_SECONDS} s (one day)`);
        }
        timeoutSeconds = seconds;
        break;
      }
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        if (arg.startsWith('-')) throw new ConvkitInputError('flag', arg, 'must be one of --out, --inplace, --timeout, --help');
        if (!arg.endsWith('.ipynb')) throw new ConvkitInputError('notebook', arg, 'must be a .ipynb file');
        notebooks.push(arg);
    }
  }
  if (inplace && outDir !== undefined) throw new ConvkitInputError('--inplace', true, 'cannot be combined with --out (choose one destination)');
  return { notebooks, outDir: outDir ?? DEFAULT_OUT_DIR, outGiven: outDir !== undefined, inplace, timeoutSeconds, help };
}

/** The `convkit run` command; resolves to the process exit code. */
export async function runCommand(args: string[]): Promise<number> {
  let parsed: RunArgs;
  try {
    parsed = parseRunArgs(args);
    if (parsed.help) {
      process.stdout.write(RUN_USAGE + '\n');
      return 0;
    }
    if (parsed.notebooks.length === 0) parsed.notebooks.push(...defaultNotebooks('notebooks'));
    // Bad input first, as one line, before any warning or kernel.
    for (const path of parsed.notebooks) readNotebook(path);
    if (!parsed.inplace) checkDestination(parsed.notebooks, parsed.outGiven ? parsed.outDir : undefined);
  } catch (error) {
    return reportInputError(error);
  }

  const stale = staleLibWarning();
  if (stale) process.stderr.write(stale + '\n');

  const restoreSignals = shutdownKernelsOnSignals('convkit run');
  try {
    const summary = await runNotebooks(parsed.notebooks, {
      outDir: parsed.outGiven ? parsed.outDir : undefined,
      inplace: parsed.inplace,
      timeoutSeconds: parsed.timeoutSeconds,
      progress: (line) => process.stderr.write(line + '\n'),
      onResult: (result) => {
        const where = result.written ? ` → ${displayPath(result.written)}` : '';
        process.stderr.write(`${formatResultLine(result)}${where}\n`);
      },
    });
    if (summary.failed?.run.failure) {
      process.stderr.write(formatFailure(summary.failed.source, summary.failed.run.failure) + '\n');
      return 1;
    }
    return 0;
  } catch (error) {
    return reportInputError(error);
  } finally {
    restoreSignals();
  }
}

/**
 * Notebooks import the compiled kit (lib/), not src/. When lib/ is not the
 * compiled form of today's src/ (scripts/lib-state.cjs, the same test the
 * `convkit` command and the kernel preload use), the notebooks would
 * silently run yesterday's code: say so. An installed copy without scripts/
 * has nothing to compare.
 */
export function staleLibWarning(repo = resolve(__dirname, '..', '..')): string | null {
  const statePath = join(repo, 'scripts', 'lib-state.cjs');
  if (!existsSync(statePath)) return null;
  const { libState } = require(statePath) as { libState: (repo: string) => { stale: boolean; reason?: string } };
  const state = libState(repo);
  return state.stale ? `convkit run: warning: ${state.reason}; notebooks import lib/ (run \`npm run build\`)` : null;
}

function displayPath(path: string): string {
  const near = relative(process.cwd(), path);
  return near && !near.startsWith('..') ? near : path;
}

function reportInputError(error: unknown): number {
  if (error instanceof ConvkitInputError) {
    process.stderr.write(`convkit run: ${error.message}\n`);
    return 2;
  }
  throw error;
}
