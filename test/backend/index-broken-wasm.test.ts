/**
 * A real wasm start-up failure, in its own file: once the wasm binary has
 * failed to load, tfjs-backend-wasm refuses to start again in that process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { useBackend } from '../../src/backend';

test('a wasm binary that cannot be found gives one line on stderr, not Emscripten’s abort messages, and cpu', async () => {
  const text: string[] = [];
  const stderrWrite = process.stderr.write;
  const consoleError = console.error;
  const consoleWarn = console.warn;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string') return text.push(chunk) > 0;
    return (stderrWrite as (...args: unknown[]) => boolean).call(process.stderr, chunk, ...rest);
  }) as typeof process.stderr.write;
  console.error = (...args: unknown[]) => void text.push(`${args.join(' ')}\n`);
  console.warn = (...args: unknown[]) => void text.push(`${args.join(' ')}\n`);
  let chosen: string | undefined;
  try {
    chosen = await useBackend('wasm', {
      // The default loader, pointed at a folder without the .wasm files.
      startWasm: async () => {
        setWasmPaths('/nonexistent-convkit-test/');
        if (!(await tf.setBackend('wasm'))) throw new Error('tf.setBackend("wasm") returned false');
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 100)); // late asynchronous messages, if any
  } finally {
    process.stderr.write = stderrWrite;
    console.error = consoleError;
    console.warn = consoleWarn;
  }
  assert.equal(chosen, 'cpu');
  assert.equal(tf.getBackend(), 'cpu');
  const lines = text
    .join('')
    .split('\n')
    .filter((line) => line.length > 0);
  assert.equal(lines.length, 1, lines.join('\n'));
  assert.match(lines[0], /^convkit: the wasm backend could not start \(.*no such file or directory.*\); computing on the slower cpu backend instead\.$/);
});
