/**
 * The PyTorch side of the training-step comparison: the same network as
 * convkit's, trained the same way, timed on one CPU thread in the same run,
 * so that convkit's wasm figure has a yardstick measured on the same machine
 * state rather than a number from elsewhere.
 *
 * bench/reference/torch_train_step.py builds the torch.nn network by reading
 * the spec's nodes (never the model's name) with TF's padding, strides,
 * dilation, bias and batch-norm settings, and times a step = forward +
 * cross-entropy + backward + Adam (lr 0.01), and a no-grad forward pass
 * (inference mode), with torch.set_num_threads(1) and glibc's malloc told to
 * keep freed memory (page faults otherwise dominate). It reports the trainable
 * parameter count, which equals convkit's (countParams() less the BN moving
 * statistics) when the two networks are the same.
 *
 * Python: $CONVKIT_TORCH_PYTHON if set, else python3; the first whose
 * `import torch` works. Without one (or if the script fails) the result is
 * `{ skipped: reason }`, never an exception: torch is optional here.
 *
 *   const torch = await torchTrainStep(spec, { batch: 64, warmup: 2, steps: 7 });
 *   if ('skipped' in torch) console.log(`torch: skipped (${torch.skipped})`);
 *   else console.log(`torch ${torch.torch}: ${torch.trainMs.toFixed(1)} ms per step`);
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ModelSpec } from '../src/core/spec';

/** What torch_train_step.py prints, one JSON line. */
export interface TorchTiming {
  /** torch.__version__, e.g. '2.13.0+cpu'. */
  readonly torch: string;
  /** Intra-op threads torch ran with (1). */
  readonly threads: number;
  /** Median ms of a training step: forward, loss, backward, Adam update. */
  readonly trainMs: number;
  /** Median ms of a no-grad forward pass (BN in inference mode). */
  readonly forwardMs: number;
  /** Trainable parameters of the torch network. */
  readonly params: number;
}

export interface TorchTrainStepOptions {
  readonly batch: number;
  /** Untimed steps first (the first calls allocate and pick kernels). */
  readonly warmup: number;
  /** Timed steps; the median is reported. */
  readonly steps: number;
  /** Seed of the weights, the batch and the labels. Default 1. */
  readonly seed?: number;
}

// From __filename: under tsx, __dirname reads 'data:text' when an ES module imports this file.
const SCRIPT = join(dirname(__filename), 'reference', 'torch_train_step.py');
/** `import torch` takes a few seconds cold; more means something is wrong. */
const IMPORT_TIMEOUT_MS = 60_000;
/** A large net at batch 64 on one thread takes seconds per step. */
const RUN_TIMEOUT_MS = 10 * 60_000;

interface Ran {
  readonly failure?: string;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program to the end; a failure (not found, exit code, timeout) comes back as text. */
function run(file: string, args: readonly string[], timeout: number): Promise<Ran> {
  // One thread also for pools that start at import, before set_num_threads runs.
  const env = { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  return new Promise((resolve) => {
    execFile(file, [...args], { timeout, env, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve(error === null ? { stdout, stderr } : { failure: describe(error, timeout), stdout, stderr });
    });
  });
}

/** Why execFile failed, in a few words. */
function describe(error: Error & { code?: unknown; killed?: boolean }, timeout: number): string {
  if (error.code === 'ENOENT') return 'not found';
  if (error.killed === true) return `timed out after ${timeout / 1000} s`;
  if (typeof error.code === 'number') return `exit code ${error.code}`;
  return error.message;
}

/** The last non-empty line of a program's output (Python's error is its traceback's last line), shortened. */
function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const line = lines[lines.length - 1] ?? '';
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

let found: Promise<{ python: string } | { skipped: string }> | undefined;

/** The first candidate Python whose `import torch` works (looked up once per process). */
function findTorchPython(): Promise<{ python: string } | { skipped: string }> {
  found ??= (async () => {
    const fromEnv = process.env.CONVKIT_TORCH_PYTHON;
    const candidates = fromEnv !== undefined && fromEnv !== '' ? [fromEnv, 'python3'] : ['python3'];
    const reasons: string[] = [];
    for (const python of candidates) {
      const ran = await run(python, ['-c', 'import torch'], IMPORT_TIMEOUT_MS);
      if (ran.failure === undefined) return { python };
      const why = ran.failure === 'not found' ? 'not found' : lastLine(ran.stderr) || ran.failure;
      reasons.push(`${python}: ${why}`);
    }
    return { skipped: `no Python with torch (set CONVKIT_TORCH_PYTHON): ${reasons.join('; ')}` };
  })();
  return found;
}

function isTiming(value: unknown): value is TorchTiming {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.torch === 'string' && [v.threads, v.trainMs, v.forwardMs, v.params].every((n) => typeof n === 'number' && Number.isFinite(n));
}

/**
 * Times `spec`'s training step in PyTorch on one CPU thread (see the top of
 * this file). Resolves to the timing, or to `{ skipped }` with a one-line
 * reason when no Python with torch is found or the script fails.
 */
export async function torchTrainStep(spec: ModelSpec, options: TorchTrainStepOptions): Promise<TorchTiming | { skipped: string }> {
  const python = await findTorchPython();
  if ('skipped' in python) return python;
  const dir = mkdtempSync(join(tmpdir(), 'convkit-torch-'));
  try {
    const request = join(dir, 'request.json');
    writeFileSync(request, JSON.stringify({ spec, batch: options.batch, warmup: options.warmup, steps: options.steps, seed: options.seed ?? 1 }));
    const ran = await run(python.python, [SCRIPT, request], RUN_TIMEOUT_MS);
    if (ran.failure !== undefined) return { skipped: `torch reference failed (${ran.failure}): ${lastLine(ran.stderr) || 'no message'}` };
    const line = lastLine(ran.stdout);
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return { skipped: `torch reference printed no JSON: ${line || '(nothing)'}` };
    }
    return isTiming(parsed) ? parsed : { skipped: `torch reference printed an unexpected line: ${line}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
