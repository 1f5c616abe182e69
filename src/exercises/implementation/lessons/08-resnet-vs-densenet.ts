/**
 * Lesson 08's implementation exercises (see ../exercise.ts for how a
 * learner's function is checked):
 *
 *   08.impl1  ResNet's basic block with an identity shortcut (He et al. 2016,
 *             Fig. 2 and §3.3): 3×3 conv → BN → ReLU → 3×3 conv → BN, add the
 *             input, then ReLU. The two convolutions are given as functions,
 *             the batch norms as their inference-time values;
 *   08.impl2  the option-A shortcut of a stride-2 stage change (§3.3, and §4.2
 *             for CIFAR): keep every second pixel from the first, and fill the
 *             new channels C … filters − 1 with zeros.
 *
 * The expected values come from the reference layers (conv2d, batchNorm,
 * relu, add, zeroPadShortcut, avgPool); each bug's output is the same
 * computation with the one step changed.
 */
import { relu } from '../../../layers/reference/activation';
import { add } from '../../../layers/reference/add';
import { batchNorm, type BatchNormWeights } from '../../../layers/reference/batch-norm';
import { conv2d } from '../../../layers/reference/conv2d';
import { pool2d } from '../../../layers/reference/pool';
import { zeroPadShortcut } from '../../../layers/reference/zero-pad-shortcut';
import { uniformArray } from '../../../core/random';
import { fromArray, type Tensor3 } from '../../../core/tensor';
import { seededBatchNormValues, type BatchNormValues } from '../../../layers/reference/seeded-batch-norm';
import { RESNET_BN_EPSILON } from '../../../models/blocks/resnet';
import type { ImplementationCase, ImplementationExercise } from '../exercise';
import { implementationExercise } from '../index';
import { readArray3, tensorValues, toArray3, type Values } from '../values';

// --- 08.impl1: the basic block ------------------------------------------------------------

interface BlockCase extends ImplementationCase {
  readonly input: Tensor3;
  /** [3, 3, C, C], TF layout. */
  readonly kernel1: Float32Array;
  readonly kernel2: Float32Array;
  readonly bn1: BatchNormValues;
  readonly bn2: BatchNormValues;
}

function blockCase(height: number, width: number, channels: number, seed: number): BlockCase {
  return {
    label: `input ${height}×${width}×${channels}, two 3×3 convs ${channels} → ${channels}`,
    input: fromArray([height, width, channels], uniformArray(height * width * channels, seed, -1, 2)),
    kernel1: uniformArray(9 * channels * channels, seed + 1, -0.4, 0.4),
    kernel2: uniformArray(9 * channels * channels, seed + 2, -0.4, 0.4),
    bn1: seededBatchNormValues(channels, seed + 10, RESNET_BN_EPSILON),
    bn2: seededBatchNormValues(channels, seed + 20, RESNET_BN_EPSILON),
  };
}

const conv3x3 = (x: Tensor3, kernel: Float32Array): Tensor3 =>
  conv2d(x, { kind: 'conv2d', filters: x.shape[2], kernelSize: 3, padding: 'same' }, { kernel }).output;

/** Batch norm at inference time; `squaredDenominator` divides by σ² + ε instead of its square root. */
function norm(x: Tensor3, values: BatchNormValues, squaredDenominator = false): Tensor3 {
  const weights: BatchNormWeights = {
    gamma: Float32Array.from(values.gamma),
    beta: Float32Array.from(values.beta),
    movingMean: Float32Array.from(values.mean),
    // (x − μ)/(σ² + ε) is (x − μ)/√(v + ε) with v = (σ² + ε)² − ε.
    movingVariance: Float32Array.from(values.variance, (v) => (squaredDenominator ? (v + values.epsilon) ** 2 - values.epsilon : v)),
  };
  return batchNorm(x, { kind: 'batchNorm', epsilon: values.epsilon }, weights).output;
}

const reluMap = (t: Tensor3): Tensor3 => relu(t).output;

interface BlockVariant {
  readonly noShortcut?: boolean;
  readonly addAfterFinalRelu?: boolean;
  readonly noFirstRelu?: boolean;
  readonly reluBeforeFirstBn?: boolean;
  readonly noFinalRelu?: boolean;
  readonly bnAfterAdd?: boolean;
  readonly swappedBn?: boolean;
  readonly squaredDenominator?: boolean;
}

/** The block on the case, by the reference layers; a variant changes one step. */
function runBlock(c: BlockCase, v: BlockVariant = {}): Values {
  const [first, second] = v.swappedBn ? [c.bn2, c.bn1] : [c.bn1, c.bn2];
  const sq = v.squaredDenominator ?? false;
  const a = conv3x3(c.input, c.kernel1);
  const r = v.reluBeforeFirstBn ? norm(reluMap(a), first, sq) : v.noFirstRelu ? norm(a, first, sq) : reluMap(norm(a, first, sq));
  const d = conv3x3(r, c.kernel2);
  let out: Tensor3;
  if (v.bnAfterAdd) out = reluMap(norm(add([d, c.input]).output, second, sq));
  else {
    const e = norm(d, second, sq);
    if (v.noShortcut) out = reluMap(e);
    else if (v.addAfterFinalRelu) out = add([reluMap(e), c.input]).output;
    else if (v.noFinalRelu) out = add([e, c.input]).output;
    else out = reluMap(add([e, c.input]).output);
  }
  return tensorValues(out);
}

/** The conv the learner is given: a nested map in, a nested map out (3×3, stride 1, 'same', C → C). */
function givenConv(name: string, kernel: Float32Array, channels: number): (map: unknown) => number[][][] {
  return (map: unknown) => {
    const read = readArray3(map);
    if (typeof read === 'string') throw new Error(`${name}: ${read}`);
    const [h, w, c] = read.shape;
    if (c !== channels) throw new Error(`${name}: expected a map with ${channels} channels, got ${h}×${w}×${c}`);
    return toArray3(conv3x3(fromArray([h, w, c], read.data), kernel));
  };
}

const plainBn = (b: BatchNormValues): BatchNormValues => ({
  gamma: [...b.gamma],
  beta: [...b.beta],
  mean: [...b.mean],
  variance: [...b.variance],
  epsilon: b.epsilon,
});

const basicBlockExercise: ImplementationExercise<BlockCase> = {
  id: '08.impl1',
  prompt:
    'Write the forward pass of ResNet\u2019s basic block with an identity shortcut (He et al. 2016, Fig. 2): conv1 → BN1 → ReLU → conv2 → BN2, ' +
    'add the block\u2019s input x, then ReLU. conv1 and conv2 are given as functions (3×3, stride 1, \u2018same\u2019, C → C, their kernels inside); ' +
    `each batch norm is given by its inference-time values: bn(v)[c] = gamma[c] · (v[c] − mean[c]) / √(variance[c] + epsilon) + beta[c], with epsilon = ${RESNET_BN_EPSILON}.`,
  signature:
    'basicBlock(x: number[][][], conv1: (map: number[][][]) => number[][][], bn1: BatchNorm, conv2: (map: number[][][]) => number[][][], bn2: BatchNorm): number[][][], ' +
    'where BatchNorm = { gamma: number[]; beta: number[]; mean: number[]; variance: number[]; epsilon: number }',
  cases: () => [blockCase(6, 6, 3, 801), blockCase(5, 5, 2, 811), blockCase(7, 6, 4, 821), blockCase(4, 4, 6, 831)],
  call: (fn, c) => {
    const channels = c.input.shape[2];
    return fn(toArray3(c.input), givenConv('conv1', c.kernel1, channels), plainBn(c.bn1), givenConv('conv2', c.kernel2, channels), plainBn(c.bn2));
  },
  expected: (c) => runBlock(c),
  read: readArray3,
  tolerance: 1e-4,
  bugs: [
    {
      name: 'shortcut missing',
      hint: 'the block returns ReLU(F(x) + x): the input x itself is added to the second BN\u2019s output before the last ReLU. Without it this is a plain two-layer stack.',
      produces: (c) => runBlock(c, { noShortcut: true }),
    },
    {
      name: 'shortcut added after the final ReLU',
      hint: 'the input is added BEFORE the last ReLU (He et al. 2016, Fig. 2: "+" and then "relu"): y = ReLU(F(x) + x), not ReLU(F(x)) + x.',
      produces: (c) => runBlock(c, { addAfterFinalRelu: true }),
    },
    {
      name: 'no ReLU after the add',
      hint: 'the original basic block ends with a ReLU after the addition (Fig. 2). Leaving it out is the pre-activation design, whose branch also changes its order.',
      produces: (c) => runBlock(c, { noFinalRelu: true }),
    },
    {
      name: 'ReLU missing after the first conv',
      hint: 'between the two convolutions comes BN and then a ReLU; without the ReLU the two 3×3 convs (with BN between) collapse into one linear map.',
      produces: (c) => runBlock(c, { noFirstRelu: true }),
    },
    {
      name: 'ReLU before BN',
      hint: 'in the first step the order is conv → BN → ReLU: normalise the conv\u2019s output first, then clip it.',
      produces: (c) => runBlock(c, { reluBeforeFirstBn: true }),
    },
    {
      name: 'BN after the addition',
      hint: 'the second BN belongs to the branch: normalise conv2\u2019s output, then add x. Normalising the sum rescales the shortcut too (the variant of Fig. 4b in "Identity Mappings", which trains worse).',
      produces: (c) => runBlock(c, { bnAfterAdd: true }),
    },
    {
      name: 'batch norms swapped',
      hint: 'bn1 belongs to conv1\u2019s output and bn2 to conv2\u2019s; each channel has its own values in each.',
      produces: (c) => runBlock(c, { swappedBn: true }),
    },
    {
      name: 'BN divided by the variance',
      hint: 'batch norm divides by the standard deviation, √(variance + epsilon), not by the variance itself.',
      produces: (c) => runBlock(c, { squaredDenominator: true }),
    },
  ],
  fallback:
    'Check the steps on the first case one at a time: conv1(x) is H×W×C; apply bn1 to every pixel\u2019s C values, then ReLU; conv2; bn2; add x value by value; ReLU.',
};

// --- 08.impl2: the option-A shortcut ------------------------------------------------------

interface ShortcutCase extends ImplementationCase {
  readonly input: Tensor3;
  readonly filters: number;
}

function shortcutCase(height: number, width: number, channels: number, filters: number, seed: number): ShortcutCase {
  return {
    label: `input ${height}×${width}×${channels} → ${Math.ceil(height / 2)}×${Math.ceil(width / 2)}×${filters}`,
    input: fromArray([height, width, channels], uniformArray(height * width * channels, seed, -2, 2)),
    filters,
  };
}

const shortcutA = (x: Tensor3, filters: number, strides = 2): Tensor3 => zeroPadShortcut(x, { kind: 'zeroPadShortcut', filters, strides }).output;

/** The channels of `t` moved up by `before`: zeros first, then the C channels, then zeros to `filters`. */
function shiftChannels(t: Tensor3, before: number, filters: number): Tensor3 {
  const [h, w, c] = t.shape;
  const data = new Float32Array(h * w * filters);
  for (let p = 0; p < h * w; p++) for (let k = 0; k < c; k++) data[p * filters + before + k] = t.data[p * c + k];
  return { shape: [h, w, filters], data };
}

/** The map without its first row and column: a stride-2 pick from it reads the odd pixels of the original. */
function dropFirstRowAndColumn(t: Tensor3): Tensor3 {
  const [h, w, c] = t.shape;
  const data = new Float32Array((h - 1) * (w - 1) * c);
  for (let y = 1; y < h; y++) for (let x = 1; x < w; x++) for (let k = 0; k < c; k++) data[((y - 1) * (w - 1) + x - 1) * c + k] = t.data[(y * w + x) * c + k];
  return { shape: [h - 1, w - 1, c], data };
}

const subsampled = (c: ShortcutCase): Tensor3 => shortcutA(c.input, c.input.shape[2]);

const optionAExercise: ImplementationExercise<ShortcutCase> = {
  id: '08.impl2',
  prompt:
    'Write the option-A shortcut for the first block of a stage that halves the map and widens the channels (He et al. 2016, §3.3 and §4.2): ' +
    'keep every second pixel starting from the first, y[i][j][c] = x[2i][2j][c] (output ⌈H/2⌉×⌈W/2⌉), and give the output `filters` channels: ' +
    'channels 0 … C − 1 are the input\u2019s, the new channels C … filters − 1 are zeros (appended after the existing ones, as the kit\u2019s zeroPadShortcut does). No weights.',
  signature: 'optionAShortcut(x: number[][][], filters: number): number[][][]',
  cases: () => [shortcutCase(6, 6, 2, 4, 841), shortcutCase(7, 7, 3, 6, 851), shortcutCase(8, 5, 4, 8, 861), shortcutCase(5, 6, 1, 2, 871)],
  call: (fn, c) => fn(toArray3(c.input), c.filters),
  expected: (c) => tensorValues(shortcutA(c.input, c.filters)),
  read: readArray3,
  tolerance: 1e-6,
  bugs: [
    {
      name: 'zero channels put first',
      hint: 'the input\u2019s channels keep their numbers 0 … C − 1; the zeros are the NEW channels, C … filters − 1, after them.',
      produces: (c) => tensorValues(shiftChannels(subsampled(c), c.filters - c.input.shape[2], c.filters)),
    },
    {
      name: 'zero channels split on both sides',
      hint: 'half the zeros before the input\u2019s channels and half after is what a widely copied PyTorch CIFAR ResNet does, and it works as well; here (and in the kit) all the zero channels go after the input\u2019s, C … filters − 1.',
      produces: (c) => tensorValues(shiftChannels(subsampled(c), Math.floor((c.filters - c.input.shape[2]) / 2), c.filters)),
    },
    {
      name: 'odd pixels subsampled',
      hint: 'a stride-2 shortcut keeps the pixels at even positions, 0, 2, 4, …: the first row and column are kept (as x[::2, ::2] and a 1×1 conv with stride 2 both do).',
      produces: (c) => tensorValues(shortcutA(dropFirstRowAndColumn(c.input), c.filters)),
    },
    {
      name: 'averaged instead of subsampled',
      hint: 'option A picks one pixel out of each 2×2 square; it does not average them (that would be a pooling shortcut, a different design).',
      produces: (c) => tensorValues(shortcutA(pool2d(c.input, { kind: 'avgPool', poolSize: 2, strides: 2, padding: 'same' }).output, c.filters, 1)),
    },
    {
      name: 'no subsampling',
      hint: 'the block\u2019s branch has stride 2, so the shortcut must halve the map too: ⌈H/2⌉×⌈W/2⌉, every second pixel.',
      produces: (c) => tensorValues(shortcutA(c.input, c.filters, 1)),
    },
    {
      name: 'channels not padded',
      hint: 'the branch widens the map to `filters` channels, so the shortcut needs that many too: add zero channels C … filters − 1.',
      produces: (c) => tensorValues(subsampled(c)),
    },
  ],
  fallback: 'Check the shape first (⌈H/2⌉×⌈W/2⌉×filters), then one pixel: y[1][1] must be x[2][2] in its first C channels and 0 in the rest.',
};

export const implementations: readonly ImplementationExercise[] = [implementationExercise(basicBlockExercise), implementationExercise(optionAExercise)];
