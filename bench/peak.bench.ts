/**
 * Single-core peak as a yardstick: GFLOP/s of a large square matMul on the
 * wasm backend (XNNPACK GEMM, SIMD, one thread), with the cpu backend beside
 * it. Other benches divide a layer's GFLOP/s by this number to print its
 * fraction of peak (src/backend/peak.ts, measurePeakGflops).
 *
 * Run: npm run bench -- peak
 */
import * as tf from '@tensorflow/tfjs';
import { backendInfo, useBackend } from '../src/backend';
import { measurePeakGflops } from '../src/backend/peak';
import { timeMedian } from '../src/backend/timing';

export async function run(): Promise<void> {
  await useBackend('wasm');
  const info = backendInfo();
  console.log(`backend ${info.name}, SIMD ${info.simd ? 'on' : 'off'}, ${info.threads} thread(s), tfjs ${info.tfjsVersion}`);
  console.log('square matMul n×n · n×n, FLOPs = 2·n³, median of 5 runs (CPU time of this process)');
  const wasmBySize = new Map<number, number>();
  for (const size of [256, 512, 1024]) {
    const gflops = await measurePeakGflops({ size, repeats: 5 });
    wasmBySize.set(size, gflops);
    console.log(`  wasm  n=${String(size).padStart(4)}: ${gflops.toFixed(1).padStart(6)} GFLOP/s`);
  }
  // Wall vs CPU time for the yardstick itself, to show how busy the machine was.
  const a = tf.randomUniform([1024, 1024], -1, 1, 'float32', 1);
  const b = tf.randomUniform([1024, 1024], -1, 1, 'float32', 2);
  const timing = await timeMedian(() => tf.matMul(a, b), 3);
  tf.dispose([a, b]);
  console.log(
    `  wasm  n=1024: wall ${timing.wallMs.toFixed(1)} ms vs CPU ${timing.cpuMs.toFixed(1)} ms (wall/CPU ${(timing.wallMs / timing.cpuMs).toFixed(2)}: >1 means other processes shared the core)`,
  );

  await useBackend('cpu');
  const cpuGflops = await measurePeakGflops({ size: 256, repeats: 3 });
  console.log(`  cpu   n= 256: ${cpuGflops.toFixed(2).padStart(6)} GFLOP/s`);
  await useBackend('wasm');
  console.log(`peak (wasm, n=1024) = ${wasmBySize.get(1024)!.toFixed(1)} GFLOP/s; wasm/cpu at n=256: ${(wasmBySize.get(256)! / cpuGflops).toFixed(0)}x`);
}
