/**
 * Arithmetic intensity and the roofline (Williams, Waterman & Patterson,
 * "Roofline: an insightful visual performance model for multicore
 * architectures", CACM 52(4), 2009).
 *
 * A layer that does `macs` multiply-adds and must move at least `bytes`
 * bytes between memory and the processor has the arithmetic intensity
 * I = macs / bytes (MACs per byte). On a machine that computes at most P MACs
 * per second and moves at most B bytes per second, the layer cannot run
 * faster than
 *
 *   attainable(I) = min(P, B · I)   MACs per second.
 *
 * Drawn on log-log axes this is a slanted line (B · I: memory-bound) that
 * meets a flat one (P: compute-bound) at the ridge I* = P / B. A depthwise
 * layer sits far left of the ridge: its speed is set by B, not P, so doing M
 * times fewer MACs does not make it M times faster.
 *
 * The intensities come from the cost model and never change; P, B and the
 * layers' speeds are measured here on the active TF.js backend and change
 * from run to run, so a notebook keeps them in a cell whose output is not
 * compared (tag `nondeterministic`).
 */
import * as tf from '@tensorflow/tfjs';
import { ConvkitInputError, requireInteger } from '../../core/errors';
import type { LayerSpec, Shape3 } from '../../core/spec';
import { layerCost } from '../../cost/layer-cost';
import { CATEGORY_COLOURS, convkitTheme, VEGA_LITE_SCHEMA } from '../../plot/theme';
import type { VegaLiteSpec } from '../../plot/vega-render';
import { convKindForwards, fastestMs } from './latency';

export const ROOFLINE_KINDS = ['standard', 'depthwise', 'pointwise'] as const;
export type RooflineKind = (typeof ROOFLINE_KINDS)[number];

export interface RooflineLayerOptions {
  /** Input height = width. Default 56 (MobileNet v1's 56×56 stage, Table 1). */
  readonly size?: number;
  /** Input channels C. Default 128. */
  readonly channels?: number;
  /** Output channels M of the standard and pointwise layers. Default 128. */
  readonly filters?: number;
  /** Kernel size K of the standard and depthwise layers. Default 3. */
  readonly kernelSize?: number;
}

/** One conv layer's place on the intensity axis: from the cost model, the same on every run. */
export interface RooflineLayer {
  readonly kind: RooflineKind;
  readonly label: string;
  readonly macs: number;
  /** fp32 bytes it must at least move: its input read once, its weights read once, its output written once. */
  readonly bytes: number;
  /** macs / bytes. */
  readonly macsPerByte: number;
}

function layerOptions(options: RooflineLayerOptions) {
  const size = requireInteger('size', options.size ?? 56);
  const channels = requireInteger('channels', options.channels ?? 128);
  const filters = requireInteger('filters', options.filters ?? 128);
  const kernelSize = requireInteger('kernelSize', options.kernelSize ?? 3);
  if (kernelSize > size) throw new ConvkitInputError('kernelSize', kernelSize, `must be <= size (${size})`);
  return { size, channels, filters, kernelSize };
}

/**
 * The standard K×K, depthwise K×K and pointwise 1×1 layers on a size×size×C
 * input (stride 1, 'same'), with MACs and bytes from the cost model
 * (layerCost: outputBytes and weightBytes, 4 bytes per value).
 */
export function rooflineLayers(options: RooflineLayerOptions = {}): RooflineLayer[] {
  const { size, channels, filters, kernelSize: k } = layerOptions(options);
  const input: Shape3 = [size, size, channels];
  const specs: Record<RooflineKind, LayerSpec> = {
    standard: { kind: 'conv2d', filters, kernelSize: k },
    depthwise: { kind: 'depthwiseConv2d', kernelSize: k },
    pointwise: { kind: 'pointwiseConv2d', filters },
  };
  const labels: Record<RooflineKind, string> = { standard: `standard ${k}×${k}`, depthwise: `depthwise ${k}×${k}`, pointwise: 'pointwise 1×1' };
  return ROOFLINE_KINDS.map((kind) => {
    const cost = layerCost(specs[kind], [input]);
    const bytes = 4 * size * size * channels + cost.weightBytes + cost.outputBytes;
    return { kind, label: labels[kind], macs: cost.macs, bytes, macsPerByte: cost.macs / bytes };
  });
}

export interface RooflineOptions extends RooflineLayerOptions {
  /** Side n of the n×n by n×n matrix product that measures the compute peak. Default 1024 (n³ ≈ 1.07 G MACs). */
  readonly matmulSize?: number;
  /** Elements of each of the two vectors the elementwise add reads (it writes a third). Default 2²² (16 MiB each). */
  readonly addLength?: number;
  /** Timed runs of each measurement after one warm-up; the fastest counts. Default 10. */
  readonly runs?: number;
  /** Seed of the random inputs. Default 0. */
  readonly seed?: number;
}

export interface RooflineLayerRun extends RooflineLayer {
  readonly fastestMs: number;
  /** Achieved billions of MACs per second. */
  readonly gmacsPerSecond: number;
  /** The roof above it: min(peak, bandwidth · intensity), GMAC/s. */
  readonly roofGmacsPerSecond: number;
  /** Which part of the roof is above it: left of the ridge, memory; right of it, compute. */
  readonly bound: 'memory' | 'compute';
}

export interface RooflineRun {
  /** Billions of MACs per second of the large matrix product. */
  readonly peakGmacsPerSecond: number;
  /** Billions of bytes per second of the elementwise add (2 read + 1 written per element). */
  readonly bandwidthGBPerSecond: number;
  /** peak / bandwidth: the intensity where the two roofs meet, MACs per byte. */
  readonly ridgeMacsPerByte: number;
  readonly matmulMs: number;
  readonly addMs: number;
  readonly layers: readonly RooflineLayerRun[];
}

/** The roof at intensity `macsPerByte`: min(P, B · I), in GMAC/s (GB/s × MAC/B = GMAC/s). */
export function roofAt(peakGmacsPerSecond: number, bandwidthGBPerSecond: number, macsPerByte: number): number {
  return Math.min(peakGmacsPerSecond, bandwidthGBPerSecond * macsPerByte);
}

/**
 * Measures the compute peak (a large tf.matMul), the memory bandwidth (a
 * large tf.add) and the three conv layers on the ACTIVE backend (call
 * `useBackend('wasm')` first), all with the same clock: the fastest wall
 * time of interleaved runs (latency.ts). Disposes everything it creates.
 */
export async function measureRoofline(options: RooflineOptions = {}): Promise<RooflineRun> {
  const { size, channels, filters, kernelSize } = layerOptions(options);
  const n = requireInteger('matmulSize', options.matmulSize ?? 1024);
  const length = requireInteger('addLength', options.addLength ?? 2 ** 22);
  const runs = requireInteger('runs', options.runs ?? 10);
  const seed = requireInteger('seed', options.seed ?? 0, 0);
  const a = tf.randomUniform([n, n], -1, 1, 'float32', seed);
  const b = tf.randomUniform([n, n], -1, 1, 'float32', seed + 1);
  const u = tf.randomUniform([length], -1, 1, 'float32', seed + 2);
  const v = tf.randomUniform([length], -1, 1, 'float32', seed + 3);
  // The layers' input and kernels take the seeds after the matMul's and the add's.
  const { forward, tensors } = convKindForwards({ size, channels, filters, kernelSize }, seed + 4);
  try {
    const [matmulMs, addMs, ...layerMs] = await fastestMs([() => tf.matMul(a, b), () => tf.add(u, v), ...ROOFLINE_KINDS.map((kind) => forward[kind])], runs);
    const peakGmacsPerSecond = n ** 3 / (matmulMs * 1e6);
    const bandwidthGBPerSecond = (3 * 4 * length) / (addMs * 1e6);
    const layers = rooflineLayers({ size, channels, filters, kernelSize }).map((layer, i) => {
      const roof = roofAt(peakGmacsPerSecond, bandwidthGBPerSecond, layer.macsPerByte);
      return {
        ...layer,
        fastestMs: layerMs[i],
        gmacsPerSecond: layer.macs / (layerMs[i] * 1e6),
        roofGmacsPerSecond: roof,
        bound: roof < peakGmacsPerSecond ? ('memory' as const) : ('compute' as const),
      };
    });
    return { peakGmacsPerSecond, bandwidthGBPerSecond, ridgeMacsPerByte: peakGmacsPerSecond / bandwidthGBPerSecond, matmulMs, addMs, layers };
  } finally {
    tf.dispose([a, b, u, v, ...tensors]);
  }
}

/** Powers of ten from below `low` to above `high`. */
function decades(low: number, high: number): [number, number] {
  return [10 ** Math.floor(Math.log10(low)), 10 ** Math.ceil(Math.log10(high))];
}

/**
 * The roofline of a run as a log-log Vega-Lite chart: the roof (bandwidth
 * slope, then the flat peak), a dashed rule at the ridge, and each layer at
 * its intensity and measured speed, labelled.
 */
export function rooflineChart(run: RooflineRun, title = 'Roofline of this machine (TF.js wasm): where each conv runs'): VegaLiteSpec {
  const intensities = run.layers.map((l) => l.macsPerByte);
  const [xLow, xHigh] = decades(Math.min(...intensities, run.ridgeMacsPerByte) / 2, Math.max(...intensities, run.ridgeMacsPerByte) * 2);
  const roof = [xLow, run.ridgeMacsPerByte, xHigh].map((intensity) => ({
    intensity,
    gmacs: roofAt(run.peakGmacsPerSecond, run.bandwidthGBPerSecond, intensity),
  }));
  const speeds = [...run.layers.map((l) => l.gmacsPerSecond), ...roof.map((r) => r.gmacs)];
  const [yLow, yHigh] = decades(Math.min(...speeds), Math.max(...speeds));
  const x = { field: 'intensity', type: 'quantitative', title: 'arithmetic intensity (MACs per byte moved)', scale: { type: 'log', domain: [xLow, xHigh] } };
  const y = { field: 'gmacs', type: 'quantitative', title: 'GMAC/s', scale: { type: 'log', domain: [yLow, yHigh] } };
  const points = run.layers.map((l) => ({ layer: l.label, intensity: l.macsPerByte, gmacs: l.gmacsPerSecond, roof: l.roofGmacsPerSecond }));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    config: convkitTheme,
    width: 420,
    height: 260,
    layer: [
      {
        data: { values: roof },
        mark: { type: 'line', color: '#000000' },
        encoding: {
          x,
          y,
          tooltip: [
            { field: 'intensity', type: 'quantitative', title: 'MACs per byte', format: '.2f' },
            { field: 'gmacs', type: 'quantitative', title: 'roof, GMAC/s', format: '.2f' },
          ],
        },
      },
      {
        data: { values: [{ intensity: run.ridgeMacsPerByte }] },
        mark: { type: 'rule', strokeDash: [4, 4], color: '#888888' },
        encoding: { x },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 90 },
        encoding: {
          x,
          y,
          color: { field: 'layer', type: 'nominal', title: 'layer', sort: null, scale: { range: [...CATEGORY_COLOURS] } },
          tooltip: [
            { field: 'layer', type: 'nominal' },
            { field: 'intensity', type: 'quantitative', title: 'MACs per byte', format: '.2f' },
            { field: 'gmacs', type: 'quantitative', title: 'measured GMAC/s', format: '.2f' },
            { field: 'roof', type: 'quantitative', title: 'roof GMAC/s', format: '.2f' },
          ],
        },
      },
    ],
  } as unknown as VegaLiteSpec;
}

const f2 = (n: number): string => n.toFixed(2);

/** Why a point can lie above its roof: the probe that drew that roof ran slower in this run than the layer did. */
const above = (bound: 'memory' | 'compute'): string =>
  bound === 'compute'
    ? ": above the roof, so in this run the matrix product, the probe of the peak, ran slower than this layer (it is a practical peak, not the processor's limit, and a busy machine slows one probe more than another)"
    : ": above the roof, so in this run the add fell short of the bandwidth this layer reached (its maps may stay in the cache, the add's vectors do not)";

/** What one roofline run shows, in sentences written from its numbers. */
export function describeRooflineRun(run: RooflineRun): string[] {
  const lines = [
    `In this run: compute peak ${f2(run.peakGmacsPerSecond)} GMAC/s (matrix product), memory bandwidth ${f2(run.bandwidthGBPerSecond)} GB/s (elementwise add); the roofs meet at ${f2(run.ridgeMacsPerByte)} MACs per byte.`,
  ];
  for (const l of run.layers) {
    const share = (100 * l.gmacsPerSecond) / l.roofGmacsPerSecond;
    const side = l.bound === 'memory' ? 'left of the ridge, under the bandwidth slope' : 'right of the ridge, under the flat peak';
    lines.push(
      `${l.label}: ${f2(l.macsPerByte)} MACs per byte, ${side}: at most ${f2(l.roofGmacsPerSecond)} GMAC/s; it reached ${f2(l.gmacsPerSecond)} GMAC/s (${share.toFixed(0)}% of its roof)${share > 100 ? above(l.bound) : ''}.`,
    );
  }
  const standard = run.layers.find((l) => l.kind === 'standard');
  const depthwise = run.layers.find((l) => l.kind === 'depthwise');
  if (standard && depthwise) {
    const macRatio = standard.macs / depthwise.macs;
    const roofRatio = standard.roofGmacsPerSecond / depthwise.roofGmacsPerSecond;
    lines.push(
      `The depthwise layer does ${macRatio.toFixed(0)}× fewer MACs than the standard one, but its roof is ${roofRatio.toFixed(1)}× lower: ` +
        `if both ran at their roofs it would be ${(macRatio / roofRatio).toFixed(1)}× faster, not ${macRatio.toFixed(0)}×; measured: ${(standard.fastestMs / depthwise.fastestMs).toFixed(1)}×.`,
    );
  }
  return lines;
}
