/**
 * Lesson 09, review: exam-style questions over lessons 01–08, mixed. Every
 * numeric answer and every mistake's wrong answer comes from the cost model
 * (layerCost, windowOutputLength, separableVsStandard, summarize on the zoo's
 * block specs), never typed in. Sizes are the papers' own: a 56×56×64 layer
 * (ResNet/MobileNet stage 2), MobileNet v2's 56×56×24 stage (Sandler et al.
 * 2018, Table 2), DenseNet-121's first dense block and transition (Huang et
 * al. 2017, Table 1: k = 32, 6 layers on 56×56, θ = 0.5).
 */
import { layerCost } from '../../cost/layer-cost';
import { windowOutputLength } from '../../cost/output-shape';
import { separableVsStandard } from '../../cost/separable';
import { summarize } from '../../cost/summary';
import { denseBlockSpec, invertedResidualSpec, transitionSpec } from '../../models/one-block';
import type { Shape3 } from '../../models/spec';
import { flopsInsteadOfMacs, forgotKernelArea } from '../mistakes';
import type { Exercise } from '../registry';

// --- 09.1: standard convolution MACs (lesson 01) -------------------------------------

const convInput: Shape3 = [56, 56, 64];
const convFilters = 128;
const convMacs = layerCost({ kind: 'conv2d', filters: convFilters, kernelSize: 3, padding: 'same' }, [convInput]).macs;

const standardMacs: Exercise = {
  id: '09.1',
  prompt: `A 3×3 convolution with ${convFilters} filters, stride 1 and "same" padding runs on a ${convInput.join('×')} input. How many MACs does it take?`,
  answer: convMacs,
  unit: 'MACs',
  mistakes: [
    flopsInsteadOfMacs(convMacs),
    forgotKernelArea(convMacs, 9),
    {
      name: 'forgot the input channels',
      hint: 'a standard filter is K×K×C: every output value sums over all C input channels too.',
      wrongAnswer: convMacs / convInput[2],
    },
  ],
};

// --- 09.2: output size (lesson 01) ---------------------------------------------------

const side = 224;
const validSide = windowOutputLength(side, 3, 2, 1, 'valid', 0);

const outputSize: Exercise = {
  id: '09.2',
  prompt: `A 3×3 convolution with stride 2 and "valid" padding (no zeros added) reads a ${side}×${side} image. How many pixels wide is its output?`,
  answer: validSide,
  unit: 'pixels',
  mistakes: [
    {
      name: 'used the "same" rule',
      hint: 'ceil(n / s) is the rule for "same" padding. Without padding the window must fit: floor((n − K) / s) + 1.',
      wrongAnswer: windowOutputLength(side, 3, 2, 1, 'same', 0),
    },
    {
      name: 'forgot the stride',
      hint: 'with stride 2 the window jumps two pixels at a time: divide the room the window has by s.',
      wrongAnswer: windowOutputLength(side, 3, 1, 1, 'valid', 0),
    },
    {
      name: 'forgot the +1',
      hint: 'count the first window position too: floor((n − K) / s) steps, plus the position you start at.',
      wrongAnswer: validSide - 1,
    },
  ],
};

// --- 09.3: depthwise separable ratio (lessons 02–04) ---------------------------------

const separable = separableVsStandard([56, 56, 64], { filters: convFilters, kernelSize: 3 });

const separableRatio: Exercise = {
  id: '09.3',
  prompt:
    `A depthwise separable convolution (3×3 depthwise, then 1×1 to M = ${convFilters}) replaces the standard 3×3 conv of 09.1. ` +
    'What fraction of the standard MACs does it take? Three decimals are enough.',
  answer: separable.macsRatio,
  unit: '× the standard MACs',
  tolerance: 0.001,
  mistakes: [
    {
      name: 'depthwise share only',
      hint: 'that is the depthwise step alone (1/M of the standard conv); the 1×1 pointwise step costs another 1/K².',
      wrongAnswer: separable.depthwise.macs / separable.standard.macs,
    },
    {
      name: 'pointwise share only',
      hint: 'the 1×1 step alone costs 1/K² of the standard conv; add the depthwise step, 1/M.',
      wrongAnswer: separable.pointwise.macs / separable.standard.macs,
    },
    {
      name: 'ratio upside down',
      hint: 'the separable conv is the CHEAPER one: separable / standard is below 1.',
      wrongAnswer: separable.standard.macs / separable.separable.macs,
    },
  ],
};

// --- 09.4: the expanded tensor of MobileNet v2 (lesson 05) ---------------------------

const v2Input: Shape3 = [56, 56, 24];
const v2 = summarize(invertedResidualSpec(v2Input, { expansion: 6, filters: 24 }));
const depthwiseRow = v2.rows.find((r) => r.kind === 'depthwiseConv2d');
if (!depthwiseRow) throw new Error('lesson 09: the inverted residual block has no depthwise conv');
const depthwiseChannels = depthwiseRow.inputShapes[0][2];

const expandedChannels: Exercise = {
  id: '09.4',
  prompt:
    `A MobileNet v2 inverted residual block (expansion t = 6) reads a ${v2Input.join('×')} tensor and outputs 24 channels. ` +
    'On how many channels does its 3×3 depthwise convolution work?',
  answer: depthwiseChannels,
  unit: 'channels',
  mistakes: [
    {
      name: 'forgot the expansion',
      hint: 'the first 1×1 conv EXPANDS the thin input by t before the depthwise step: the depthwise conv works in the wide space.',
      wrongAnswer: v2Input[2],
    },
    {
      name: 'gave the expansion factor',
      hint: 't is a multiplier: the depthwise step sees t times the input channels.',
      wrongAnswer: 6,
    },
  ],
};

// --- 09.5: channels out of a dense block (lesson 06) ---------------------------------

const denseInput: Shape3 = [56, 56, 64];
const dense = summarize(denseBlockSpec(denseInput, { layers: 6, growthRate: 32 }));
const denseOut = dense.rows[dense.rows.length - 1].outputShape[2];

const denseChannels: Exercise = {
  id: '09.5',
  prompt:
    'DenseNet-121\'s first dense block has 6 bottleneck layers with growth rate k = 32 and reads 64 channels (56×56). ' +
    'How many channels does the block output?',
  answer: denseOut,
  unit: 'channels',
  mistakes: [
    {
      name: 'forgot the block input',
      hint: 'the block input stays in the concatenation: the output is k0 + L·k, not L·k.',
      wrongAnswer: denseOut - denseInput[2],
    },
    {
      name: 'used the bottleneck width',
      hint: 'each layer adds k channels; the 4k-channel bottleneck inside a layer is not concatenated.',
      wrongAnswer: denseInput[2] + 6 * 4 * 32,
    },
    {
      name: 'only the last layer',
      hint: 'a dense block keeps every layer\'s output, not only the last one: they are all concatenated.',
      wrongAnswer: 32,
    },
  ],
};

// --- 09.6: through a transition layer (lesson 07) ------------------------------------

const transitionInput: Shape3 = [56, 56, denseOut];
const transition = summarize(transitionSpec(transitionInput, { compression: 0.5 }));
const [th, tw, tc] = transition.rows[transition.rows.length - 1].outputShape;

const transitionElements: Exercise = {
  id: '09.6',
  prompt:
    `The transition layer after that block (compression θ = 0.5, then 2×2 average pooling with stride 2) reads ${transitionInput.join('×')}. ` +
    'How many values (height × width × channels) does its output hold?',
  answer: th * tw * tc,
  unit: 'values',
  mistakes: [
    {
      name: 'forgot the pooling',
      hint: 'the 2×2 average pool with stride 2 halves the height AND the width.',
      wrongAnswer: 4 * th * tw * tc,
    },
    {
      name: 'forgot the compression',
      hint: 'the 1×1 conv keeps only θ·C channels: with θ = 0.5 half of them.',
      wrongAnswer: th * tw * transitionInput[2],
    },
    {
      name: 'pooled the channels',
      hint: 'pooling works on height and width only; the channel count comes from the 1×1 conv.',
      wrongAnswer: th * tw * tc / 2,
    },
  ],
};

// --- 09.7–09.9: which block does what (all lessons) ----------------------------------

const mixesChannels: Exercise = {
  id: '09.7',
  prompt:
    'In a depthwise separable convolution, which step mixes information ACROSS channels? ' +
    '(a) the depthwise 3×3 conv; (b) the pointwise 1×1 conv; (c) the batch normalisation; (d) the ReLU.',
  choices: [
    { key: 'a', text: 'depthwise', whyNot: 'a depthwise filter sees ONE input channel: it mixes neighbouring pixels, never channels.' },
    { key: 'b', text: 'the pointwise 1×1 conv: every output channel is a weighted sum of all input channels' },
    { key: 'c', text: 'batch norm', whyNot: 'BN scales and shifts each channel on its own, with its own γ and β.' },
    { key: 'd', text: 'ReLU', whyNot: 'ReLU acts on every value on its own: elementwise, no mixing.' },
  ],
  answer: 'b',
};

const keepsEarlierFeatures: Exercise = {
  id: '09.8',
  prompt:
    'Which block keeps the feature maps of ALL its earlier layers available, unchanged, to every later layer? ' +
    '(a) a ResNet basic block; (b) a DenseNet dense block; (c) a MobileNet v1 separable block; (d) a transition layer.',
  choices: [
    { key: 'a', text: 'ResNet', whyNot: 'a residual block ADDS its branch to its input: earlier features survive only inside a sum.' },
    { key: 'b', text: 'the dense block: it concatenates every earlier output' },
    { key: 'c', text: 'MobileNet v1', whyNot: 'a v1 block is a plain chain: each layer reads only the one before it.' },
    { key: 'd', text: 'transition', whyNot: 'the transition COMPRESSES the concatenation with a 1×1 conv and pools it: it ends the sharing.' },
  ],
  answer: 'b',
};

const squeezeExcite: Exercise = {
  id: '09.9',
  prompt:
    'What does a squeeze-and-excite module (MobileNet v3) do to its input? ' +
    '(a) halves the height and width; (b) multiplies every channel by a gate in [0, 1] computed from the globally pooled input; ' +
    '(c) adds the input to its output; (d) doubles the channels.',
  choices: [
    { key: 'a', text: 'downsampling', whyNot: 'SE keeps the shape: the pooling is only used to compute the gates, the input map itself is not pooled.' },
    { key: 'b', text: 'a per-channel gate from the pooled input rescales each channel' },
    { key: 'c', text: 'a residual add', whyNot: 'that is the residual connection of the bottleneck around it, not SE itself: SE multiplies.' },
    { key: 'd', text: 'more channels', whyNot: 'SE squeezes to few channels and excites back to C: its output has the same C channels.' },
  ],
  answer: 'b',
};

/** Exercises of this lesson, in the order the notebook asks them. */
export const exercises: readonly Exercise[] = [
  standardMacs,
  outputSize,
  separableRatio,
  expandedChannels,
  denseChannels,
  transitionElements,
  mixesChannels,
  keepsEarlierFeatures,
  squeezeExcite,
];
