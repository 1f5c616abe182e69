/**
 * Lesson 09, review: exam-style questions over lessons 01–08. A review
 * question combines ideas from several lessons rather than repeating one
 * lesson's question (test/exercises/review.test.ts holds every prompt and
 * answer against the other lessons'). Every numeric answer and every
 * mistake's wrong answer comes from the cost model (layerCost, summarize on
 * the zoo's block specs and on DenseNet-121), never typed in.
 *
 * Sizes are the papers' own: the first block of ResNet-18/34's conv3_x stage
 * (He et al. 2016, Table 1: 56×56×64 → 28×28×128, stride 2) with the 1×1
 * projection shortcut of option B (§3.3), as torchvision and convkit's zoo
 * build it (the paper's Table 2 runs used option A), MobileNet v1's first depthwise
 * layer read at 224×224 (Howard et al. 2017, Table 1), MobileNet v2's
 * 56×56×24 stage (Sandler et al. 2018, Table 2), DenseNet-121's first two
 * dense blocks and its first transition (Huang et al. 2017, Table 1: k = 32,
 * 6 and 12 layers, θ = 0.5).
 */
import { layerCost } from '../../cost/layer-cost';
import { windowOutputLength } from '../../core/output-shape';
import { summarize } from '../../cost/summary';
import { denseNet } from '../../models/densenet';
import { invertedResidualSpec, resNetBasicSpec, transitionSpec } from '../../models/one-block';
import type { Conv2dSpec, DepthwiseConv2dSpec, SeparableConv2dSpec, Shape3 } from '../../core/spec';
import { flopsInsteadOfMacs, treatedDepthwiseAsStandard } from '../mistakes';
import { EXACT, significant } from '../precision';
import type { Exercise } from '../registry';

// --- 09.1: a ResNet block that halves the map (lessons 01, 03, 08) ---------------------

const stageInput: Shape3 = [56, 56, 64];
const stageFilters = 128;
const basicBlock = summarize(resNetBasicSpec(stageInput, { filters: stageFilters, strides: 2, shortcut: 'projection' }));
const [outH, outW] = basicBlock.rows[basicBlock.rows.length - 1].outputShape;
const firstConv: Conv2dSpec = { kind: 'conv2d', filters: stageFilters, kernelSize: 3, strides: 2 };
const firstMacs = layerCost(firstConv, [stageInput]).macs;
const secondMacs = layerCost({ kind: 'conv2d', filters: stageFilters, kernelSize: 3 }, [[outH, outW, stageFilters]]).macs;
const shortcutMacs = layerCost({ kind: 'conv2d', filters: stageFilters, kernelSize: 1, strides: 2 }, [stageInput]).macs;
/** How many more positions the input map has than the output map (4 at stride 2). */
const strideArea = (stageInput[0] * stageInput[1]) / (outH * outW);

const resNetBlockMacs: Exercise = {
  id: '09.1',
  prompt:
    `The first block of ResNet-18's conv3_x stage, with projection shortcuts (He et al.'s option B, as in torchvision), ` +
    `reads ${stageInput.join('×')} and outputs ${outH}×${outW}×${stageFilters}: ` +
    `a 3×3 conv with ${stageFilters} filters and stride 2, then a 3×3 conv with ${stageFilters} filters and stride 1 (both 'same'), ` +
    `and a 1×1 projection shortcut with ${stageFilters} filters and stride 2 for the add. ` +
    'How many MACs does the block take (convolutions only; BN, ReLU and the add are not MACs)?',
  answer: basicBlock.macs,
  unit: 'MACs',
  quantity: 'macs',
  precision: EXACT,
  fallback: 'add the multiply-adds of the three convs one by one, each as H_out·W_out·K·K·C·M with its own output size, input channels C and kernel K.',
  mistakes: [
    flopsInsteadOfMacs(basicBlock.macs),
    {
      name: 'used input size',
      hint: 'the strided 3×3 conv and the strided 1×1 shortcut compute only the 28×28 output positions, not all 56×56 input pixels.',
      wrongAnswer: strideArea * (firstMacs + shortcutMacs) + secondMacs,
    },
    {
      name: 'forgot the projection shortcut',
      hint: 'the two 3×3 convs are right; the shortcut is a 1×1 conv too (it must change 64 channels to 128 and halve the map), so its multiply-adds count.',
      wrongAnswer: firstMacs + secondMacs,
    },
    {
      name: 'second conv read the block input',
      hint: `the second 3×3 conv reads the FIRST conv's output, ${stageFilters} channels, not the block's ${stageInput[2]} input channels.`,
      wrongAnswer: firstMacs + (secondMacs / stageFilters) * stageInput[2] + shortcutMacs,
    },
  ],
};

// --- 09.2: a strided depthwise layer without padding (lessons 01, 02) -------------------

const side = 224;
const depthwiseInput: Shape3 = [side, side, 32];
const validDepthwise: DepthwiseConv2dSpec = { kind: 'depthwiseConv2d', kernelSize: 3, strides: 2, padding: 'valid' };
const validMacs = layerCost(validDepthwise, [depthwiseInput]).macs;
/** MACs of the same depthwise layer if its output were `outSide` pixels on a side. */
const depthwiseMacsAt = (outSide: number): number => (validMacs / windowOutputLength(side, 3, 2, 1, 'valid', 0) ** 2) * outSide ** 2;

const stridedDepthwise: Exercise = {
  id: '09.2',
  prompt:
    `A 3×3 depthwise convolution (depth multiplier 1) with stride 2 and 'valid' padding (no zeros added) reads a ` +
    `${depthwiseInput.join('×')} tensor. How many MACs does it take?`,
  answer: validMacs,
  unit: 'MACs',
  quantity: 'macs',
  precision: EXACT,
  fallback: 'first the output size with "valid" padding, floor((n − K) / s) + 1 on each side; then each output pixel costs K·K multiply-adds per channel.',
  mistakes: [
    {
      name: 'used the "same" rule',
      hint: 'ceil(n / s) is the output size with "same" padding. Without padding the window must fit: floor((n − K) / s) + 1.',
      wrongAnswer: depthwiseMacsAt(windowOutputLength(side, 3, 2, 1, 'same', 0)),
    },
    {
      name: 'forgot the stride',
      hint: 'with stride 2 the window jumps two pixels at a time, so it lands about half as often along each axis.',
      wrongAnswer: depthwiseMacsAt(windowOutputLength(side, 3, 1, 1, 'valid', 0)),
    },
    {
      name: 'forgot the +1',
      hint: 'count the first window position too: floor((n − K) / s) steps, plus the position you start at.',
      wrongAnswer: depthwiseMacsAt(windowOutputLength(side, 3, 2, 1, 'valid', 0) - 1),
    },
    treatedDepthwiseAsStandard(validMacs, depthwiseInput[2]),
  ],
};

// --- 09.3: the ResNet block made separable (lessons 01, 04, 08) --------------------------

const separableFirst: SeparableConv2dSpec = { kind: 'separableConv2d', filters: stageFilters, kernelSize: 3, strides: 2 };
const separableConvMacs =
  layerCost(separableFirst, [stageInput]).macs +
  layerCost({ kind: 'separableConv2d', filters: stageFilters, kernelSize: 3 }, [[outH, outW, stageFilters]]).macs;
const separableBlockMacs = separableConvMacs + shortcutMacs;
const separableBlockRatio = separableBlockMacs / basicBlock.macs;

const separableBlock: Exercise = {
  id: '09.3',
  prompt:
    "MobileNet's idea applied to the block of 09.1: each of its two 3×3 convs becomes a depthwise separable conv " +
    '(3×3 depthwise with the same stride, then 1×1 pointwise to the same 128 filters); the 1×1 projection shortcut stays as it is. ' +
    "What fraction of the original block's MACs does the new block take?",
  answer: separableBlockRatio,
  unit: '× the original MACs',
  quantity: 'ratio',
  precision: significant(3),
  fallback:
    "work out the new block's multiply-adds (two depthwise steps, two pointwise steps and the unchanged shortcut) and divide by the old block's total: the fraction is below 1.",
  mistakes: [
    {
      name: 'shrank the shortcut too',
      hint: 'that is 1/M + 1/K², the fraction for the two convs alone. The shortcut is already a 1×1 conv and keeps its full cost, so the block saves less.',
      wrongAnswer: separableConvMacs / (firstMacs + secondMacs),
    },
    {
      name: 'dropped the shortcut from the new block',
      hint: 'the new block still has its 1×1 projection shortcut: add its multiply-adds to the separable convs before dividing.',
      wrongAnswer: separableConvMacs / basicBlock.macs,
    },
    {
      name: 'fraction upside down',
      hint: 'the separable block is the CHEAPER one: new / original is below 1.',
      wrongAnswer: basicBlock.macs / separableBlockMacs,
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
  quantity: 'channels',
  precision: EXACT,
  fallback: 'follow the channels through the block: the first 1×1 conv changes the channel count before the depthwise step, which keeps it.',
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

// --- 09.5: through a transition into the next dense block (lessons 06, 07) ---------------

const d121 = summarize(denseNet(121));
const rowOf = (name: string) => {
  const row = d121.rows.find((r) => r.name === name);
  if (!row) throw new Error(`lesson 09: DenseNet-121 has no node ${name}`);
  return row;
};
const block1Layers = 6;
const block2Layers = 12;
const growth = rowOf('conv2_block1_2_conv').outputShape[2];
const block1Input = rowOf('conv2_block1_0_bn').inputShapes[0][2];
const block1Output = rowOf(`conv2_block${block1Layers}_concat`).outputShape[2];
const block2Input = rowOf('conv3_block1_0_bn').inputShapes[0][2];
const lastLayerInput = rowOf(`conv3_block${block2Layers}_0_bn`).inputShapes[0][2];

const denseThroughTransition: Exercise = {
  id: '09.5',
  prompt:
    `In DenseNet-121 (k = ${growth}, θ = 0.5), the first dense block reads ${block1Input} channels and has ${block1Layers} layers; ` +
    `the transition layer after it compresses the channels, and dense block 2 has ${block2Layers} layers. ` +
    `How many channels does the concatenation that the LAST layer of dense block 2 reads have?`,
  answer: lastLayerInput,
  unit: 'channels',
  quantity: 'channels',
  precision: EXACT,
  fallback:
    'follow the channels in three steps: out of block 1 (k0 + L·k), through the transition (θ times that), then into the last layer of block 2 (its input plus k for each earlier layer).',
  mistakes: [
    {
      name: 'forgot the compression',
      hint: "the transition's 1×1 conv keeps only θ = 0.5 of the channels that leave block 1; block 2 starts from that half.",
      wrongAnswer: block1Output + (block2Layers - 1) * growth,
    },
    {
      name: 'one layer short',
      hint: `the last layer, layer ${block2Layers}, reads the block input and ALL ${block2Layers - 1} layers before it: k0 + (l − 1)·k, with l = ${block2Layers}.`,
      wrongAnswer: block2Input + (block2Layers - 2) * growth,
    },
    {
      name: "counted the layer's own output",
      hint: 'that is what LEAVES block 2. The last layer reads what exists before it runs, not its own k new channels.',
      wrongAnswer: block2Input + block2Layers * growth,
    },
    {
      name: 'forgot the block input',
      hint: "block 2's concatenation starts with the channels the transition passes on; the layers add k each on top of them.",
      wrongAnswer: (block2Layers - 1) * growth,
    },
  ],
};

// --- 09.6: through a transition layer (lessons 01, 07) ------------------------------------

const transitionInput: Shape3 = [56, 56, block1Output];
const transition = summarize(transitionSpec(transitionInput, { compression: 0.5 }));
const [th, tw, tc] = transition.rows[transition.rows.length - 1].outputShape;

const transitionElements: Exercise = {
  id: '09.6',
  prompt:
    `DenseNet-121's first transition layer (compression θ = 0.5: a 1×1 conv, then 2×2 average pooling with stride 2) reads the ` +
    `${transitionInput.join('×')} output of dense block 1. How many values (height × width × channels) does its output hold?`,
  answer: th * tw * tc,
  unit: 'values',
  quantity: 'values',
  precision: EXACT,
  fallback:
    'find the output shape step by step (the 1×1 conv sets the channels, the pooling sets height and width), then multiply the three sizes to count its values.',
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
      wrongAnswer: (th * tw * tc) / 2,
    },
  ],
};

// --- 09.7–09.9: which block does what (all lessons) ----------------------------------

const mixesChannels: Exercise = {
  id: '09.7',
  prompt: 'In a depthwise separable convolution, which step mixes information ACROSS channels?',
  choices: [
    {
      key: 'a',
      text: 'the depthwise 3×3 conv, run on every channel',
      whyNot: 'a depthwise filter sees ONE input channel: it mixes neighbouring pixels, never channels.',
    },
    { key: 'b', text: 'the batch normalisation between the convs', whyNot: 'BN scales and shifts each channel on its own, with its own γ and β.' },
    { key: 'c', text: 'the pointwise 1×1 conv after it' },
    { key: 'd', text: 'the ReLU after each of the two convs', whyNot: 'ReLU acts on every value on its own: elementwise, no mixing.' },
  ],
  answer: 'c',
};

const keepsEarlierFeatures: Exercise = {
  id: '09.8',
  prompt: 'Which block keeps the feature maps of ALL its earlier layers available, unchanged, to every later layer?',
  choices: [
    { key: 'a', text: 'a DenseNet dense block' },
    { key: 'b', text: 'a ResNet basic block', whyNot: 'a residual block ADDS its branch to its input: earlier features survive only inside a sum.' },
    { key: 'c', text: 'a MobileNet v1 separable block', whyNot: 'a v1 block is a plain chain: each layer reads only the one before it.' },
    {
      key: 'd',
      text: 'a DenseNet transition layer',
      whyNot: 'the transition COMPRESSES the concatenation with a 1×1 conv and pools it: it ends the sharing.',
    },
  ],
  answer: 'a',
};

const squeezeExcite: Exercise = {
  id: '09.9',
  prompt: 'What does a squeeze-and-excite module (MobileNet v3) do to its input?',
  choices: [
    {
      key: 'a',
      text: 'halves its height and width by pooling',
      whyNot: 'SE keeps the shape: the pooling is only used to compute the gates, the input map itself is not pooled.',
    },
    { key: 'b', text: 'scales each channel by a gate from the pooled input' },
    {
      key: 'c',
      text: 'adds the block input to its output, as a residual does',
      whyNot: 'that is the residual connection of the bottleneck around it, not SE itself: SE multiplies.',
    },
    {
      key: 'd',
      text: 'doubles the number of channels of the map',
      whyNot: 'SE squeezes to few channels and excites back to C: its output has the same C channels.',
    },
  ],
  answer: 'b',
};

/** Exercises of this lesson, in the order the notebook asks them. */
export const exercises: readonly Exercise[] = [
  resNetBlockMacs,
  stridedDepthwise,
  separableBlock,
  expandedChannels,
  denseThroughTransition,
  transitionElements,
  mixesChannels,
  keepsEarlierFeatures,
  squeezeExcite,
];
