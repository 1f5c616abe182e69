/**
 * Lesson 08, ResNet vs DenseNet (He et al. 2016, arXiv:1512.03385; Huang et
 * al. 2017, arXiv:1608.06993). Right answers and the mistakes' wrong answers
 * come from the spec graph (connection matrix) and the cost model (summarize
 * on the zoo's specs), never typed in. Sizes follow the papers' CIFAR
 * networks: DenseNet-BC with k = 12 (first conv 2k = 24 channels), the
 * 32-channel stage of a CIFAR ResNet.
 */
import { summarize } from '../../cost/summary';
import { resNetBasicSpec, denseBlockSpec } from '../../models/one-block';
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

/** Exercises of this lesson, in the order the notebook asks them. */
export const exercises: readonly Exercise[] = [connectionsExercise, channelsExercise, basicBlockExercise, concatExercise, zeroWeightsExercise];
