/**
 * Lesson 08, ResNet vs DenseNet (He et al. 2016, arXiv:1512.03385; Huang et
 * al. 2017, arXiv:1608.06993). Right answers and the mistakes' wrong answers
 * come from the spec graph (connection matrix) and the cost model (summarize
 * on the zoo's specs), never typed in. Sizes follow the papers' CIFAR
 * networks: DenseNet-BC with k = 12 (first conv 2k = 24 channels), the
 * 32-channel stage of a CIFAR ResNet; 08.6 those of ResNet-50's first stage
 * (He et al. 2016, §4.1 and Fig. 5).
 */
import { layerCost } from '../../cost/layer-cost';
import { summarize } from '../../cost/summary';
import { resNetBasicSpec, resNetBottleneckSpec, denseBlockSpec } from '../../models/one-block';
import { connectionMatrix, denseBlockUnits, directConnections } from '../../models/connections';
import { denseNetCifar } from '../../models/densenet';
import { EXACT } from '../precision';
import type { Exercise } from '../registry';

// --- 08.1: direct connections in a dense block -----------------------------------------

const blockLayers = 12;
const blockSpec = denseBlockSpec([8, 8, 24], { layers: blockLayers, growthRate: 12 });
const connections = directConnections(connectionMatrix(blockSpec, denseBlockUnits(blockSpec)));

const connectionsExercise: Exercise = {
  id: '08.1',
  prompt:
    `A dense block has L = ${blockLayers} layers. Every layer reads the block input and the output of every earlier layer, ` +
    'each as its own channels of the concatenation. How many such direct connections (source → layer) does the block have in total?',
  answer: connections,
  unit: 'connections',
  quantity: 'connections',
  precision: EXACT,
  fallback:
    'count the connections layer by layer: layer l reads the block input and the l − 1 layers before it, so it has l incoming connections. Add them up.',
  mistakes: [
    {
      name: 'forgot the block input',
      hint: 'layer 1 also has a connection: it reads the block input. Count it for every layer, not only the layer-to-layer links.',
      wrongAnswer: connections - blockLayers,
    },
    {
      name: 'counted a chain',
      hint: 'that is a plain or residual chain, where each layer reads one tensor. In a dense block layer l reads l separate sources.',
      wrongAnswer: blockLayers,
    },
    {
      name: 'counted every ordered pair',
      hint: 'connections only run forward: layer l reads from the l sources before it, never from later layers.',
      wrongAnswer: 2 * connections,
    },
    {
      name: 'L squared',
      hint: 'L·L would give every layer L sources. Layer l has only l of them (the block input and the l − 1 earlier layers), so the count is 1 + 2 + … + L.',
      wrongAnswer: blockLayers * blockLayers,
    },
  ],
};

// --- 08.2: input channels of a layer deep in a block ---------------------------------

const bc100 = summarize(denseNetCifar(true, { depth: 100, growthRate: 12 }));
const layerIndex = 16;
const rowOf = (name: string) => {
  const row = bc100.rows.find((r) => r.name === name);
  if (!row) throw new Error(`lesson 08: DenseNet-BC-100 has no node ${name}`);
  return row;
};
const inputChannels = rowOf(`conv2_block${layerIndex}_0_bn`).inputShapes[0][2];
const firstConvChannels = rowOf('conv1/conv').outputShape[2];
const growth = rowOf('conv2_block1_2_conv').outputShape[2];

const channelsExercise: Exercise = {
  id: '08.2',
  prompt:
    `In DenseNet-BC (L = 100, k = 12) for CIFAR, the first convolution has 2k = ${firstConvChannels} channels and feeds the first dense block. ` +
    `How many channels does the concatenation that layer ${layerIndex} of that block reads have?`,
  answer: inputChannels,
  unit: 'channels',
  quantity: 'channels',
  precision: EXACT,
  fallback: "the concatenation holds the block input's channels plus k for every layer that ran before this one.",
  mistakes: [
    {
      name: "counted the layer's own output",
      hint: `layer ${layerIndex} reads what exists BEFORE it: the block input and the ${layerIndex - 1} earlier layers, not its own k new channels.`,
      wrongAnswer: inputChannels + growth,
    },
    {
      name: 'forgot the block input',
      hint: "the concatenation starts with the block input (the first conv's channels); the layers only add k each on top of it.",
      wrongAnswer: inputChannels - firstConvChannels,
    },
    {
      name: 'used the bottleneck width',
      hint: 'each layer ADDS k channels to the concatenation; 4k is only the width inside its bottleneck, which is not kept.',
      wrongAnswer: firstConvChannels + (layerIndex - 1) * 4 * growth,
    },
  ],
};

// --- 08.3: parameters of a ResNet basic block ----------------------------------------

const width = 32;
const basic = summarize(resNetBasicSpec([16, 16, width], { filters: width, shortcut: 'zeroPad' }));
const convWeights = basic.rows.filter((r) => r.kind === 'conv2d').reduce((sum, r) => sum + r.params.trainable, 0);

const basicBlockExercise: Exercise = {
  id: '08.3',
  prompt:
    `A CIFAR ResNet basic block keeps ${width} channels (stride 1, identity shortcut): 3×3 conv → BN → ReLU → 3×3 conv → BN, ` +
    'plus the input, then ReLU. The convs have no bias. How many TRAINABLE parameters does the block have?',
  answer: basic.params.trainable,
  unit: 'parameters',
  quantity: 'parameters',
  precision: EXACT,
  fallback: 'count the trainable numbers part by part: each 3×3 conv holds K·K·C·C weights, each BN a γ and a β per channel; the identity shortcut has none.',
  mistakes: [
    {
      name: 'forgot BN',
      hint: 'each batch normalisation learns a scale γ and a shift β per channel: two BN layers add 2·2·C trainable parameters.',
      wrongAnswer: convWeights,
    },
    {
      name: 'counted the moving statistics',
      hint: 'the moving mean and variance of BN are tracked, not trained: they count in Keras\'s "Total params" but not as trainable.',
      wrongAnswer: basic.params.total,
    },
    {
      name: 'one conv only',
      hint: 'the residual branch has TWO 3×3 convolutions, each with its own BN.',
      wrongAnswer: basic.params.trainable / 2,
    },
    {
      name: 'gave the shortcut weights',
      hint: 'the identity shortcut adds the input as it is: it has no parameters. Only a projection shortcut (1×1 conv) would.',
      wrongAnswer: basic.params.trainable + width * width,
    },
  ],
};

// --- 08.4: add vs concatenate --------------------------------------------------------

const concatExercise: Exercise = {
  id: '08.4',
  prompt:
    'A later layer should be able to give DIFFERENT weights to the features of the block input and of each earlier layer. ' + 'Which connection allows that?',
  choices: [
    {
      key: 'a',
      text: "ResNet's addition of the input and the branch",
      whyNot: 'after x + F(x) the two are one tensor: the next layer sees only their sum and cannot tell which part came from where.',
    },
    { key: 'b', text: "DenseNet's concatenation of all earlier maps" },
    {
      key: 'c',
      text: 'both: either one keeps the earlier features',
      whyNot: 'addition merges the sources into one tensor before the next layer reads it; only concatenation keeps them apart.',
    },
    {
      key: 'd',
      text: 'neither: a conv mixes all its input channels',
      whyNot: 'it mixes them with one weight per input channel, and concatenation gives each source channels of its own: their weights are separate.',
    },
  ],
  answer: 'b',
};

// --- 08.5: a useless residual branch -------------------------------------------------

const zeroWeightsExercise: Exercise = {
  id: '08.5',
  prompt:
    'In a ResNet basic block with an identity shortcut, the residual branch has learnt all-zero conv weights and BN shift β = 0. ' +
    'Its input x comes from the previous block, so x ≥ 0. What does the block output?',
  choices: [
    { key: 'a', text: 'x unchanged: the shortcut carries it past the branch' },
    {
      key: 'b',
      text: 'zeros, since every conv weight in the whole block is zero',
      whyNot: 'the branch gives zeros, but the shortcut still adds x: the sum is x + 0.',
    },
    {
      key: 'c',
      text: '2x: the input plus a second copy from the branch',
      whyNot: 'only the shortcut carries x; the branch with zero weights contributes 0, not another x.',
    },
    {
      key: 'd',
      text: 'ReLU(BN(x)), the input normalised on its way',
      whyNot: 'BN sits inside the branch, after the convs; the shortcut adds x itself, not a normalised copy.',
    },
  ],
  answer: 'a',
};

// --- 08.6 (design): the widest bottleneck within a basic block's weights ---------------

const STAGE_SIDE = 56;
const OUTER = 256;
/** Conv weights of a block, from the cost model (the convs have no bias, so trainable = weights). */
const convWeightsOf = (rows: ReturnType<typeof summarize>['rows']): number =>
  rows.filter((r) => r.layer.kind === 'conv2d').reduce((sum, r) => sum + r.params.trainable, 0);
const basic64Weights = convWeightsOf(summarize(resNetBasicSpec([STAGE_SIDE, STAGE_SIDE, 64], { filters: 64 })).rows);
const basic256Weights = convWeightsOf(summarize(resNetBasicSpec([STAGE_SIDE, STAGE_SIDE, OUTER], { filters: OUTER })).rows);

/** The three convs of a 256-d bottleneck with a b-wide 3×3 (1×1 OUTER → b, 3×3 b → b, 1×1 b → OUTER), each costed by layerCost; `parts` picks which count. */
function bottleneckWeights(b: number, parts: { reduce?: boolean; middle?: boolean; expand?: boolean } = {}): number {
  const { reduce = true, middle = true, expand = true } = parts;
  const at = (c: number): [number, number, number] => [STAGE_SIDE, STAGE_SIDE, c];
  const conv = (filters: number, kernelSize: number, input: number) =>
    layerCost({ kind: 'conv2d', filters, kernelSize, padding: 'same' }, [at(input)]).params.trainable;
  return (reduce ? conv(b, 1, OUTER) : 0) + (middle ? conv(b, 3, b) : 0) + (expand ? conv(OUTER, 1, b) : 0);
}
/** The largest b whose weights (by `weigh`) stay within `budget`. */
function widestWithin(budget: number, weigh: (b: number) => number): number {
  let b = 0;
  while (weigh(b + 1) <= budget) b++;
  return b;
}
const widest = widestWithin(basic64Weights, (b) => bottleneckWeights(b));
const paperWidth = summarize(resNetBottleneckSpec([STAGE_SIDE, STAGE_SIDE, OUTER], { filters: 64 })).rows.find((r) => r.name.endsWith('_2_conv'))!
  .outputShape[2];

const designExercise: Exercise = {
  id: '08.6',
  prompt:
    `Design task. ResNet-50 replaces the 64-d basic block (two 3×3 convs 64 → 64, He et al. 2016, Fig. 5 left) by a ${OUTER}-d bottleneck block: ` +
    `1×1 conv ${OUTER} → b, 3×3 conv b → b, 1×1 conv b → ${OUTER}, no biases. What is the WIDEST integer b for which the bottleneck's conv weights ` +
    `do not exceed the basic block's (${basic64Weights.toLocaleString('en-US')})?`,
  answer: widest,
  unit: 'channels',
  quantity: 'channels',
  precision: EXACT,
  fallback: `write the bottleneck's weights as a function of b: ${OUTER}·b for each 1×1 conv and 9·b² for the 3×3; find the largest b (the 3×3 conv's channel count) whose sum stays at or below the budget.`,
  mistakes: [
    {
      name: 'forgot the 1×1 convs',
      hint: `that b fits only the 3×3 conv (9·b²) into the budget; the two 1×1 convs (${OUTER}·b weights each) need their share too.`,
      wrongAnswer: widestWithin(basic64Weights, (b) => bottleneckWeights(b, { reduce: false, expand: false })),
    },
    {
      name: 'counted one 1×1 conv',
      hint: `the block has TWO 1×1 convs, one reducing ${OUTER} → b and one expanding b → ${OUTER}: ${2 * OUTER}·b weights, not ${OUTER}·b.`,
      wrongAnswer: widestWithin(basic64Weights, (b) => bottleneckWeights(b, { expand: false })),
    },
    {
      name: 'rounded up',
      hint: `at b = ${widest + 1} the block has ${bottleneckWeights(widest + 1).toLocaleString('en-US')} weights, over the budget: take the largest b that fits, not the nearest.`,
      wrongAnswer: widest + 1,
    },
    {
      name: "gave the paper's width",
      hint: `${paperWidth} is what ResNet-50 uses (${bottleneckWeights(paperWidth).toLocaleString('en-US')} weights, under the budget); a slightly wider 3×3 still fits.`,
      wrongAnswer: paperWidth,
    },
    {
      name: 'budget of a basic block at 256 channels',
      hint: `the budget is the 64-d basic block the bottleneck replaces (${basic64Weights.toLocaleString('en-US')} weights), not two 3×3 convs at ${OUTER} channels (${basic256Weights.toLocaleString('en-US')}).`,
      wrongAnswer: widestWithin(basic256Weights, (b) => bottleneckWeights(b)),
    },
  ],
};

/** Exercises of this lesson, in the order the notebook asks them. */
export const exercises: readonly Exercise[] = [connectionsExercise, channelsExercise, basicBlockExercise, concatExercise, zeroWeightsExercise, designExercise];
