/**
 * Which TF.js backend convkit computes on, and how to switch.
 *
 * convkit runs on the WebAssembly backend by default: XNNPACK with SIMD,
 * single-threaded in Node, ~40× faster than TF.js's pure-JS 'cpu' backend
 * for a 3×3 convolution and ~30× for a 1×1 one (bench/conv-latency.bench.ts
 * measures it on this machine). tfjs-node cannot be installed here (its install downloads a
 * binary), so 'wasm' is the fastest backend a learner can count on.
 *
 *   await useBackend();      // 'wasm' (or 'cpu' with one line on stderr)
 *   backendInfo();           // { name: 'wasm', simd: true, threads: 1, … }
 *
 * useBackend also
 *   - registers convkit's convolution-gradient kernels on 'wasm'
 *     (src/backend/kernels), without which `model.fit` fails there;
 *   - turns on TF.js's production mode, so neither the "install tfjs-node"
 *     banner nor debug warnings end up in a notebook's outputs.
 */
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { ConvkitInputError } from '../core/errors';
import { registerWasmKernels, wasmKernels } from './kernels/register';
import { withConsoleHeldBack } from './quiet-console';

export { registerWasmKernels, replacedWasmKernel, wasmKernels } from './kernels/register';
export { measurePeakGflops, type PeakOptions } from './peak';
export { timeMedian, type Timing } from './timing';

/** The backends convkit supports. */
export const backendNames = ['wasm', 'cpu'] as const;
export type BackendName = (typeof backendNames)[number];

/** What notebook 00 prints about the machine's TF.js set-up. */
export interface BackendInfo {
  /** The active TF.js backend, or 'none' before any was chosen. */
  readonly name: string;
  /** Whether the wasm binary with 128-bit SIMD is running (false off wasm). */
  readonly simd: boolean;
  /** Threads XNNPACK uses (1 in Node: the threaded binary needs browser workers). */
  readonly threads: number;
  /** Whether TF.js production mode is on (no banner, no debug warnings). */
  readonly prodMode: boolean;
  /** Kernels convkit added to or replaced on 'wasm' (empty if not registered). */
  readonly convkitKernels: readonly string[];
  /** @tensorflow/tfjs version. */
  readonly tfjsVersion: string;
}

/** Hooks for tests; a notebook never passes these. */
export interface UseBackendOptions {
  /**
   * Starts the wasm backend and resolves once TF.js computes on it; rejects
   * if it cannot. Default: load the .wasm binary shipped inside
   * @tensorflow/tfjs-backend-wasm from disk and `tf.setBackend('wasm')`.
   */
  readonly startWasm?: () => Promise<void>;
  /** Receives the one-line fallback notice. Default: process.stderr. */
  readonly writeLine?: (line: string) => void;
}

/** Set once the default loader failed, so later calls do not retry or re-print. */
let wasmFailure: string | null = null;
let wasmPathsSet = false;

/**
 * Makes `name` (default 'wasm') the active TF.js backend and resolves to the
 * backend actually in use. If wasm cannot start, falls back to 'cpu' and
 * writes ONE line saying so to stderr. Idempotent and cheap to call again:
 * when the backend is already active it only checks the kernel registry.
 */
export async function useBackend(name: BackendName = 'wasm', options: UseBackendOptions = {}): Promise<BackendName> {
  if (!(backendNames as readonly string[]).includes(name)) {
    throw new ConvkitInputError('backend', name, `must be one of ${backendNames.map((n) => `"${n}"`).join(', ')}`);
  }
  tf.enableProdMode();
  if (name === 'cpu') {
    if (tf.engine().backendName !== 'cpu') await setBackendOrThrow('cpu');
    return 'cpu';
  }
  registerWasmKernels();
  if (tf.engine().backendName === 'wasm') return 'wasm';
  const startWasm = options.startWasm ?? startWasmFromPackage;
  const usingDefault = options.startWasm === undefined;
  if (usingDefault && wasmFailure !== null) return fallBackToCpu(null, options);
  const run = await withConsoleHeldBack(async () => {
    await startWasm();
    if (tf.engine().backendName !== 'wasm') throw new Error(`the active backend is "${tf.engine().backendName}"`);
  });
  if (!run.failed) return 'wasm';
  // Emscripten's own abort message, if it printed one, says why; keep its first line.
  const reason = [firstLine(run.error), ...run.heldBack.slice(0, 1)].join(': ');
  if (usingDefault) wasmFailure = reason;
  return fallBackToCpu(reason, options);
}

/** The active backend and how it runs, for notebook 00's "your machine" table. */
export function backendInfo(): BackendInfo {
  const name = tf.engine().backendName ?? 'none';
  const onWasm = name === 'wasm';
  return {
    name,
    simd: onWasm && readFlag('WASM_HAS_SIMD_SUPPORT') === true,
    threads: onWasm ? wasmThreads() : 1,
    prodMode: tf.env().getBool('PROD'),
    convkitKernels: wasmKernels
      .filter((config) => tf.getKernel(config.kernelName, 'wasm')?.kernelFunc === config.kernelFunc)
      .map((config) => config.kernelName),
    tfjsVersion: tf.version.tfjs,
  };
}

/**
 * The default wasm loader. In Node the backend finds its .wasm next to its
 * own script; pointing it at the package's dist folder explicitly keeps
 * that true when convkit's compiled code is loaded from elsewhere (tslab
 * cells, bundlers). It must be set before the first initialisation.
 */
async function startWasmFromPackage(): Promise<void> {
  if (!wasmPathsSet) {
    setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm'))}/`);
    wasmPathsSet = true;
  }
  await setBackendOrThrow('wasm');
}

async function setBackendOrThrow(name: BackendName): Promise<void> {
  const started = await tf.setBackend(name);
  if (!started) throw new Error(`tf.setBackend("${name}") returned false`);
}

async function fallBackToCpu(reason: string | null, options: UseBackendOptions): Promise<BackendName> {
  await setBackendOrThrow('cpu');
  if (reason !== null) {
    const writeLine = options.writeLine ?? ((line: string) => process.stderr.write(`${line}\n`));
    writeLine(`convkit: the wasm backend could not start (${reason}); computing on the slower cpu backend instead.`);
  }
  return 'cpu';
}

function firstLine(error: unknown): string {
  const text = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
  return text.split('\n')[0].trim() || 'unknown error';
}

function readFlag(flag: string): unknown {
  try {
    return tf.env().get(flag);
  } catch {
    return undefined; // an async flag nobody has evaluated yet
  }
}

function wasmThreads(): number {
  try {
    return getThreadsCount();
  } catch {
    return 1;
  }
}
