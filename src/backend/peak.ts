/**
 * A yardstick for every latency convkit prints: the GFLOP/s one core reaches
 * on a large square matrix product, where arithmetic, not memory, limits the
 * speed. A layer's measured GFLOP/s divided by this number says how much of
 * the machine it uses. A depthwise convolution does ~K² multiply-adds per
 * value it loads, against ~M for a pointwise one, so it reaches a small
 * fraction of peak; that is why its latency falls far less than its MAC
 * count (MobileNet v1 paper, Howard et al. 2017, Sec. 3.1, notes that 1×1
 * convolutions map straight onto GEMM).
 *
 * FLOPs = 2 × MACs (one multiply and one add); an n×n by n×n product is
 * n³ MACs. Time is CPU time of this process (see timing.ts), so a busy
 * shared machine does not lower the figure.
 */
import * as tf from '@tensorflow/tfjs';
import { requireInteger } from '../core/errors';
import { timeMedian } from './timing';

export interface PeakOptions {
  /** Side n of the n×n by n×n product. Default 1024 (~2.1 GFLOP per run). */
  readonly size?: number;
  /** Timed runs after one warm-up; the median counts. Default 5. */
  readonly repeats?: number;
}

/**
 * Single-core peak GFLOP/s: 2·n³ over the median CPU time of an n×n by n×n
 * `tf.matMul` on the ACTIVE backend (call `useBackend()` first; convkit's
 * yardstick is the wasm one). Disposes everything it creates.
 */
export async function measurePeakGflops(options: PeakOptions = {}): Promise<number> {
  const size = requireInteger('size', options.size ?? 1024);
  const repeats = requireInteger('repeats', options.repeats ?? 5);
  const a = tf.randomUniform([size, size], -1, 1, 'float32', 1);
  const b = tf.randomUniform([size, size], -1, 1, 'float32', 2);
  try {
    const timing = await timeMedian(() => tf.matMul(a, b), repeats);
    return (2 * size ** 3) / (Math.max(timing.cpuMs, 1e-3) * 1e6);
  } finally {
    a.dispose();
    b.dispose();
  }
}
