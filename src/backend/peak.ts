/**
 * A yardstick for every latency convkit prints: the GFLOP/s one core reaches
 * on a large square matrix product, where arithmetic, not memory, limits the
 * speed. A layer's measured GFLOP/s divided by this number says how much of
 * the machine it uses — a depthwise convolution does so few multiply-adds
 * per byte that it reaches a small fraction, which is why its latency falls
 * far less than its MAC count (MobileNet v1 paper, Sec. 3.2, on why 1×1
 * convolutions map well to GEMM).
 *
 * FLOPs = 2 × MACs (one multiply and one add), n³ MACs for n×n times n×n.
 */
import * as tf from '@tensorflow/tfjs';
import { requireInteger } from '../errors';

export interface PeakOptions {
  /** Side n of the n×n×n matrix product. Default 1024 (~2.1 GFLOP per run). */
  readonly size?: number;
  /** Timed runs after one warm-up; the median is reported. Default 5. */
  readonly repeats?: number;
}

/**
 * Measures single-core peak GFLOP/s as the median over `repeats` runs of an
 * n×n by n×n `tf.matMul` on the ACTIVE backend (call `useBackend()` first;
 * convkit's yardstick is the wasm one). Disposes everything it creates.
 */
export async function measurePeakGflops(options: PeakOptions = {}): Promise<number> {
  const size = requireInteger('size', options.size ?? 1024);
  const repeats = requireInteger('repeats', options.repeats ?? 5);
  const a = tf.randomUniform([size, size], -1, 1, 'float32', 1);
  const b = tf.randomUniform([size, size], -1, 1, 'float32', 2);
  try {
    const timesMs: number[] = [];
    for (let run = 0; run <= repeats; run++) {
      const started = performance.now();
      const product = tf.matMul(a, b);
      await product.data(); // wait for the result, not just the dispatch
      const elapsedMs = performance.now() - started;
      product.dispose();
      if (run > 0) timesMs.push(elapsedMs); // run 0 warms up
    }
    timesMs.sort((x, y) => x - y);
    const medianMs = timesMs[Math.floor(timesMs.length / 2)];
    const flops = 2 * size ** 3;
    return flops / (medianMs * 1e6);
  } finally {
    a.dispose();
    b.dispose();
  }
}
