/**
 * FLOPs are not latency. The cost model says a depthwise separable layer does
 * about 1/M + 1/K² of a standard layer's multiply-adds; the clock on this
 * machine says something else, because the four kinds of convolution do very
 * different amounts of arithmetic per byte they read and write.
 *
 * A standard 3×3 conv reuses every input value K·K·M times and every weight
 * H·W times: lots of arithmetic per byte, so a tuned kernel (XNNPACK inside
 * the wasm backend) keeps its multipliers busy. A depthwise conv reuses each
 * input value only K·K times and has no sum over channels: it moves nearly as
 * many bytes as the standard conv does but computes ~M times less, so it runs
 * far below the machine's peak and its time is set by memory traffic. Howard
 * et al. 2017 (arXiv:1704.04861, §3.2) make the same point from the other side:
 * they put 95% of the arithmetic into 1×1 convs because those map onto one
 * highly optimised matrix product (GEMM).
 */
import * as tf from '@tensorflow/tfjs';
import { layerCost } from '../../cost/layer-cost';
import { ConvkitInputError, requireInteger } from '../../core/errors';
import type { LayerSpec, Shape3 } from '../../core/spec';

export const CONV_KINDS = ['standard', 'depthwise', 'pointwise', 'separable'] as const;
export type ConvKind = (typeof CONV_KINDS)[number];

export interface LatencyOptions {
  /** Input height = width. Default 56 (MobileNet v1's 56×56 stage, Table 1). */
  readonly size?: number;
  /** Input channels C. Default 128. */
  readonly channels?: number;
  /** Output channels M of the standard, pointwise and separable layers. Default 128. */
  readonly filters?: number;
  /** Kernel size K. Default 3. */
  readonly kernelSize?: number;
  /** Timed runs per layer (after one warm-up run each); the fastest is reported. Default 7. */
  readonly runs?: number;
  /** Seed of the random input and weights. Default 0. */
  readonly seed?: number;
}

export interface LatencyRow {
  readonly kind: ConvKind;
  /** Multiply-adds from the cost model. */
  readonly macs: number;
  /** Bytes of input, weights and output (fp32) the layer must at least touch. */
  readonly bytesMoved: number;
  /** macs / bytesMoved: arithmetic intensity. */
  readonly macsPerByte: number;
  /** Fastest wall time of one forward pass over the runs, batch 1, in milliseconds. */
  readonly fastestMs: number;
  /** standard MACs / this layer's MACs: the speed-up the formulas promise. */
  readonly theoreticalSpeedup: number;
  /** standard time / this layer's time: the speed-up measured here. */
  readonly measuredSpeedup: number;
  /** Achieved billions of multiply-adds per second. */
  readonly gmacsPerSecond: number;
}

/** Wall time (ms) of one call of `compute`, waiting for its result's data. */
async function timeOnce(compute: () => tf.Tensor): Promise<number> {
  const started = performance.now();
  const result = tf.tidy(compute);
  await result.data();
  const elapsed = performance.now() - started;
  result.dispose();
  return elapsed;
}

/**
 * Fastest wall time (ms) of each function over `runs` rounds, after one
 * warm-up call each. The rounds interleave the functions (a, b, c, a, b, c, …)
 * so that a burst of load from other processes hits all of them alike, and
 * the minimum is the least disturbed measurement of each.
 */
export async function fastestMs(computes: readonly (() => tf.Tensor)[], runs: number): Promise<number[]> {
  requireInteger('runs', runs);
  for (const compute of computes) await timeOnce(compute);
  const best = computes.map(() => Number.POSITIVE_INFINITY);
  for (let run = 0; run < runs; run++) {
    for (let i = 0; i < computes.length; i++) best[i] = Math.min(best[i], await timeOnce(computes[i]));
  }
  return best;
}

/** The four layers as specs, so their MACs come from the cost model. */
function specs(filters: number, kernelSize: number): Record<ConvKind, LayerSpec> {
  return {
    standard: { kind: 'conv2d', filters, kernelSize },
    depthwise: { kind: 'depthwiseConv2d', kernelSize },
    pointwise: { kind: 'pointwiseConv2d', filters },
    separable: { kind: 'separableConv2d', filters, kernelSize },
  };
}

/** The layer the conv kinds are timed on: a size × size × channels input, filters outputs, a square kernel. */
export interface ConvKindLayer {
  readonly size: number;
  readonly channels: number;
  readonly filters: number;
  readonly kernelSize: number;
}

/**
 * One seeded input and kernels (uniform in [-1, 1), seeds `seed` … `seed + 3`)
 * and each conv kind's forward pass on them, stride 1, 'same' padding; the
 * caller disposes `tensors` when the timing is done.
 */
export function convKindForwards(layer: ConvKindLayer, seed: number): { forward: Record<ConvKind, () => tf.Tensor>; tensors: tf.Tensor[] } {
  const { size, channels, filters, kernelSize } = layer;
  const x = tf.randomUniform([1, size, size, channels], -1, 1, 'float32', seed) as tf.Tensor4D;
  const standardKernel = tf.randomUniform([kernelSize, kernelSize, channels, filters], -1, 1, 'float32', seed + 1) as tf.Tensor4D;
  const depthwiseKernel = tf.randomUniform([kernelSize, kernelSize, channels, 1], -1, 1, 'float32', seed + 2) as tf.Tensor4D;
  const pointwiseKernel = tf.randomUniform([1, 1, channels, filters], -1, 1, 'float32', seed + 3) as tf.Tensor4D;
  const forward: Record<ConvKind, () => tf.Tensor> = {
    standard: () => tf.conv2d(x, standardKernel, 1, 'same'),
    depthwise: () => tf.depthwiseConv2d(x, depthwiseKernel, 1, 'same'),
    pointwise: () => tf.conv2d(x, pointwiseKernel, 1, 'same'),
    separable: () => tf.separableConv2d(x, depthwiseKernel, pointwiseKernel, 1, 'same'),
  };
  return { forward, tensors: [x, standardKernel, depthwiseKernel, pointwiseKernel] };
}

/**
 * Times the four convolution kinds on the active TF.js backend (call
 * `useBackend('wasm')` first) on one seeded input, stride 1, 'same' padding.
 * The times vary from run to run and machine to machine; the MACs do not.
 */
export async function measureConvLatency(options: LatencyOptions = {}): Promise<LatencyRow[]> {
  const size = requireInteger('size', options.size ?? 56);
  const channels = requireInteger('channels', options.channels ?? 128);
  const filters = requireInteger('filters', options.filters ?? 128);
  const kernelSize = requireInteger('kernelSize', options.kernelSize ?? 3);
  const runs = requireInteger('runs', options.runs ?? 7);
  const seed = requireInteger('seed', options.seed ?? 0, 0);
  if (kernelSize > size) throw new ConvkitInputError('kernelSize', kernelSize, `must be <= size (${size})`);
  const input: Shape3 = [size, size, channels];
  const { forward, tensors } = convKindForwards({ size, channels, filters, kernelSize }, seed);
  const layerSpecs = specs(filters, kernelSize);
  try {
    const times = await fastestMs(
      CONV_KINDS.map((kind) => forward[kind]),
      runs,
    );
    const measured = CONV_KINDS.map((kind, i) => {
      const cost = layerCost(layerSpecs[kind], [input]);
      // fp32: the input read once, the weights read once, the output written once.
      const bytesMoved = 4 * size * size * channels + cost.weightBytes + cost.outputBytes;
      return { kind, macs: cost.macs, bytesMoved, ms: times[i] };
    });
    const standard = measured[0];
    return measured.map((m) => ({
      kind: m.kind,
      macs: m.macs,
      bytesMoved: m.bytesMoved,
      macsPerByte: m.macs / m.bytesMoved,
      fastestMs: m.ms,
      theoreticalSpeedup: standard.macs / m.macs,
      measuredSpeedup: standard.ms / m.ms,
      gmacsPerSecond: m.macs / (m.ms * 1e6),
    }));
  } finally {
    tf.dispose(tensors);
  }
}
