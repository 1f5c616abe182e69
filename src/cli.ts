/**
 * The `convkit` command: what a model or a single layer costs, from the
 * terminal, with the same numbers the notebooks show.
 *
 *   argv ──► subcommand ──► flags (src/cli/flags) ──► spec (src/models)
 *        ──► cost model (src/cost) ──► table + totals, or one JSON object
 *
 *   convkit cost MODEL [options]      a zoo model (src/cli/cost-command)
 *   convkit layer TYPE --input H,W,C  one layer or block (src/cli/layer-command)
 *   convkit run …                     the notebook runner (src/notebook/run-command)
 *   convkit experiment NAME           train an experiment on Fashion-MNIST (src/experiments/command)
 *
 * Exit codes: 0 done; 2 bad input (one line on stderr naming the field, the
 * value and the rule, as ConvkitInputError says it); 1 the output could not
 * be written (a full disk), or an unexpected internal error (one line too;
 * set CONVKIT_DEBUG=1 for the stack).
 *
 * `main` is pure apart from its writers, so tests call it in-process.
 */
import { ConvkitInputError } from './core/errors';
import type { CliIo } from './cli/io';

export type { CliIo } from './cli/io';

/** Exit codes of the command. */
export const EXIT_OK = 0;
export const EXIT_INTERNAL_ERROR = 1;
export const EXIT_BAD_INPUT = 2;

const SUBCOMMANDS = ['cost', 'layer', 'run', 'experiment'] as const;

/** Runs `convkit` with `argv` (without node and the script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    return reportError(error, io);
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout(load<typeof import('./cli/help')>('./cli/help').topHelp());
    return EXIT_OK;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${version()}\n`);
    return EXIT_OK;
  }
  const switchWithValue = /^--(help|version)=(.*)$/s.exec(first);
  if (switchWithValue) {
    throw new ConvkitInputError(`--${switchWithValue[1]}`, switchWithValue[2], `is a switch and takes no value; write convkit --${switchWithValue[1]}`);
  }
  switch (first) {
    // Loaded on demand: the cost model pulls in mathjs, which dominates start-up,
    // and --version or a typo should not wait for it.
    case 'cost':
      return load<typeof import('./cli/cost-command')>('./cli/cost-command').costCommand(rest, io);
    case 'layer':
      return load<typeof import('./cli/layer-command')>('./cli/layer-command').layerCommand(rest, io);
    case 'run':
      return runNotebooks(rest, io);
    case 'experiment':
      // TF.js and the data set load only here.
      return load<typeof import('./experiments/command')>('./experiments/command').experimentCommand(rest, io);
    default:
      if (first.startsWith('-')) {
        throw new ConvkitInputError('option', first, 'unknown option for convkit; its options: --help --version (or name a subcommand first)');
      }
      throw new ConvkitInputError('subcommand', first, `must be one of ${SUBCOMMANDS.join(', ')} (see convkit --help)`);
  }
}

/** What `convkit run` needs from the notebook runner. */
export interface NotebookRunner {
  runCommand(args: string[]): Promise<number>;
}

/**
 * `convkit run` belongs to the notebook runner. It is loaded only here, so
 * `convkit cost` never loads zeromq and the Jupyter machinery. If the runner
 * is not there, say so in one line (exit 2) instead of a module-loader trace.
 * `loadRunner` exists for tests.
 */
export async function runNotebooks(
  args: readonly string[],
  io: CliIo,
  loadRunner: () => NotebookRunner = () => load<NotebookRunner>('./notebook/run-command'),
): Promise<number> {
  let runner: NotebookRunner;
  try {
    runner = loadRunner();
  } catch (error) {
    const firstLine = String((error as Error | undefined)?.message).split('\n')[0]!;
    if ((error as { code?: unknown } | undefined)?.code === 'MODULE_NOT_FOUND' && /run-command'/.test(firstLine)) {
      io.stderr('convkit: run: the notebook runner (src/notebook/run-command) is not part of this checkout\n');
      return EXIT_BAD_INPUT;
    }
    throw error;
  }
  return runner.runCommand([...args]);
}

/**
 * A synchronous require with the module's types, so that a command loads
 * only the modules it needs. Not `import()`: where
 * src/ runs through tsx (the tests), a dynamic import goes to the ESM
 * loader, which does not resolve extensionless .ts paths.
 */
function load<T>(path: string): T {
  return require(path) as T;
}

/**
 * Where the output could not be written (a full disk, `> /dev/full`, a
 * closed terminal): not the learner's input and not a bug in the kit, so one
 * line naming the system's reason, exit 1.
 */
export class OutputWriteError extends Error {
  readonly code: string | undefined;
  constructor(stream: 'stdout' | 'stderr', cause: unknown) {
    const code = (cause as { code?: unknown } | null)?.code;
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`cannot write to standard ${stream === 'stdout' ? 'output' : 'error'}: ${reason}`);
    this.name = 'OutputWriteError';
    this.code = typeof code === 'string' ? code : undefined;
  }
}

/** The writers bin/convkit.js uses: process.stdout/stderr, with write failures as OutputWriteError. */
export function processIo(): CliIo {
  return {
    stdout: (text) => {
      try {
        process.stdout.write(text);
      } catch (error) {
        throw new OutputWriteError('stdout', error);
      }
    },
    stderr: (text) => {
      try {
        process.stderr.write(text);
      } catch {
        // Nowhere left to say it; the exit code still tells.
      }
    },
  };
}

/**
 * The whole command as bin/convkit.js runs it: `main` on the process's own
 * streams, resolving to the exit code. A reader that closes the pipe early
 * (`convkit cost densenet-264 --per-layer | head`) is not an error (exit 0);
 * any other failure to write, synchronous (a file: `> /dev/full`) or later
 * (a pipe), is one line and exit 1, never a stack trace.
 */
export async function runCommandLine(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let lateWriteError: Error | undefined;
  const onError = (error: Error): void => {
    lateWriteError ??= error;
  };
  process.stdout.on('error', onError);
  try {
    const code = await main(argv, io);
    await flushed(process.stdout);
    if (lateWriteError !== undefined) return reportError(new OutputWriteError('stdout', lateWriteError), io);
    return code;
  } finally {
    process.stdout.off('error', onError);
  }
}

/** Resolves once everything written so far has left (or failed to leave) the stream. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || stream.writableLength === 0) return resolve();
    stream.once('drain', resolve);
    stream.once('error', () => resolve());
    stream.once('close', resolve);
  });
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof OutputWriteError) {
    if (error.code === 'EPIPE') return EXIT_OK;
    io.stderr(`convkit: ${oneLine(error.message)}\n`);
    return EXIT_INTERNAL_ERROR;
  }
  if (error instanceof ConvkitInputError) {
    io.stderr(`convkit: ${oneLine(error.message)}\n`);
    return EXIT_BAD_INPUT;
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  io.stderr(`convkit: internal error: ${oneLine(message)} (please report it; CONVKIT_DEBUG=1 shows the stack)\n`);
  if (process.env.CONVKIT_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
  return EXIT_INTERNAL_ERROR;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** The package version, read from package.json so there is one source. */
export function version(): string {
  return (require('../package.json') as { version: string }).version;
}
