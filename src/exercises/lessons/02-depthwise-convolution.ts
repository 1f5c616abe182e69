/**
 * Lesson 02, depthwise convolution: MACs, parameters with a depth
 * multiplier, output channels, the 1/M saving, and why it cannot mix
 * channels. Right answers and mistakes' wrong answers come from the cost
 * model (layerCost), never typed in.
 *
 * Sizes follow MobileNet v1 (Howard et al. 2017, arXiv:1704.04861, Table 1):
 * its first depthwise layer is 3×3 on 112×112×32.
 */
import { layerCost } from '../../cost/layer-cost';
import type { Conv2dSpec, DepthwiseConv2dSpec, Shape3 } from '../../core/spec';
import type { ChoiceExercise } from '../choice';
import { flopsInsteadOfMacs, forgotBias, forgotKernelArea, treatedDepthwiseAsStandard } from '../mistakes';
import { EXACT } from '../precision';
import type { Exercise } from '../registry';

// --- 02.1: MACs of a depthwise layer ---------------------------------------------

const macsInput: Shape3 = [112, 112, 32];
const macsLayer: DepthwiseConv2dSpec = { kind: 'depthwiseConv2d', kernelSize: 3 };
const macsCost = layerCost(macsLayer, [macsInput]);

const macsExercise: Exercise = {
  id: '02.1',
  prompt:
    `A 3×3 depthwise convolution (depth multiplier 1, stride 1, 'same') runs on a ${macsInput.join('×')} input, ` +
    'as in the first block of MobileNet v1. How many MACs does it perform?',
  answer: macsCost.macs,
  unit: 'MACs',
  quantity: 'macs',
  precision: EXACT,
  fallback:
    'build it from one output value: a depthwise filter reads a K×K window of ONE channel, so K·K multiply-adds; there is one such value per channel and per output pixel.',
  mistakes: [treatedDepthwiseAsStandard(macsCost.macs, macsInput[2]), flopsInsteadOfMacs(macsCost.macs), forgotKernelArea(macsCost.macs, 3 * 3)],
};

// --- 02.2: parameters with a depth multiplier and a bias -------------------------

const paramsInput: Shape3 = [28, 28, 64];
const paramsLayer: DepthwiseConv2dSpec = { kind: 'depthwiseConv2d', kernelSize: 3, depthMultiplier: 2, useBias: true };
const paramsCost = layerCost(paramsLayer, [paramsInput]);
const outputChannels = paramsCost.outputShape[2];
const withoutMultiplier = layerCost({ ...paramsLayer, depthMultiplier: 1 }, [paramsInput]).params.trainable;

const paramsExercise: Exercise = {
  id: '02.2',
  prompt:
    `A 3×3 depthwise convolution with depth multiplier 2 and a bias runs on a ${paramsInput.join('×')} input. ` + 'How many trainable parameters does it have?',
  answer: paramsCost.params.trainable,
  unit: 'parameters',
  quantity: 'parameters',
  precision: EXACT,
  fallback: 'count the filters first: each input channel gets d filters of K·K weights. Then add one bias per filter, i.e. per output channel.',
  mistakes: [
    forgotBias(paramsCost.params.trainable, outputChannels),
    {
      name: 'forgot the depth multiplier',
      hint: 'with depth multiplier d every input channel gets d filters (and d biases), so there are C·d of each.',
      wrongAnswer: withoutMultiplier,
    },
    {
      name: 'one bias per input channel',
      hint: 'there is one bias per OUTPUT channel, and a depthwise layer with multiplier d has C·d output channels.',
      wrongAnswer: paramsCost.params.trainable - outputChannels + paramsInput[2],
    },
  ],
};

// --- 02.3: output channels -------------------------------------------------------

const channelsInput: Shape3 = [56, 56, 32];
const channelsLayer: DepthwiseConv2dSpec = { kind: 'depthwiseConv2d', kernelSize: 3, depthMultiplier: 3 };
const channelsOut = layerCost(channelsLayer, [channelsInput]).outputShape[2];

const channelsExercise: Exercise = {
  id: '02.3',
  prompt: `A depthwise convolution with depth multiplier 3 runs on a ${channelsInput.join('×')} input. How many channels does its output have?`,
  answer: channelsOut,
  unit: 'channels',
  quantity: 'channels',
  precision: EXACT,
  fallback: 'a depthwise layer makes one output channel per filter, and each of the C input channels gets d filters of its own.',
  mistakes: [
    {
      name: 'forgot the depth multiplier',
      hint: 'that holds for depth multiplier 1. Here each input channel is filtered 3 times, each time with its own filter.',
      wrongAnswer: channelsInput[2],
    },
    {
      name: 'the multiplier alone',
      hint: 'the depth multiplier says how many filters EACH input channel gets; multiply it by the number of input channels.',
      wrongAnswer: channelsLayer.depthMultiplier ?? 1,
    },
  ],
};

// --- 02.4: the saving against a standard convolution ----------------------------

const savingInput: Shape3 = [14, 14, 256];
const savingDepthwise: DepthwiseConv2dSpec = { kind: 'depthwiseConv2d', kernelSize: 3 };
/** A standard conv with the same K and the same number of output channels (M = C = 256). */
const savingStandard: Conv2dSpec = { kind: 'conv2d', kernelSize: 3, filters: savingInput[2] };
const savingRatio = layerCost(savingStandard, [savingInput]).macs / layerCost(savingDepthwise, [savingInput]).macs;

const savingExercise: Exercise = {
  id: '02.4',
  prompt:
    `On a ${savingInput.join('×')} input, a standard 3×3 convolution to ${savingInput[2]} channels and a 3×3 depthwise convolution ` +
    'both output 14×14×256. How many times more MACs does the standard one perform?',
  answer: savingRatio,
  unit: 'times',
  quantity: 'ratio',
  // A ratio of two integer MAC counts that is itself a whole number.
  precision: EXACT,
  fallback:
    'write both MAC counts as products (standard: H·W·K·K·C·M; depthwise: H·W·K·K·C) and divide: the common factors cancel and the ratio is what is left.',
  mistakes: [
    {
      name: 'K² instead of M',
      hint: 'both layers use the same 3×3 window, so K·K cancels. What the depthwise layer drops is the sum over input channels for each of the M outputs.',
      wrongAnswer: 3 * 3,
    },
    {
      name: 'inverse ratio',
      hint: 'that is depthwise relative to standard; the question asks how many times MORE the standard one costs.',
      wrongAnswer: 1 / savingRatio,
    },
  ],
};

// --- 02.5: channel mixing, with a depth multiplier ---------------------------------

const mixingExercise: ChoiceExercise = {
  id: '02.5',
  prompt:
    'A 3×3 depthwise convolution with depth multiplier 2 runs on the RGB photo, so it has 6 output channels ' +
    '(TF/Keras order: output c·d + q is filter q of input channel c). You set the GREEN input channel (channel 1) to zero. ' +
    'Which output channels change?',
  answer: 'd',
  choices: [
    {
      key: 'a',
      text: 'only output channel 1, the index green has',
      whyNot: 'with d = 2 each input channel has two filters, and the outputs are grouped by input channel: input c feeds outputs c·d and c·d + 1.',
    },
    {
      key: 'b',
      text: 'all six output channels',
      whyNot: 'that would happen with a standard convolution, whose filters sum over every input channel. A depthwise filter reads one channel only.',
    },
    {
      key: 'c',
      text: 'none: a 3×3 window mixes pixels, not channels',
      whyNot: 'green is the input of its own two filters, so their outputs do change (a blank input gives a blank output).',
    },
    { key: 'd', text: 'output channels 2 and 3' },
  ],
};

// --- 02.6: design — a grouped convolution within a budget --------------------------
// Grouped convolution (ResNeXt, Xie et al. 2017; ShuffleNet, Zhang et al. 2018):
// with g groups each filter reads C/g channels, so the cost is H·W·K·K·(C/g)·M.

const groupInput: Shape3 = [14, 14, 256];
const groupFilters = 256;
const groupedMacs = (g: number): number => layerCost({ kind: 'conv2d', kernelSize: 3, filters: groupFilters, groups: g }, [groupInput]).macs;
const groupDivisors = Array.from({ length: groupInput[2] }, (_, i) => i + 1).filter((g) => groupInput[2] % g === 0 && groupFilters % g === 0);
/** The fewest groups (g divides C and M) whose cost is at most 1/8 of the standard convolution's. */
const groupCount = groupDivisors.find((g) => 8 * groupedMacs(g) <= groupedMacs(1)) ?? groupInput[2];
/** The same search under the wrong belief that groups divide the cost by g². */
const squaredCount = groupDivisors.find((g) => 8 * groupedMacs(1) <= g * g * groupedMacs(1)) ?? groupInput[2];

const groupExercise: Exercise = {
  id: '02.6',
  prompt:
    `Design task. A 3×3 convolution ${groupInput[2]} → ${groupFilters} channels on a ${groupInput.slice(0, 2).join('×')} map is too expensive; ` +
    'you split its channels into g groups (g divides 256), as ResNeXt does. Take the fewest groups that bring its MACs down to at most 1/8 of the standard ' +
    'convolution. How many input channels does each filter then read (C/g)?',
  answer: groupInput[2] / groupCount,
  unit: 'channels',
  quantity: 'channels',
  precision: EXACT,
  fallback:
    'write the cost with g groups, H·W·K·K·(C/g)·M, divide by the standard H·W·K·K·C·M to get the fraction 1/g, pick g, then count the input channels per group, C/g.',
  mistakes: [
    {
      name: 'gave g instead of C/g',
      hint: 'that is the number of groups; the question asks how many input channels one group (one filter) reads.',
      wrongAnswer: groupCount,
    },
    {
      name: 'cost divided by g²',
      hint: 'splitting into g groups shrinks each filter to C/g inputs, but there are still M filters: the cost falls by g, not g².',
      wrongAnswer: groupInput[2] / squaredCount,
    },
  ],
};

/** Exercises of this lesson, in the order the notebook asks them. */
export const exercises: readonly Exercise[] = [macsExercise, paramsExercise, channelsExercise, savingExercise, mixingExercise, groupExercise];
