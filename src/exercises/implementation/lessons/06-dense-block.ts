/**
 * Lesson 06's implementation exercises (see ../exercise.ts for how a
 * learner's function is checked):
 *
 *   06.impl1  the dense block's forward pass (Huang et al. 2017, §3 "Dense
 *             connectivity", eq. 2): x_ℓ = H_ℓ([x_0, x_1, …, x_{ℓ−1}]) for
 *             ℓ = 1…L, returning [x_0, x_1, …, x_L] channels-last. The learner
 *             gets H_ℓ as a function `layer(input, ℓ)`; the check's layer is
 *             the kit's reference BN → ReLU → 3×3 conv (or the bottleneck
 *             form) with seeded weights that differ per layer and per input
 *             channel, so the order of the concatenated channels shows.
 *   06.impl2  one dense layer H_ℓ = BN → ReLU → 3×3 conv ('same', stride 1,
 *             no bias), BN in inference mode from γ, β, μ, σ² and ε.
 *
 * The expected values and every bug's output come from the reference layers
 * (batchNorm, activation, conv2d, pointwiseConv2d, concat) run in the right
 * or in the wrong order.
 */
import { uniformArray } from '../../../core/random';
import { fromArray, randomTensor, type Tensor3 } from '../../../core/tensor';
import { activation } from '../../../layers/reference/activation';
import { batchNorm, type BatchNormWeights } from '../../../layers/reference/batch-norm';
import { concat } from '../../../layers/reference/concat';
import { conv2d } from '../../../layers/reference/conv2d';
import { pointwiseConv2d } from '../../../layers/reference/pointwise-conv2d';
import type { ImplementationCase, ImplementationExercise } from '../exercise';
import { implementationExercise } from '../index';
import { nest, readArray3, readNested, tensorValues, toArray3, type Values } from '../values';

// --- shared: the steps of a dense layer on Tensor3, from the reference layers ----------------------

/** Inference-mode BN weights with ε, flat per channel. */
export interface FlatBatchNorm extends BatchNormWeights {
  readonly epsilon: number;
}

/** Seeded BN over `channels`: γ in [0.5, 1.5), β and μ in [−0.5, 0.5), σ² in [low, high). */
export function seededFlatBatchNorm(channels: number, seed: number, epsilon: number, varianceLow = 0.5, varianceHigh = 1.5): FlatBatchNorm {
  return {
    gamma: uniformArray(channels, seed, 0.5, 1.5),
    beta: uniformArray(channels, seed + 1, -0.5, 0.5),
    movingMean: uniformArray(channels, seed + 2, -0.5, 0.5),
    movingVariance: uniformArray(channels, seed + 3, varianceLow, varianceHigh),
    epsilon,
  };
}

/** The first `channels` entries of a BN: what the BN of a wider layer applies to a narrower input. */
function firstChannels(bn: FlatBatchNorm, channels: number): FlatBatchNorm {
  return {
    gamma: bn.gamma.subarray(0, channels),
    beta: bn.beta.subarray(0, channels),
    movingMean: bn.movingMean.subarray(0, channels),
    movingVariance: bn.movingVariance.subarray(0, channels),
    epsilon: bn.epsilon,
  };
}

/** The [K, K, C', M] kernel made of the first C' input channels of a [K, K, C, M] one. */
function firstInputChannels(kernel: Float32Array, size: number, channels: number, used: number, filters: number): Float32Array {
  const out = new Float32Array(size * size * used * filters);
  for (let t = 0; t < size * size; t++) out.set(kernel.subarray(t * channels * filters, (t * channels + used) * filters), t * used * filters);
  return out;
}

export const bnMap = (x: Tensor3, bn: FlatBatchNorm): Tensor3 => batchNorm(x, { kind: 'batchNorm', epsilon: bn.epsilon }, bn).output;
export const reluMap = (x: Tensor3): Tensor3 => activation(x, { kind: 'activation', activation: 'relu' }).output;
const conv3x3 = (x: Tensor3, kernel: Float32Array, filters: number, padding: 'same' | 'valid' = 'same'): Tensor3 =>
  conv2d(x, { kind: 'conv2d', filters, kernelSize: 3, padding }, { kernel }).output;
export const conv1x1 = (x: Tensor3, kernel: Float32Array, filters: number): Tensor3 =>
  pointwiseConv2d(x, { kind: 'pointwiseConv2d', filters }, { kernel }).output;
const concatMaps = (maps: readonly Tensor3[]): Tensor3 => concat(maps).output;

// --- 06.impl1: the dense block from a given layer function ----------------------------------------

/** H_ℓ's weights, made for the widest input any layer of the case could read; a layer uses the first C channels of them. */
interface LayerWeights {
  readonly bn0: FlatBatchNorm;
  /** Plain: the 3×3 kernel [3, 3, C_max, k]. Bottleneck: the 1×1 kernel [C_max, 4k]. */
  readonly conv1: Float32Array;
  readonly bn1?: FlatBatchNorm;
  /** Bottleneck only: the 3×3 kernel [3, 3, 4k, k]. */
  readonly conv2?: Float32Array;
}

interface BlockCase extends ImplementationCase {
  readonly input: Tensor3;
  readonly layers: number;
  readonly growthRate: number;
  readonly bottleneck: boolean;
  /** Input channels the layers' weights are made for: k0 + L·k, more than any layer reads. */
  readonly widest: number;
  /** Weights of H_0 … H_L: H_0 exists so that a loop that counts from 0 gets an answer to diagnose. */
  readonly weights: readonly LayerWeights[];
}

function blockCase(h: number, w: number, k0: number, k: number, layers: number, bottleneck: boolean, seed: number): BlockCase {
  const widest = k0 + layers * k;
  const weights = Array.from({ length: layers + 1 }, (_, l): LayerWeights => {
    const s = seed + 20 * l;
    const bn0 = seededFlatBatchNorm(widest, s, 1e-3);
    if (!bottleneck) return { bn0, conv1: uniformArray(9 * widest * k, s + 5, -0.5, 0.5) };
    return {
      bn0,
      conv1: uniformArray(widest * 4 * k, s + 5, -0.5, 0.5),
      bn1: seededFlatBatchNorm(4 * k, s + 6, 1e-3),
      conv2: uniformArray(9 * 4 * k * k, s + 7, -0.5, 0.5),
    };
  });
  const form = bottleneck ? 'bottleneck layers (1×1 to 4k, then 3×3)' : 'plain layers (3×3)';
  return {
    label: `input ${h}×${w}×${k0}, L = ${layers} ${form}, growth rate k = ${k}`,
    input: randomTensor([h, w, k0], seed + 1, -2, 2),
    layers,
    growthRate: k,
    bottleneck,
    widest,
    weights,
  };
}

/** H_ℓ on a map of C ≤ C_max channels, by the reference layers. */
function runLayer(c: BlockCase, x: Tensor3, l: number): Tensor3 {
  const w = c.weights[l];
  const channels = x.shape[2];
  const k = c.growthRate;
  const z = reluMap(bnMap(x, firstChannels(w.bn0, channels)));
  if (!c.bottleneck) return conv3x3(z, firstInputChannels(w.conv1, 3, c.widest, channels, k), k);
  const squeezed = conv1x1(z, w.conv1.subarray(0, channels * 4 * k), 4 * k);
  return conv3x3(reluMap(bnMap(squeezed, w.bn1!)), w.conv2!, k);
}

/** The layer function the learner is given: layer(input, ℓ) → x_ℓ, k channels, on nested arrays. */
function layerFunction(c: BlockCase): (input: unknown, l: unknown) => number[][][] {
  return (input, l) => {
    if (typeof l !== 'number' || !Number.isInteger(l) || l < 0 || l > c.layers) {
      throw new Error(`layer(input, l): l must be a whole number from 1 to ${c.layers} (got ${String(l)})`);
    }
    const read = readNested(input, 3, 'a feature map input[y][x][c]');
    if (typeof read === 'string') throw new Error(`layer(input, ${l}): ${read}`);
    const [h, w, channels] = read.shape;
    const [ih, iw] = c.input.shape;
    if (h !== ih || w !== iw) throw new Error(`layer(input, ${l}): the input is ${h}×${w}, but a dense block keeps the block input's ${ih}×${iw}`);
    if (channels > c.widest) throw new Error(`layer(input, ${l}): the input has ${channels} channels; no layer of this block reads more than k0 + (L − 1)·k`);
    return toArray3(runLayer(c, fromArray([h, w, channels], read.data), l));
  };
}

interface BlockVariant {
  /** How each layer's input is formed from the features so far. */
  readonly feed?: 'concat' | 'previous';
  /** Put each new feature map in front of the running map instead of after it. */
  readonly newFirst?: boolean;
  /** Call H_{ℓ−1} for the ℓ-th layer (a loop from 0). */
  readonly fromZero?: boolean;
  readonly layers?: number;
  readonly output?: 'all' | 'last' | 'without input';
}

/** The block by the reference layers; a variant changes one thing. */
function runBlock(c: BlockCase, v: BlockVariant = {}): Values {
  const features: Tensor3[] = [c.input];
  const count = v.layers ?? c.layers;
  for (let l = 1; l <= count; l++) {
    const input = v.feed === 'previous' ? features[features.length - 1] : concatMaps(features);
    const fresh = runLayer(c, input, v.fromZero ? l - 1 : l);
    if (v.newFirst) features.unshift(fresh);
    else features.push(fresh);
  }
  const output = v.output ?? 'all';
  if (output === 'last') return tensorValues(v.newFirst ? features[0] : features[features.length - 1]);
  if (output === 'without input') return tensorValues(concatMaps(features.filter((f) => f !== c.input)));
  return tensorValues(concatMaps(features));
}

const denseBlockExercise: ImplementationExercise<BlockCase> = {
  id: '06.impl1',
  prompt:
    'Write the forward pass of a dense block (Huang et al. 2017, §3, eq. 2) from a given layer function: for ℓ = 1…L, layer ℓ reads the ' +
    'concatenation [x_0, x_1, …, x_{ℓ−1}] of the block input x_0 and every earlier layer\u2019s output along the channel axis, ' +
    '`layer(input, ℓ)` returns its k new channels x_ℓ = H_ℓ(input), and the block returns [x_0, x_1, …, x_L] (k0 + L·k channels, same height and width). ' +
    'Maps are map[y][x][c]; concatenating puts the channels of x_0 first, then those of x_1, and so on.',
  signature: 'denseBlock(x0: number[][][], layers: number, layer: (input: number[][][], l: number) => number[][][]): number[][][]',
  cases: () => [
    blockCase(5, 5, 3, 2, 3, false, 6100),
    blockCase(6, 4, 4, 3, 2, false, 6200),
    blockCase(4, 7, 2, 4, 4, false, 6300),
    blockCase(6, 6, 5, 2, 3, true, 6400),
  ],
  call: (fn, c) => fn(toArray3(c.input), c.layers, layerFunction(c)),
  expected: (c) => runBlock(c),
  read: readArray3,
  tolerance: 1e-4,
  bugs: [
    {
      name: 'new features first',
      hint: 'the concatenation is in the wrong order: [x_0, x_1, …, x_{ℓ−1}] keeps the block input\u2019s channels first and appends each new x_ℓ after the channels already there.',
      produces: (c) => runBlock(c, { newFirst: true }),
    },
    {
      name: 'returned only the last layer',
      hint: 'a dense block returns everything it has concatenated, [x_0, x_1, …, x_L] with k0 + L·k channels, not only the k channels of its last layer.',
      produces: (c) => runBlock(c, { output: 'last' }),
    },
    {
      name: 'forgot x_0 in the output',
      hint: 'the block\u2019s output starts with its input x_0: the concatenation carries the k0 input channels through, and the new k per layer come after them.',
      produces: (c) => runBlock(c, { output: 'without input' }),
    },
    {
      name: 'each layer reads only the previous output',
      hint: 'that chains the layers as in a plain or residual net. In a dense block layer ℓ reads ALL earlier maps, [x_0, …, x_{ℓ−1}] concatenated, not only x_{ℓ−1}.',
      produces: (c) => runBlock(c, { feed: 'previous' }),
    },
    {
      name: 'layers numbered from 0',
      hint: 'the layers are ℓ = 1…L (x_0 is the block input, not a layer\u2019s output): call layer(input, 1) for the first layer and layer(input, L) for the last.',
      produces: (c) => runBlock(c, { fromZero: true }),
    },
    {
      name: 'one layer short',
      hint: 'the block has L layers, so its output has k0 + L·k channels; your loop stops one layer early.',
      produces: (c) => runBlock(c, { layers: c.layers - 1 }),
    },
  ],
  fallback:
    'Follow the channels on the first case: x_0 has k0, layer 1 reads k0 and returns k, layer 2 reads k0 + k, …; the output has k0 + L·k channels, x_0\u2019s first, and every pixel\u2019s channel list is the lists of x_0, x_1, … joined in that order.',
};

// --- 06.impl2: one dense layer, BN → ReLU → 3×3 conv --------------------------------------------

interface LayerCase extends ImplementationCase {
  readonly input: Tensor3;
  readonly bn: FlatBatchNorm;
  /** [3, 3, C, k]. */
  readonly kernel: Float32Array;
  readonly growthRate: number;
}

function layerCase(h: number, w: number, channels: number, k: number, epsilon: number, seed: number): LayerCase {
  return {
    label: `input ${h}×${w}×${channels}, k = ${k} filters, ε = ${epsilon}`,
    // Values around the BN's mean on both sides, so that where the ReLU sits matters.
    input: randomTensor([h, w, channels], seed, -2, 2),
    // Small variances on some channels: dividing by σ² instead of √(σ² + ε), or leaving ε out, shows.
    bn: seededFlatBatchNorm(channels, seed + 1, epsilon, 0.02, 2.5),
    kernel: uniformArray(9 * channels * k, seed + 5, -0.5, 0.5),
    growthRate: k,
  };
}

interface LayerVariant {
  readonly order?: 'bn relu conv' | 'relu bn conv' | 'bn conv relu' | 'relu conv';
  readonly bn?: (c: LayerCase) => FlatBatchNorm;
  readonly padding?: 'same' | 'valid';
}

/** BN → ReLU → 3×3 conv by the reference layers; a variant reorders or changes a step. */
function runDenseLayer(c: LayerCase, v: LayerVariant = {}): Values {
  const bn = v.bn ? v.bn(c) : c.bn;
  const conv = (x: Tensor3) => conv3x3(x, c.kernel, c.growthRate, v.padding ?? 'same');
  switch (v.order ?? 'bn relu conv') {
    case 'relu bn conv':
      return tensorValues(conv(bnMap(reluMap(c.input), bn)));
    case 'bn conv relu':
      return tensorValues(reluMap(conv(bnMap(c.input, bn))));
    case 'relu conv':
      return tensorValues(conv(reluMap(c.input)));
    default:
      return tensorValues(conv(reluMap(bnMap(c.input, bn))));
  }
}

/** A BN whose γ is γ·√(σ² + ε)/σ²: what dividing by the variance σ² instead of the standard deviation √(σ² + ε) computes. */
const dividedByVariance = (c: LayerCase): FlatBatchNorm => ({
  ...c.bn,
  gamma: c.bn.gamma.map((g, i) => (g * Math.sqrt(c.bn.movingVariance[i] + c.bn.epsilon)) / c.bn.movingVariance[i]),
});
/** A BN whose variance is σ² − ε, so √(σ²' + ε) = √σ²: what leaving ε out computes (every case's σ² is above its ε). */
const withoutEpsilon = (c: LayerCase): FlatBatchNorm => ({ ...c.bn, movingVariance: c.bn.movingVariance.map((v) => v - c.bn.epsilon) });

const denseLayerExercise: ImplementationExercise<LayerCase> = {
  id: '06.impl2',
  prompt:
    'Write one dense layer H_ℓ (Huang et al. 2017, §3 "Composite function"): batch normalisation in inference mode, ' +
    'y = γ·(x − μ)/√(σ² + ε) + β per channel, then ReLU, then a 3×3 convolution with k filters, stride 1, \u2018same\u2019 padding and no bias. ' +
    'The BN comes as per-channel lists {gamma, beta, mean, variance} and a number epsilon; the kernel is kernel[i][j][c][m].',
  signature:
    'denseLayer(input: number[][][], bn: { gamma: number[]; beta: number[]; mean: number[]; variance: number[]; epsilon: number }, kernel: number[][][][]): number[][][]',
  cases: () => [layerCase(5, 5, 3, 2, 1e-3, 6500), layerCase(6, 4, 4, 3, 1e-3, 6510), layerCase(4, 7, 6, 4, 1e-2, 6520), layerCase(7, 6, 2, 5, 1e-3, 6530)],
  call: (fn, c) => {
    const [, , channels] = c.input.shape;
    const list = (a: Float32Array) => Array.from(a);
    return fn(
      toArray3(c.input),
      { gamma: list(c.bn.gamma), beta: list(c.bn.beta), mean: list(c.bn.movingMean), variance: list(c.bn.movingVariance), epsilon: c.bn.epsilon },
      nest(c.kernel, [3, 3, channels, c.growthRate]),
    );
  },
  expected: (c) => runDenseLayer(c),
  read: readArray3,
  tolerance: 1e-4,
  bugs: [
    {
      name: 'ReLU before BN',
      hint: 'the order is BN first, then ReLU (pre-activation, He et al. 2016): normalise the input, and apply the ReLU to the normalised values.',
      produces: (c) => runDenseLayer(c, { order: 'relu bn conv' }),
    },
    {
      name: 'ReLU after the conv',
      hint: 'in a dense layer the ReLU comes BEFORE the convolution (BN → ReLU → conv); the conv\u2019s output is concatenated as it is, negative values included.',
      produces: (c) => runDenseLayer(c, { order: 'bn conv relu' }),
    },
    {
      name: 'forgot the BN',
      hint: 'the layer starts with batch normalisation: subtract the mean, divide by √(σ² + ε), scale by γ and add β, channel by channel, before the ReLU.',
      produces: (c) => runDenseLayer(c, { order: 'relu conv' }),
    },
    {
      name: 'divided by the variance',
      hint: 'BN divides by the standard deviation √(σ² + ε), not by the variance σ².',
      produces: (c) => runDenseLayer(c, { bn: dividedByVariance }),
    },
    {
      name: 'forgot ε',
      hint: 'the denominator is √(σ² + ε): ε is added to the variance before the square root (it keeps a channel with tiny variance from blowing up).',
      produces: (c) => runDenseLayer(c, { bn: withoutEpsilon }),
    },
    {
      name: "'valid' instead of 'same'",
      hint: 'a dense layer must keep the height and width, or its output could not be concatenated to its input: pad one zero row and column on each side (\u2018same\u2019).',
      produces: (c) => runDenseLayer(c, { padding: 'valid' }),
    },
  ],
  fallback:
    'Check the steps one at a time on the first case: after BN and ReLU the map is still H×W×C and has no negative values; the 3×3 conv with one zero of padding on each side gives H×W×k.',
};

export const implementations: readonly ImplementationExercise[] = [implementationExercise(denseBlockExercise), implementationExercise(denseLayerExercise)];
