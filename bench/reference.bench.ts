/**
 * Reference loops vs TF.js's pure-JS 'cpu' backend on the same layers, timed
 * side by side in one run (target: reference / cpu <= 3).
 *
 * Both sides get the same input and weights; the TF.js time includes reading
 * the result back (dataSync), as a caller of the reference layer gets its
 * values too. GFLOP/s counts FLOPs = 2 × the MACs the reference loop counted.
 * The reference output is checked against TF.js's before timing, so a fast
 * but wrong loop cannot look good.
 */
import * as tf from '@tensorflow/tfjs';
import { conv2d } from '../src/layers/reference/conv2d';
import { depthwiseConv2d } from '../src/layers/reference/depthwise-conv2d';
import { pointwiseConv2d } from '../src/layers/reference/pointwise-conv2d';
import { randomTensor } from '../src/core/tensor';
import type { LayerResult } from '../src/layers/reference/layer-result';
import { uniformArray } from '../src/core/random';
import type { Shape3 } from '../src/core/spec';
import { median } from './median';

/** Milliseconds one call of `fn` takes. */
function timeMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

interface Case {
  readonly name: string;
  readonly reference: () => LayerResult;
  readonly cpu: () => Float32Array;
  readonly runs: number;
}

function cases(shape: Shape3, filters: number, runs: number): Case[] {
  const [H, W, C] = shape;
  const input = randomTensor(shape, 1);
  const x = tf.tensor4d(input.data, [1, H, W, C]);
  const standardKernel = uniformArray(3 * 3 * C * filters, 2);
  const depthwiseKernel = uniformArray(3 * 3 * C, 3);
  const pointwiseKernel = uniformArray(C * filters, 4);
  const wStandard = tf.tensor4d(standardKernel, [3, 3, C, filters]);
  const wDepthwise = tf.tensor4d(depthwiseKernel, [3, 3, C, 1]);
  const wPointwise = tf.tensor4d(pointwiseKernel, [1, 1, C, filters]);
  const read = (y: tf.Tensor): Float32Array => {
    const values = y.dataSync() as Float32Array;
    y.dispose();
    return values;
  };
  const label = `${H}x${W}x${C}`;
  return [
    {
      name: `conv2d 3x3 ${label} -> ${filters}`,
      reference: () => conv2d(input, { kind: 'conv2d', filters, kernelSize: 3 }, { kernel: standardKernel }),
      cpu: () => read(tf.conv2d(x, wStandard, 1, 'same')),
      runs,
    },
    {
      name: `depthwise 3x3 ${label}`,
      reference: () => depthwiseConv2d(input, { kind: 'depthwiseConv2d', kernelSize: 3 }, { kernel: depthwiseKernel }),
      cpu: () => read(tf.depthwiseConv2d(x, wDepthwise, 1, 'same')),
      runs: runs * 3,
    },
    {
      name: `pointwise 1x1 ${label} -> ${filters}`,
      reference: () => pointwiseConv2d(input, { kind: 'pointwiseConv2d', filters }, { kernel: pointwiseKernel }),
      cpu: () => read(tf.conv2d(x, wPointwise, 1, 'same')),
      runs: runs * 2,
    },
  ];
}

function maxRelativeDifference(a: Float32Array, b: Float32Array): number {
  let scale = 1e-6;
  let worst = 0;
  for (let i = 0; i < b.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]));
    worst = Math.max(worst, Math.abs(a[i] - b[i]));
  }
  return worst / scale;
}

export async function run(): Promise<void> {
  tf.enableProdMode();
  await tf.setBackend('cpu');
  const all = [...cases([28, 28, 64], 64, 3), ...cases([56, 56, 128], 128, 1)];
  console.log('layer                              | ref ms  | cpu ms  | ref GFLOP/s | cpu GFLOP/s | ref/cpu');
  for (const c of all) {
    // First call of each side: the correctness check (and, for the large
    // single-run layers, the measurement; otherwise a warm-up).
    let result: LayerResult | undefined;
    let cpuValues: Float32Array | undefined;
    const firstReferenceMs = timeMs(() => (result = c.reference()));
    const firstCpuMs = timeMs(() => (cpuValues = c.cpu()));
    const difference = maxRelativeDifference(result!.output.data, cpuValues!);
    if (difference > 1e-4) throw new Error(`${c.name}: reference and cpu differ by ${difference} (relative)`);
    // Timed calls interleave the two sides, so a busy moment of the (shared)
    // machine slows both rather than one.
    const cpuTimes: number[] = c.runs > 1 ? [] : [firstCpuMs];
    const referenceTimes: number[] = c.runs > 1 ? [] : [firstReferenceMs];
    for (let i = 0; c.runs > 1 && i < c.runs; i++) {
      cpuTimes.push(timeMs(c.cpu));
      referenceTimes.push(timeMs(() => c.reference()));
    }
    const cpuMs = median(cpuTimes);
    const referenceMs = median(referenceTimes);
    const gflops = (ms: number) => ((2 * result!.macs) / (ms / 1000) / 1e9).toFixed(2);
    console.log(
      `${c.name.padEnd(34)} | ${referenceMs.toFixed(1).padStart(7)} | ${cpuMs.toFixed(1).padStart(7)} | ${gflops(referenceMs).padStart(11)} | ${gflops(cpuMs).padStart(11)} | ${(referenceMs / cpuMs).toFixed(2).padStart(7)}`,
    );
  }
  console.log('(MACs counted by the reference loops; GFLOP/s = 2·MACs / time; median of the timed runs)');
}
