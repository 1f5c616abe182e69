/**
 * Lessons 06 and 07's "the block in code" cells: the notebooks write the
 * dense layer, the dense block's concatenation loop and the transition layer
 * on nested arrays map[y][x][c], and these helpers give them seeded weights
 * (as nested arrays, the way the notebook's code reads them) and the kit's
 * run of the same block to compare with.
 *
 * The kit's side runs the zoo's block spec (denseBlockSpec, transitionSpec:
 * src/models/blocks/densenet.ts) through the reference interpreter
 * (runModel) with exactly these weights, the batch norms in inference mode
 * with seeded γ, β, moving mean and variance and the spec's own ε. Both sides
 * then compute the same numbers in a different order (float64 nested sums
 * against the loops' float32 stores), so they agree to about 1e-6; anything
 * larger would be a difference of structure — an operation out of order, a
 * missing ReLU, the concatenation in the wrong order.
 */
import { normalizeBatchNorm } from '../../core/defaults';
import { uniformArray } from '../../core/random';
import type { Tensor3 } from '../../core/tensor';
import { runModel } from '../../layers/reference/run-model';
import { batchNormWeightsOf, seededBatchNormValues, type BatchNormValues } from '../../layers/reference/seeded-batch-norm';
import type { LayerWeights } from '../../layers/reference/weights';
import { denseBlockSpec, transitionSpec } from '../../models/one-block';
import { nest } from '../../exercises/implementation/values';

/** One batch norm in inference mode, as per-channel lists (Ioffe & Szegedy 2015, Algorithm 2). */
export type NestedBatchNorm = BatchNormValues;

/**
 * The weights of one dense layer H_ℓ, nested: bn0 on the layer's input, then
 * either conv1 = the 3×3 conv to k (plain), or conv1 = the 1×1 conv to 4k as
 * a [1][1][C][4k] kernel, bn1 on its output and conv2 = the 3×3 conv to k
 * (the bottleneck form, DenseNet-B). Kernels are W[i][j][c][m] (TF's layout).
 */
export interface DenseLayerWeights {
  readonly bn0: NestedBatchNorm;
  readonly conv1: number[][][][];
  readonly bn1?: NestedBatchNorm;
  readonly conv2?: number[][][][];
}

/** The ε the zoo's DenseNet batch norms use (Keras: 1.001e-5). */
const DENSENET_EPSILON = normalizeBatchNorm({ kind: 'batchNorm', epsilon: 1.001e-5 }).epsilon;

/** Seeded inference-mode BN over `channels`, β and μ in [−0.5, 0.5) (other ranges in layers/reference/seeded-batch-norm.ts). */
export function seededBatchNorm(channels: number, seed: number, epsilon = DENSENET_EPSILON): NestedBatchNorm {
  return seededBatchNormValues(channels, seed, epsilon, 0.5);
}

/** ±√(3 / fan-in): uniform weights of variance 1 / fan-in, so the maps stay of order 1 from layer to layer (LeCun scaling). */
const lecunLimit = (fanIn: number): number => Math.sqrt(3 / fanIn);

/** A seeded K×K×C×M kernel, nested W[i][j][c][m], uniform in ±√(3 / (K²·C)). */
export function seededKernel(size: number, channels: number, filters: number, seed: number): number[][][][] {
  const limit = lecunLimit(size * size * channels);
  return nest(uniformArray(size * size * channels * filters, seed, -limit, limit), [size, size, channels, filters]) as number[][][][];
}

/** Seeded weights of the L layers of a dense block on k0 input channels, growth rate k; `bottleneck` adds the 1×1 conv to 4k. */
export function seededDenseBlockWeights(inputChannels: number, growthRate: number, layers: number, bottleneck: boolean, seed: number): DenseLayerWeights[] {
  return Array.from({ length: layers }, (_, i) => {
    const c = inputChannels + i * growthRate;
    const s = seed + 10 * i;
    if (!bottleneck) return { bn0: seededBatchNorm(c, s), conv1: seededKernel(3, c, growthRate, s + 5) };
    const width = 4 * growthRate;
    return {
      bn0: seededBatchNorm(c, s),
      conv1: seededKernel(1, c, width, s + 5),
      bn1: seededBatchNorm(width, s + 6),
      conv2: seededKernel(3, width, growthRate, s + 7),
    };
  });
}

const flat = (values: unknown): Float32Array => Float32Array.from((values as number[]).flat(4) as number[]);

/** The kit's dense block (zoo spec → reference interpreter) on `input` with these layers' weights. */
export function kitDenseBlock(input: Tensor3, layers: readonly DenseLayerWeights[], growthRate: number): Tensor3 {
  const bottleneck = layers[0]?.conv2 !== undefined;
  const spec = denseBlockSpec(input.shape, { layers: layers.length, growthRate, bottleneck });
  const weights: Record<string, LayerWeights> = {};
  layers.forEach((w, i) => {
    const p = `conv2_block${i + 1}`;
    weights[`${p}_0_bn`] = batchNormWeightsOf(w.bn0);
    weights[`${p}_1_conv`] = { kernel: flat(w.conv1) };
    if (w.bn1 && w.conv2) {
      weights[`${p}_1_bn`] = batchNormWeightsOf(w.bn1);
      weights[`${p}_2_conv`] = { kernel: flat(w.conv2) };
    }
  });
  return runModel(spec, input, { weights }).output;
}

/** Seeded weights of a transition on C channels with compression θ: the BN and the 1×1 kernel W[c][m], m < ⌊θ·C⌋. */
export function seededTransitionWeights(channels: number, compression: number, seed: number): { bn: NestedBatchNorm; kernel: number[][] } {
  const filters = Math.floor(compression * channels);
  const limit = lecunLimit(channels);
  return { bn: seededBatchNorm(channels, seed), kernel: nest(uniformArray(channels * filters, seed + 5, -limit, limit), [channels, filters]) as number[][] };
}

/** The kit's transition layer (zoo spec → reference interpreter) with this BN and 1×1 kernel; θ is read off the kernel's shape. */
export function kitTransition(input: Tensor3, weights: { bn: NestedBatchNorm; kernel: number[][] }): Tensor3 {
  const channels = input.shape[2];
  const filters = weights.kernel[0].length;
  // θ = M / C, nudged up where the float product M / C · C falls just below M.
  const theta = Math.floor((filters / channels) * channels) === filters ? filters / channels : (filters + 1e-9) / channels;
  const spec = transitionSpec(input.shape, { compression: theta });
  return runModel(spec, input, { weights: { pool2_bn: batchNormWeightsOf(weights.bn), pool2_conv: { kernel: flat(weights.kernel) } } }).output;
}

/** max |mine − kit| over a nested map and a kit tensor of the same shape (Infinity when the shapes differ). */
export function maxNestedDifference(mine: number[][][], kit: Tensor3): number {
  const [h, w, c] = kit.shape;
  if (mine.length !== h || mine[0]?.length !== w || mine[0]?.[0]?.length !== c) return Infinity;
  let largest = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) largest = Math.max(largest, Math.abs(mine[y][x][k] - kit.data[(y * w + x) * c + k]));
  return largest;
}
