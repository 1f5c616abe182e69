/**
 * Test helpers: run the same computation on TF.js's 'cpu' backend (the
 * reference: its gradient kernels are TF.js's own) and on 'wasm' (with
 * convkit's kernels), from the same seeded numbers, and compare.
 */
import * as tf from '@tensorflow/tfjs';
import { useBackend, type BackendName } from '../../../src/backend';

/** Deterministic numbers in [-1, 1) from a 32-bit seed (mulberry32). */
export function seededValues(count: number, seed: number): Float32Array {
  let state = seed >>> 0;
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    values[i] = ((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1;
  }
  return values;
}

/** Runs `compute` on `backend` and returns its results as plain arrays (no tensors survive). */
export async function computeOn(backend: BackendName, compute: () => tf.Tensor[]): Promise<Float32Array[]> {
  await useBackend(backend);
  const results = tf.tidy(compute);
  try {
    return await Promise.all(results.map(async (t) => (await t.data()) as Float32Array));
  } finally {
    tf.dispose(results);
  }
}

/**
 * The largest violation of |wasm − cpu| <= relTol·|cpu| + absTol over all
 * entries, as a message, or null if every entry agrees.
 */
export function disagreement(wasm: Float32Array, cpu: Float32Array, relTol = 1e-4, absTol = 1e-4): string | null {
  if (wasm.length !== cpu.length) return `lengths differ: wasm ${wasm.length}, cpu ${cpu.length}`;
  let worst: string | null = null;
  let worstExcess = 0;
  for (let i = 0; i < cpu.length; i++) {
    const excess = Math.abs(wasm[i] - cpu[i]) - (relTol * Math.abs(cpu[i]) + absTol);
    if (!(excess <= worstExcess)) {
      worstExcess = Number.isNaN(excess) ? Infinity : excess;
      worst = `entry ${i}: wasm ${wasm[i]}, cpu ${cpu[i]}`;
    }
  }
  return worst;
}
