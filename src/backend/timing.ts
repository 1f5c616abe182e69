/**
 * How convkit's benchmarks time a TF.js computation: median of several runs
 * after a warm-up, waiting for the result's data each time (TF.js may return
 * before the work is done).
 *
 * Two clocks are read. Wall time is what a learner waits. CPU time of this
 * process is what the computation costs: on a shared machine (here: 2 cores,
 * often a load of 10+) wall time also counts the time other processes held
 * the core, while CPU time does not, so ratios measured side by side stay
 * comparable. The wasm backend is single-threaded in Node, so on an idle
 * machine the two agree.
 */
import * as tf from '@tensorflow/tfjs';
import { requireInteger } from '../core/errors';

export interface Timing {
  /** Median wall-clock time per run, ms. */
  readonly wallMs: number;
  /** Median CPU time (user + system) of this process per run, ms. */
  readonly cpuMs: number;
  /** Timed runs (the warm-up run is not counted). */
  readonly runs: number;
}

/**
 * Runs `compute` once to warm up (XNNPACK packs weights, V8 compiles) and
 * then `runs` times, disposing every result. `compute` runs inside tf.tidy,
 * so its intermediates are freed too.
 */
export async function timeMedian(compute: () => tf.Tensor, runs = 5): Promise<Timing> {
  requireInteger('runs', runs);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    const result = tf.tidy(compute);
    await result.data();
    const wallMs = performance.now() - wallStart;
    const cpuUsed = process.cpuUsage(cpuStart);
    result.dispose();
    if (run === 0) continue;
    wall.push(wallMs);
    cpu.push((cpuUsed.user + cpuUsed.system) / 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu), runs };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
