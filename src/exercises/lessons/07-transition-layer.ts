/**
 * Lesson 07, the Transition Layer and DenseNet-121 end to end (Huang et al.
 * 2017, "Densely Connected Convolutional Networks", arXiv:1608.06993, §3 and
 * Table 1). Right answers and the wrong answers of typical mistakes come
 * from the cost model (summarize on the zoo's transition spec and on
 * DenseNet-121), never typed in.
 */
import { summarize } from '../../cost/summary';
import { denseBlockSpec, transitionSpec } from '../../models/one-block';
import { stageSummaries } from '../../cost/stages';
import { denseNet } from '../../models/densenet';
import type { Shape3 } from '../../core/spec';
import { flopsInsteadOfMacs } from '../mistakes';
import type { Choice } from '../choice';
import { EXACT } from '../precision';
import type { Exercise } from '../registry';

// --- 07.1: MACs of a transition layer -------------------------------------------------

/** Output of DenseNet-121's dense block 2 (Table 1: 28×28, 128 + 12·32 channels). */
const secondBlockOutput: Shape3 = [28, 28, 512];
const transition = summarize(transitionSpec(secondBlockOutput, { compression: 0.5 }));
const transitionMacs = transition.macs;
const poolRow = transition.rows.find((row) => row.kind === 'avgPool');
const poolOps = poolRow ? poolRow.elementwiseOps : 0;

const transitionMacsExercise: Exercise = {
  id: '07.1',
  prompt:
    `DenseNet-121's second transition layer receives the ${secondBlockOutput.join('×')} output of dense block 2 and uses compression θ = 0.5: ` +
    'BN → ReLU → 1×1 conv to θ·C channels → 2×2 average pooling with stride 2. How many MACs does it take?',
  answer: transitionMacs,
  unit: 'MACs',
  quantity: 'macs',
  precision: EXACT,
  fallback: 'only the 1×1 conv does multiply-adds: it runs on the full map before the pooling, from C channels to ⌊θ·C⌋, so H·W·C·⌊θ·C⌋.',
  mistakes: [
    {
      // With θ = 0.5, forgetting the compression doubles the MACs — the same number as counting FLOPs.
      name: 'twice the answer',
      hint: 'that is exactly twice the answer. Either you counted the multiply and the add as two operations (what some tools call FLOPs) instead of one MAC, or you forgot that θ = 0.5 gives the 1×1 conv only ⌊θ·C⌋ = C/2 output channels.',
      wrongAnswer: flopsInsteadOfMacs(transitionMacs).wrongAnswer,
    },
    {
      name: 'pooled first',
      hint: 'the 1×1 conv comes BEFORE the pooling, so it runs at the full 28×28 resolution, not at 14×14.',
      wrongAnswer: summarize(transitionSpec([14, 14, 512], { compression: 0.5 })).macs,
    },
    {
      name: 'counted the pooling as MACs',
      hint: 'average pooling only adds (and scales) values: that is elementwise work, which convkit and the papers keep out of the MAC count.',
      wrongAnswer: transitionMacs + poolOps,
    },
  ],
};

// --- 07.2: channels entering dense block 4 ----------------------------------------------

const stages121 = stageSummaries(summarize(denseNet(121)));
const stage = (name: string) => {
  const found = stages121.find((s) => s.stage === name);
  if (!found) throw new Error(`DenseNet-121 has no stage ${name}`);
  return found;
};
const block3 = stage('dense_block_3');
const block4Input = stage('dense_block_4').inputShape[2];
const block3Layers = block3.convLayers / 2;
const k = 32;

const channelsExercise: Exercise = {
  id: '07.2',
  prompt:
    `In DenseNet-121 (k = ${k}, θ = 0.5), dense block 3 receives ${block3.inputShape[2]} channels and has ${block3Layers} layers. ` +
    'How many channels enter dense block 4, after the third transition layer?',
  answer: block4Input,
  unit: 'channels',
  quantity: 'channels',
  precision: EXACT,
  fallback: 'follow the channels: the block adds k per layer to the k0 it received, then the transition keeps ⌊θ·C⌋ of the C channels it reads.',
  mistakes: [
    {
      name: 'forgot the compression',
      hint: "that is what leaves dense block 3; the transition layer's 1×1 conv then keeps only θ = 0.5 of those channels.",
      wrongAnswer: block3.outputShape[2],
    },
    {
      name: 'forgot k0',
      hint: 'dense block 3 passes its own input on as well: its output has k0 + L·k channels, and the transition halves all of them.',
      wrongAnswer: Math.floor(0.5 * (block3.outputShape[2] - block3.inputShape[2])),
    },
    {
      name: 'compressed the growth rate',
      hint: 'θ does not change k inside a block: it acts once, in the transition, on all the channels the block produced.',
      wrongAnswer: block3.inputShape[2] + block3Layers * (k / 2),
    },
  ],
};

// --- 07.3: parameters of a transition layer ------------------------------------------------

const transitionTrainable = transition.params.trainable;
const bnTrainable = transition.rows.filter((row) => row.kind === 'batchNorm').reduce((sum, row) => sum + row.params.trainable, 0);

const transitionParamsExercise: Exercise = {
  id: '07.3',
  prompt:
    `How many trainable parameters does that transition layer (${secondBlockOutput[2]} input channels, θ = 0.5) have? ` +
    'Count the BN scale γ and shift β; the moving mean and variance are not trainable. The 1×1 conv has no bias.',
  answer: transitionTrainable,
  unit: 'parameters',
  quantity: 'parameters',
  precision: EXACT,
  fallback:
    'count the trainable numbers of each part: the BN learns γ and β per input channel, the 1×1 conv one weight per input and output channel pair; pooling learns nothing.',
  mistakes: [
    {
      name: 'forgot the BN',
      hint: 'the BN before the conv has one γ and one β per INPUT channel: 2·C trainable parameters.',
      wrongAnswer: transitionTrainable - bnTrainable,
    },
    {
      name: 'counted the moving statistics',
      hint: 'that is the Keras "Total params": the BN\'s moving mean and variance are not trainable.',
      wrongAnswer: transition.params.total,
    },
    {
      name: 'forgot the compression',
      hint: 'the 1×1 conv maps C channels to ⌊θ·C⌋ = C/2, so it holds C·C/2 weights, not C·C.',
      wrongAnswer: summarize(transitionSpec(secondBlockOutput, { compression: 1 })).params.trainable,
    },
  ],
};

// --- 07.4: what θ = 0.5 does to the next block ------------------------------------------------

const compressionExercise: Exercise = {
  id: '07.4',
  prompt: 'What does compression θ = 0.5 in a transition layer do to the dense block that follows it?',
  choices: [
    {
      key: 'a',
      text: 'it halves the growth rate k of the next block',
      whyNot: 'k is a fixed hyper-parameter of the whole network (32 in DenseNet-121); θ only sets how many channels the transition passes on.',
    },
    {
      key: 'b',
      text: 'it halves the height and the width of the map it passes on',
      whyNot: 'that is the 2×2 average pooling with stride 2, which every transition does, with or without compression.',
    },
    { key: 'c', text: 'it halves the channels k0 the next block starts from' },
    {
      key: 'd',
      text: 'it halves the number of layers in the next block',
      whyNot: 'the number of layers per block is part of the architecture (Table 1: 6, 12, 24, 16); θ leaves it alone.',
    },
  ],
  answer: 'c',
};

// --- 07.5: where DenseNet-121's multiply-adds go ------------------------------------------------

const stageChoices: readonly (Choice & { readonly stage: string })[] = [
  { key: 'a', stage: 'dense_block_3', text: 'dense block 3 (24 layers at 14×14)' },
  { key: 'b', stage: 'transition_1', text: 'the first transition layer (56×56)' },
  { key: 'c', stage: 'head', text: 'the classifier (pool and dense layer)' },
  { key: 'd', stage: 'dense_block_1', text: 'dense block 1 (6 layers at 56×56)' },
];
const busiest = stages121.reduce((a, b) => (b.macs > a.macs ? b : a)).stage;
const whyNot: Readonly<Record<string, string>> = {
  dense_block_1: 'it has the fewest layers, but they run at 56×56, 16 times the positions of a 14×14 map.',
  dense_block_3: "it has the most layers, but at 14×14 each layer works on 1/16 of the positions of block 1; its MACs are about half of block 1's.",
  transition_1: 'each transition costs about 0.1 billion MACs — one 1×1 conv; the blocks hold ten times more.',
  head: 'global pooling leaves a 1×1×1024 vector; the fully connected layer is about 1 million MACs, a rounding error.',
};

const busiestStageExercise: Exercise = {
  id: '07.5',
  prompt: 'Which stage of DenseNet-121 (224×224 input) takes the most multiply-adds?',
  choices: stageChoices.map((c) => (c.stage === busiest ? { key: c.key, text: c.text } : { key: c.key, text: c.text, whyNot: whyNot[c.stage] })),
  answer: stageChoices.find((c) => c.stage === busiest)?.key ?? 'a',
};

// --- 07.6 (design): how many channels the first transition may keep ---------------------------

/** DenseNet-121's first transition (Table 1: it reads block 1's 56×56×256) and the 12 bottleneck layers of block 2, k = 32. */
const firstTransitionInput: Shape3 = [56, 56, 256];
const block2 = { layers: 12, growthRate: 32 };
const parameterBudget = 1_000_000;

interface Counted {
  readonly trainable: number;
  readonly total: number;
  readonly withoutBn: number;
  readonly transitionOnly: number;
}

/** Transition 1 keeping `kept` channels (θ = kept / 256, exact in binary) and block 2 on them: the cost model's parameter counts. */
function transitionAndBlock(kept: number): Counted {
  const t = summarize(transitionSpec(firstTransitionInput, { compression: kept / firstTransitionInput[2] }));
  const b = summarize(denseBlockSpec(t.rows[t.rows.length - 1].outputShape, { ...block2, bottleneck: true }));
  const bn = [...t.rows, ...b.rows].filter((r) => r.kind === 'batchNorm').reduce((n, r) => n + r.params.trainable, 0);
  const trainable = t.params.trainable + b.params.trainable;
  return { trainable, total: t.params.total + b.params.total, withoutBn: trainable - bn, transitionOnly: t.params.trainable };
}

/** The largest number of kept channels, 1 … C, whose count stays within the budget (counts grow with it: binary search). */
function mostChannelsWithin(count: (c: Counted) => number): number {
  let low = 0;
  let high = firstTransitionInput[2];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (count(transitionAndBlock(mid)) <= parameterBudget) low = mid;
    else high = mid - 1;
  }
  return low;
}
const keptChannels = mostChannelsWithin((c) => c.trainable);

const compressionDesignExercise: Exercise = {
  id: '07.6',
  prompt:
    `Design: in DenseNet-121, the first transition layer reads the ${firstTransitionInput.join('×')} output of dense block 1, and dense block 2 ` +
    `(${block2.layers} bottleneck layers, k = ${block2.growthRate}) starts from whatever the transition keeps. Choose the compression: transition 1 and ` +
    `block 2 together may hold at most ${parameterBudget.toLocaleString('en-US')} trainable parameters (BN γ and β count, the moving statistics do not; no biases). ` +
    'What is the largest number of channels ⌊θ·256⌋ the transition may keep?',
  answer: keptChannels,
  unit: 'channels',
  quantity: 'channels',
  precision: EXACT,
  fallback:
    'write the trainable parameters as a function of the kept channels M: the transition has 2·256 (BN) + 256·M, and layer l of block 2 reads C_l = M + (l − 1)·32 channels, with 2·C_l (BN) + C_l·128 (1×1) + 2·128 (BN) + 9·128·32 (3×3). Everything grows by a fixed amount per kept channel; solve for the largest whole M within the budget.',
  mistakes: [
    {
      name: 'forgot block 2',
      hint: 'the transition alone stays within the budget even without compression; the channels it keeps are the next block\u2019s k0, and every layer of block 2 reads them, so they cost parameters there too.',
      wrongAnswer: mostChannelsWithin((c) => c.transitionOnly),
    },
    {
      name: 'counted the moving statistics',
      hint: 'the budget is for trainable parameters: the BN moving mean and variance are not trained and do not count.',
      wrongAnswer: mostChannelsWithin((c) => c.total),
    },
    {
      name: 'forgot the BN',
      hint: 'each BN has a trainable γ and β per channel it normalises: 2·256 in the transition and 2·C_l + 2·128 in each layer of block 2.',
      wrongAnswer: mostChannelsWithin((c) => c.withoutBn),
    },
    {
      name: 'one channel too many',
      hint: 'with that many channels the two stages already hold more than the budget; take the largest count that still fits.',
      wrongAnswer: keptChannels + 1,
    },
  ],
};

/** Exercises of this lesson, in the order the notebook asks them. */
export const exercises: readonly Exercise[] = [
  transitionMacsExercise,
  channelsExercise,
  transitionParamsExercise,
  compressionExercise,
  busiestStageExercise,
  compressionDesignExercise,
];
