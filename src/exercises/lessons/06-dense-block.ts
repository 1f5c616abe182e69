/**
 * Lesson 06, the Dense Block (Huang et al. 2017, "Densely Connected
 * Convolutional Networks", arXiv:1608.06993). Right answers and the wrong
 * answers of typical mistakes come from the cost model (summarize on the
 * zoo's block specs), never typed in. Sizes follow the paper: DenseNet-121's
 * first block (Table 1: 56×56, k0 = 2k = 64, k = 32, 6 layers) and its
 * third block (14×14, k0 = 256), and the CIFAR DenseNet-BC of §3
 * (Implementation Details: 32×32, a first conv of 2k = 24 channels, k = 12).
 */
import { summarize } from '../../cost/summary';
import { denseBlockSpec, denseLayerSpec } from '../../models/one-block';
import type { Shape3 } from '../../core/spec';
import { flopsInsteadOfMacs, forgotKernelArea } from '../mistakes';
import { EXACT } from '../precision';
import type { Exercise } from '../registry';

const outputChannels = (input: Shape3, layers: number, growthRate: number, bottleneck = true): number => {
  const summary = summarize(denseBlockSpec(input, { layers, growthRate, bottleneck }));
  return summary.rows[summary.rows.length - 1].outputShape[2];
};

// --- 06.1: channels leaving a dense block ------------------------------------------

const firstBlock: Shape3 = [56, 56, 64];
const firstBlockLayers = 6;
const k121 = 32;
const firstBlockOut = outputChannels(firstBlock, firstBlockLayers, k121);

const channelsExercise: Exercise = {
  id: '06.1',
  prompt:
    `DenseNet-121's first dense block receives a 56×56×${firstBlock[2]} feature map and has ${firstBlockLayers} bottleneck layers ` +
    `with growth rate k = ${k121}. How many channels does the feature map that leaves the block have?`,
  answer: firstBlockOut,
  unit: 'channels',
  quantity: 'channels',
  precision: EXACT,
  fallback: 'follow the channel count layer by layer: the block starts with k0 channels and every layer concatenates k new ones to what it read.',
  mistakes: [
    {
      name: 'forgot k0',
      hint: 'the concatenation keeps the block INPUT as well: its k0 channels are carried through, and each layer adds k to them.',
      wrongAnswer: outputChannels(firstBlock, firstBlockLayers, k121) - firstBlock[2],
    },
    {
      name: 'one layer short',
      hint: 'that is the input of the LAST layer, k0 + (L − 1)·k. Its own k new channels are concatenated too before the map leaves the block.',
      wrongAnswer: outputChannels(firstBlock, firstBlockLayers - 1, k121),
    },
    {
      name: 'counted the bottleneck width',
      hint: 'inside a layer the 1×1 conv makes 4k channels, but only the k outputs of the 3×3 conv are concatenated to the running map.',
      wrongAnswer: firstBlock[2] + firstBlockLayers * 4 * k121,
    },
  ],
};

// --- 06.2: MACs of a plain dense layer ------------------------------------------------

const cifar: { side: number; k0: number; k: number } = { side: 32, k0: 24, k: 12 };
const plainLayerIndex = 4;
const plainInputChannels = cifar.k0 + (plainLayerIndex - 1) * cifar.k;
const plainLayerMacsOf = (channels: number): number =>
  summarize(denseLayerSpec([cifar.side, cifar.side, channels], { growthRate: cifar.k, bottleneck: false })).macs;
const plainMacs = plainLayerMacsOf(plainInputChannels);

const plainLayerExercise: Exercise = {
  id: '06.2',
  prompt:
    `A plain dense layer (BN → ReLU → 3×3 conv, no bottleneck) is layer l = ${plainLayerIndex} of a block on a ` +
    `${cifar.side}×${cifar.side} map with k0 = ${cifar.k0} input channels and growth rate k = ${cifar.k}. ` +
    'How many MACs does its convolution take?',
  answer: plainMacs,
  unit: 'MACs',
  quantity: 'macs',
  precision: EXACT,
  fallback: 'first the input channels of layer l, C_l = k0 + (l − 1)·k; then it is a standard 3×3 conv from C_l to k channels: H·W·K·K·C_l·k multiply-adds.',
  mistakes: [
    flopsInsteadOfMacs(plainMacs),
    forgotKernelArea(plainMacs, 9),
    {
      name: 'forgot k',
      hint: `that is the work of ONE filter. The conv makes k = ${cifar.k} new channels, one filter each, so there is a factor k.`,
      wrongAnswer: plainMacs / cifar.k,
    },
    {
      name: 'used k0 only',
      hint: 'layer l reads the block input AND the k new channels of every earlier layer: C_l = k0 + (l − 1)·k, not k0.',
      wrongAnswer: plainLayerMacsOf(cifar.k0),
    },
    {
      name: 'one layer too many',
      hint: 'k0 + l·k is the channel count AFTER layer l. Its input is what the l − 1 earlier layers left: k0 + (l − 1)·k.',
      wrongAnswer: plainLayerMacsOf(cifar.k0 + plainLayerIndex * cifar.k),
    },
  ],
};

// --- 06.3: MACs of a bottleneck dense layer ---------------------------------------------

const thirdBlock = { side: 14, k0: 256, k: 32 };
const bcLayerIndex = 17;
const bcInputChannels = thirdBlock.k0 + (bcLayerIndex - 1) * thirdBlock.k;
const bcInput: Shape3 = [thirdBlock.side, thirdBlock.side, bcInputChannels];
const bcMacs = summarize(denseLayerSpec(bcInput, { growthRate: thirdBlock.k, bottleneck: true })).macs;
const bcRows = summarize(denseLayerSpec(bcInput, { growthRate: thirdBlock.k, bottleneck: true })).rows;
const bc3x3Macs = bcRows.filter((row) => row.kind === 'conv2d').reduce((sum, row) => sum + row.macs, 0);

const bottleneckExercise: Exercise = {
  id: '06.3',
  prompt:
    `In DenseNet-121's third block (${thirdBlock.side}×${thirdBlock.side}, k0 = ${thirdBlock.k0}, k = ${thirdBlock.k}), layer l = ${bcLayerIndex} ` +
    `reads ${bcInputChannels} channels. How many MACs does its bottleneck version take: a 1×1 conv to 4k channels, then a 3×3 conv to k?`,
  answer: bcMacs,
  unit: 'MACs',
  quantity: 'macs',
  precision: EXACT,
  fallback: "add the two convs' multiply-adds: the 1×1 conv, H·W·C_l·4k, and the 3×3 conv that reads its 4k channels, H·W·K·K·4k·k.",
  mistakes: [
    flopsInsteadOfMacs(bcMacs),
    {
      name: 'forgot the 1×1 conv',
      hint: 'the bottleneck adds work before the 3×3 conv: a 1×1 conv from all C_l input channels to 4k, at every pixel.',
      wrongAnswer: bc3x3Macs,
    },
    {
      name: 'bottleneck of width k',
      hint: 'the 1×1 conv of DenseNet-B makes 4k channels (4 × the growth rate), not k; the 3×3 conv then reads those 4k.',
      wrongAnswer: summarize(denseLayerSpec(bcInput, { growthRate: thirdBlock.k, bottleneck: true, bottleneckWidth: 1 })).macs,
    },
    {
      name: 'plain layer',
      hint: 'that is the cost WITHOUT the bottleneck (a 3×3 conv straight from C_l channels). The question asks for the 1×1 → 3×3 version.',
      wrongAnswer: summarize(denseLayerSpec(bcInput, { growthRate: thirdBlock.k, bottleneck: false })).macs,
    },
  ],
};

// --- 06.4: bytes of the naive concatenations ------------------------------------------------

const memoryBlockLayers = 8;
const memoryInput: Shape3 = [cifar.side, cifar.side, cifar.k0];
const memoryRows = summarize(denseBlockSpec(memoryInput, { layers: memoryBlockLayers, growthRate: cifar.k, bottleneck: true })).rows;
const concatRows = memoryRows.filter((row) => row.kind === 'concat');
const naiveConcatBytes = concatRows.reduce((sum, row) => sum + row.outputBytes, 0);
const largestConcatBytes = Math.max(...concatRows.map((row) => row.outputBytes));
const pixels = cifar.side * cifar.side;
/** fp32: bytes of one stored value, read off the cost model's first concatenation. */
const bytesPerValue = concatRows[0].outputBytes / concatRows[0].outputShape.reduce((a, b) => a * b, 1);
/** The block input x0, which the concatenations hold but which is not one of them. */
const blockInputBytes = memoryInput.reduce((a, b) => a * b, 1) * bytesPerValue;
/**
 * Lesson 06 §6 teaches the naive figure as three tensors per concatenation:
 * the concatenation itself and the BN and ReLU outputs the next layer makes
 * from it, all of the same size. Counted here from the block's rows: every
 * row whose output has the first concatenation's channels.
 */
const tensorsPerConcat = memoryRows.filter((row) => row.outputShape[2] === concatRows[0].outputShape[2]).length;

const memoryExercise: Exercise = {
  id: '06.4',
  prompt:
    `A DenseNet-BC block on a ${cifar.side}×${cifar.side} map with k0 = ${cifar.k0} and k = ${cifar.k} has ${memoryBlockLayers} layers. ` +
    "A naive implementation stores each layer's concatenated output as a new fp32 tensor (4 bytes per value) and keeps all of them for the backward pass. " +
    `How many bytes do those ${memoryBlockLayers} concatenations take together (batch of one)?`,
  answer: naiveConcatBytes,
  unit: 'bytes',
  quantity: 'bytes',
  precision: EXACT,
  fallback:
    'list the channels of each concatenation (k0 + l·k after layer l), add them up, and turn channels into bytes: H·W values per channel, 4 bytes per value.',
  mistakes: [
    {
      name: 'counted values, not bytes',
      hint: 'that is the number of stored VALUES; each fp32 value takes 4 bytes.',
      wrongAnswer: naiveConcatBytes / 4,
    },
    {
      name: 'shared buffer only',
      hint: 'that is the largest concatenation alone — what the shared-storage implementation needs. Naively, every layer keeps its own copy.',
      wrongAnswer: largestConcatBytes,
    },
    {
      name: 'forgot k0',
      hint: "each concatenation also holds the block input's k0 channels, not only the new k·l ones.",
      wrongAnswer: naiveConcatBytes - memoryBlockLayers * pixels * cifar.k0 * bytesPerValue,
    },
    {
      name: 'stored the block input too',
      hint: 'the block input x0 exists before the first layer and is not one of the concatenations: count only the L tensors the layers make.',
      wrongAnswer: naiveConcatBytes + blockInputBytes,
    },
    {
      name: 'three tensors per layer',
      hint: "that is the lesson's whole naive figure: each concatenation plus the BN and ReLU outputs made from it, three tensors of one size. The question asks for the concatenations alone.",
      wrongAnswer: tensorsPerConcat * naiveConcatBytes,
    },
  ],
};

// --- 06.5: why a small growth rate suffices ------------------------------------------------------

const growthRateExercise: Exercise = {
  id: '06.5',
  prompt: 'DenseNets work well with a small growth rate such as k = 12 or 32. Why is that enough?',
  choices: [
    {
      key: 'a',
      text: 'the concatenation halves the height and width after each layer',
      whyNot: 'a concatenation needs equal height and width, so the map size stays fixed inside a block; only the transition layer pools.',
    },
    { key: 'b', text: 'each layer reads all earlier maps and adds only a few new ones' },
    {
      key: 'c',
      text: 'the 1×1 bottleneck multiplies the channels by 4 on the way out',
      whyNot: 'the 4k channels of the 1×1 conv stay inside the layer; the 3×3 conv reduces them to k, and only those k are concatenated.',
    },
    {
      key: 'd',
      text: 'batch normalisation makes the extra channels unnecessary',
      whyNot: 'BN rescales each channel; it adds no information. The argument of the paper (§3, "Growth rate") is about access to earlier features.',
    },
  ],
  answer: 'b',
};

// --- 06.6 (design): the deepest block a MAC budget allows --------------------------------------

/** DenseNet-121's third block (Table 1): 14×14, k0 = 256, k = 32, bottleneck layers. */
const designBlock: Shape3 = [14, 14, 256];
const designK = 32;
const layerBudget = 700_000_000;

/** MACs of the first L layers of that block, split by role (cost model on the zoo's block spec). */
function designBlockMacs(layers: number, bottleneck = true): { total: number; conv3x3: number } {
  const rows = summarize(denseBlockSpec(designBlock, { layers, growthRate: designK, bottleneck })).rows;
  return { total: rows.reduce((n, r) => n + r.macs, 0), conv3x3: rows.filter((r) => r.kind === 'conv2d').reduce((n, r) => n + r.macs, 0) };
}
/** MACs of L layers that each read only the block input k0 (no growth): L times the first layer. */
const firstLayerMacs = designBlockMacs(1).total;
/** The largest L (up to 200) whose block, counted by `macs`, stays within the budget; costs grow with L, so the search stops at the first miss. */
function deepestWithin(macs: (layers: number) => number): number {
  let best = 0;
  for (let layers = 1; layers <= 200 && macs(layers) <= layerBudget; layers++) best = layers;
  return best;
}
const designLayers = deepestWithin((layers) => designBlockMacs(layers).total);

const depthBudgetExercise: Exercise = {
  id: '06.6',
  prompt:
    `Design: a dense block on DenseNet-121's third-block input (${designBlock.join('×')}, k = ${designK}, bottleneck layers: 1×1 conv to 4k, then 3×3 conv to k) ` +
    `may take at most ${layerBudget.toLocaleString('en-US')} MACs. How many layers L can it have at most?`,
  answer: designLayers,
  unit: 'layers',
  quantity: 'layers',
  precision: EXACT,
  fallback:
    'write layer l\u2019s MACs, H·W·(C_l·4k + 9·4k·k) with C_l = k0 + (l − 1)·k, add them up layer by layer until the sum passes the budget: the last L before that is the answer.',
  mistakes: [
    {
      name: 'counted FLOPs',
      hint: 'the budget is in MACs, one per multiply-add; you counted 2 operations per multiply-add.',
      wrongAnswer: deepestWithin((layers) => 2 * designBlockMacs(layers).total),
    },
    {
      name: 'plain layers',
      hint: 'that is the depth for plain layers (a 3×3 conv straight from C_l channels). With the 1×1 bottleneck the late, wide layers are much cheaper, so more of them fit.',
      wrongAnswer: deepestWithin((layers) => designBlockMacs(layers, false).total),
    },
    {
      name: 'no growth',
      hint: 'every layer reads more than the one before: C_l = k0 + (l − 1)·k, so the 1×1 conv of layer l costs more the deeper it is. The block\u2019s MACs grow with L², not with L.',
      wrongAnswer: deepestWithin((layers) => layers * firstLayerMacs),
    },
    {
      name: 'forgot the 1×1 conv',
      hint: 'the 1×1 conv from C_l to 4k channels is part of each bottleneck layer, and in a block this wide it costs more than the 3×3 conv.',
      wrongAnswer: deepestWithin((layers) => designBlockMacs(layers).conv3x3),
    },
    {
      name: 'one layer too many',
      hint: 'with that many layers the block already needs more than the budget; take the last L whose total still fits.',
      wrongAnswer: designLayers + 1,
    },
  ],
};

/** Exercises of this lesson, in the order the notebook asks them. */
export const exercises: readonly Exercise[] = [
  channelsExercise,
  plainLayerExercise,
  bottleneckExercise,
  memoryExercise,
  growthRateExercise,
  depthBudgetExercise,
];
