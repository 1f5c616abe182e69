/**
 * Lesson 03, pointwise (1×1) convolution: MACs, parameters, the K² saving,
 * and the view as one matrix product. Right answers and mistakes' wrong
 * answers come from the cost model (layerCost), never typed in.
 *
 * Sizes follow MobileNet v1 (Howard et al. 2017, arXiv:1704.04861,
 * Table 1): its pointwise layers map 14×14×512 → 512 (03.2, 03.4);
 * 03.1's 56×56×128 → 256 sits between two of its rows (56×56×128 → 128 and
 * 28×28×128 → 256).
 */
import { layerCost } from '../../cost/layer-cost';
import type { Conv2dSpec, DepthwiseConv2dSpec, PointwiseConv2dSpec, Shape3 } from '../../core/spec';
import type { ChoiceExercise } from '../choice';
import { flopsInsteadOfMacs, forgotBias } from '../mistakes';
import { EXACT } from '../precision';
import type { Exercise } from '../registry';

// --- 03.1: MACs of a pointwise layer ---------------------------------------------

const macsInput: Shape3 = [56, 56, 128];
const macsLayer: PointwiseConv2dSpec = { kind: 'pointwiseConv2d', filters: 256 };
const macsCost = layerCost(macsLayer, [macsInput]);

const macsExercise: Exercise = {
  id: '03.1',
  prompt: `A pointwise (1×1) convolution maps a ${macsInput.join('×')} input to ${macsLayer.filters} channels. How many MACs does it perform?`,
  answer: macsCost.macs,
  unit: 'MACs',
  quantity: 'macs',
  precision: EXACT,
  fallback: "build it from one output value: a 1×1 filter reads one pixel's C channels, so C multiply-adds; there are M such values per pixel and H·W pixels.",
  mistakes: [
    flopsInsteadOfMacs(macsCost.macs),
    {
      name: 'counted a 3×3 window',
      hint: 'a pointwise kernel is 1×1: each output value reads ONE pixel (all its channels), so there is no K·K = 9 factor.',
      wrongAnswer: macsCost.macs * 3 * 3,
    },
    {
      name: 'one pixel only',
      hint: 'that is the C·M work at ONE pixel; the same matrix is applied at every one of the H·W pixels.',
      wrongAnswer: macsInput[2] * macsLayer.filters,
    },
  ],
};

// --- 03.2: parameters with a bias --------------------------------------------------

const paramsInput: Shape3 = [14, 14, 512];
const paramsLayer: PointwiseConv2dSpec = { kind: 'pointwiseConv2d', filters: 512, useBias: true };
const paramsCost = layerCost(paramsLayer, [paramsInput]);

const paramsExercise: Exercise = {
  id: '03.2',
  prompt:
    `A pointwise convolution WITH bias maps a ${paramsInput.join('×')} input to ${paramsLayer.filters} channels. ` +
    'How many trainable parameters does it have?',
  answer: paramsCost.params.trainable,
  unit: 'parameters',
  quantity: 'parameters',
  precision: EXACT,
  fallback: 'the weights form one C×M matrix (C input channels, M filters); add one bias per filter.',
  mistakes: [
    forgotBias(paramsCost.params.trainable, paramsLayer.filters),
    {
      name: 'MACs instead of parameters',
      hint: 'that counts multiply-adds over the whole map. The weights are one C×M matrix (plus M biases), shared by every pixel.',
      wrongAnswer: paramsCost.macs,
    },
  ],
};

// --- 03.3: the K² saving against a standard convolution --------------------------

const savingInput: Shape3 = [28, 28, 256];
const savingPointwise: PointwiseConv2dSpec = { kind: 'pointwiseConv2d', filters: 256 };
const savingStandard: Conv2dSpec = { kind: 'conv2d', kernelSize: 3, filters: 256 };
const savingRatio = layerCost(savingStandard, [savingInput]).macs / layerCost(savingPointwise, [savingInput]).macs;

const savingExercise: Exercise = {
  id: '03.3',
  prompt:
    `On a ${savingInput.join('×')} input, how many times more MACs does a standard 3×3 convolution to 256 channels ` +
    "(stride 1, 'same') perform than a pointwise convolution to 256 channels?",
  answer: savingRatio,
  unit: 'times',
  quantity: 'ratio',
  // A ratio of two integer MAC counts that is itself a whole number.
  precision: EXACT,
  fallback:
    'write both MAC counts as products (standard: H·W·K·K·C·M; pointwise: H·W·C·M) and divide: the common factors cancel and the ratio is what is left.',
  mistakes: [
    {
      name: 'M instead of K²',
      hint: 'both layers sum over all C input channels for each of the M outputs; what differs is the window: K·K taps against one.',
      wrongAnswer: 256,
    },
    {
      name: 'K instead of K²',
      hint: 'the window is K×K, two dimensions: the standard layer reads K·K pixels per output value.',
      wrongAnswer: 3,
    },
  ],
};

// --- 03.4: the matrix a pointwise layer multiplies -------------------------------

const matrixInput: Shape3 = [14, 14, 512];
/** Rows of the [H·W, C] matrix: one per pixel. */
const matrixRows = layerCost({ kind: 'pointwiseConv2d', filters: 1 }, [matrixInput]).outputElements;

const matrixExercise: Exercise = {
  id: '03.4',
  prompt:
    `Written as one matrix product X·W, a pointwise convolution on a ${matrixInput.join('×')} input uses an input matrix X ` +
    'with one column per channel. How many ROWS does X have?',
  answer: matrixRows,
  unit: 'rows',
  quantity: 'rows',
  precision: EXACT,
  fallback: 'X holds the whole map: its columns are the C channels, so its rows are everything else — one row for each pixel of the H×W map.',
  mistakes: [
    {
      name: 'channels as rows',
      hint: 'the channels are the columns of X (they are what W mixes). Each row is one pixel.',
      wrongAnswer: matrixInput[2],
    },
    {
      name: 'one spatial axis only',
      hint: 'every pixel becomes a row: count pixels over both height AND width.',
      wrongAnswer: matrixInput[0],
    },
    {
      name: 'every element a row',
      hint: 'that counts every value of the map. A row holds all C channel values of one pixel.',
      wrongAnswer: matrixInput[0] * matrixInput[1] * matrixInput[2],
    },
  ],
};

// --- 03.5: what a 1×1 convolution can and cannot do ------------------------------

const roleExercise: ChoiceExercise = {
  id: '03.5',
  prompt: 'Which statement about a pointwise (1×1) convolution is true?',
  answer: 'a',
  choices: [
    { key: 'a', text: 'it mixes channels at each pixel: a dense layer shared by all pixels' },
    {
      key: 'b',
      text: 'it blurs or sharpens the image, as a 3×3 filter does',
      whyNot: 'a 1×1 kernel reads a single pixel, so it cannot compare a pixel with its neighbours: no spatial filtering.',
    },
    {
      key: 'c',
      text: 'it filters every channel on its own, as a depthwise convolution does',
      whyNot: 'that is the depthwise step. A pointwise filter sums over ALL input channels.',
    },
  ],
};

// --- 03.6: design — how wide may the pointwise layer be? ---------------------------
// In a depthwise separable block (MobileNet, Howard et al. 2017, §3.1) the 1×1
// layer after the 3×3 depthwise one usually dominates the cost (their Table 2:
// 95% of the MACs are in 1×1 convolutions).

const budgetInput: Shape3 = [56, 56, 128];
const budgetDepthwise: DepthwiseConv2dSpec = { kind: 'depthwiseConv2d', kernelSize: 3 };
const budgetDepthwiseMacs = layerCost(budgetDepthwise, [budgetInput]).macs;
const pointwiseMacs = (m: number): number => layerCost({ kind: 'pointwiseConv2d', filters: m }, [budgetInput]).macs;
/** The largest M with pointwise MACs ≤ 8 × depthwise MACs (costs grow with M, so count up until it no longer fits). */
const largestFilters = (budget: number): number => {
  let m = 1;
  while (pointwiseMacs(m + 1) <= budget) m++;
  return m;
};
const budgetAnswer = largestFilters(8 * budgetDepthwiseMacs);

const budgetExercise: Exercise = {
  id: '03.6',
  prompt:
    `Design task. A 3×3 depthwise convolution runs on ${budgetInput.join('×')} (stride 1, 'same'), followed by a 1×1 pointwise convolution to M channels. ` +
    'What is the largest M for which the pointwise layer costs at most 8 times as many MACs as the depthwise one?',
  answer: budgetAnswer,
  unit: 'channels',
  quantity: 'channels',
  precision: EXACT,
  fallback:
    'write both costs for one pixel and channel: depthwise K·K·C, pointwise C·M. The budget C·M ≤ 8·K·K·C leaves M alone on one side; the output channels are that bound.',
  mistakes: [
    {
      name: 'forgot K² in the depthwise cost',
      hint: 'a depthwise filter still reads a K×K window, so it costs K·K multiply-adds per pixel and channel, not one.',
      wrongAnswer: largestFilters(8 * (budgetDepthwiseMacs / 9)),
    },
    {
      name: 'depthwise counted as standard',
      hint: 'the depthwise layer has no sum over input channels: its cost is H·W·K·K·C, not H·W·K·K·C·C.',
      wrongAnswer: largestFilters(8 * budgetDepthwiseMacs * budgetInput[2]),
    },
  ],
};

/** Exercises of this lesson, in the order the notebook asks them. */
export const exercises: readonly Exercise[] = [macsExercise, paramsExercise, savingExercise, matrixExercise, roleExercise, budgetExercise];
