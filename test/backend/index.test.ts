import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { ConvkitInputError } from '../../src/core/errors';
import { backendInfo, useBackend, type BackendName } from '../../src/backend';

/**
 * All text written to stdout, stderr or the console while `run` runs. Binary
 * chunks pass through: they are node:test's own serialized reports.
 */
async function captureOutput(run: () => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const originals = consoleMethods.map((method) => console[method]);
  const recordText =
    (stream: NodeJS.WriteStream, write: typeof process.stdout.write) =>
    (chunk: unknown, ...rest: unknown[]): boolean => {
      if (typeof chunk === 'string') {
        chunks.push(chunk);
        return true;
      }
      return (write as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
    };
  process.stdout.write = recordText(process.stdout, stdoutWrite) as typeof process.stdout.write;
  process.stderr.write = recordText(process.stderr, stderrWrite) as typeof process.stderr.write;
  for (const method of consoleMethods) console[method] = (...args: unknown[]) => void chunks.push(`${args.join(' ')}\n`);
  try {
    await run();
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    consoleMethods.forEach((method, i) => (console[method] = originals[i]));
  }
  return chunks.join('');
}

/** A forward and backward pass, enough to wake up every backend's first-use messages. */
function convolveAndDifferentiate(): void {
  tf.tidy(() => {
    const x = tf.ones([1, 6, 6, 2]) as tf.Tensor4D;
    const w = tf.ones([3, 3, 2, 3]) as tf.Tensor4D;
    const loss = (filter: tf.Tensor) => tf.sum(tf.conv2d(x, filter as tf.Tensor4D, 1, 'same')) as tf.Scalar;
    tf.grad(loss)(w).dataSync();
  });
}

test('useBackend() starts wasm and nothing — no tfjs-node banner, no warning — is printed on wasm or cpu', async () => {
  const chosen: BackendName[] = [];
  const output = await captureOutput(async () => {
    chosen.push(await useBackend());
    convolveAndDifferentiate();
    chosen.push(await useBackend('cpu')); // the cpu backend prints its banner on first use unless prod mode is on
    convolveAndDifferentiate();
    chosen.push(await useBackend('wasm'));
  });
  assert.deepEqual(chosen, ['wasm', 'cpu', 'wasm']);
  assert.equal(output, '');
});

test('calling useBackend again on the active backend returns it without restarting anything', async () => {
  await useBackend('wasm');
  const backendBefore = tf.backend();
  assert.equal(await useBackend('wasm'), 'wasm');
  assert.equal(tf.backend(), backendBefore);
});

test('backendInfo reports wasm with SIMD, one thread, production mode and the six convkit kernels', async () => {
  await useBackend('wasm');
  const info = backendInfo();
  assert.equal(info.name, 'wasm');
  assert.equal(info.simd, true); // Node 20's V8 always has wasm SIMD
  assert.equal(info.threads, 1);
  assert.equal(info.prodMode, true);
  assert.deepEqual([...info.convkitKernels].sort(), [
    'Conv2DBackpropFilter',
    'Conv2DBackpropInput',
    'DepthwiseConv2dNativeBackpropFilter',
    'DepthwiseConv2dNativeBackpropInput',
    'Slice',
    'SplitV',
  ]);
  assert.equal(info.tfjsVersion, tf.version.tfjs);
});

test('when wasm cannot start, useBackend falls back to cpu and prints exactly one line saying why', async () => {
  await useBackend('cpu'); // so that the next call has to start wasm
  let chosen: BackendName | undefined;
  const output = await captureOutput(async () => {
    chosen = await useBackend('wasm', {
      startWasm: async () => {
        throw new Error('simulated: this machine has no WebAssembly');
      },
    });
  });
  assert.equal(chosen, 'cpu');
  assert.equal(tf.getBackend(), 'cpu');
  const lines = output.split('\n').filter((line) => line.length > 0);
  assert.equal(lines.length, 1, output);
  assert.match(lines[0], /wasm backend could not start \(simulated: this machine has no WebAssembly\).*cpu/);
});

test('a loader that resolves without switching to wasm also counts as a failure', async () => {
  await useBackend('cpu');
  const lines: string[] = [];
  const chosen = await useBackend('wasm', { startWasm: async () => undefined, writeLine: (line) => lines.push(line) });
  assert.equal(chosen, 'cpu');
  assert.equal(lines.length, 1);
  assert.match(lines[0], /active backend is "cpu"/);
  assert.equal(await useBackend('wasm'), 'wasm'); // the real loader still works afterwards
});

test('an unknown backend name is refused with an error that names the field and the choices', async () => {
  await assert.rejects(
    () => useBackend('webgl' as BackendName),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'backend' && /"wasm", "cpu"/.test(error.message),
  );
});
