/**
 * Lesson 01, standard convolution: output size, MACs, parameters, and how
 * the cost grows with resolution. Every right answer and every mistake's
 * wrong answer is computed here from the cost model (layerCost,
 * windowOutputLength), never typed in, so the exercises cannot drift from
 * the numbers the lesson prints.
 *
 * Sizes are MobileNet-like (Howard et al. 2017, arXiv:1704.04861, Table 1:
 * e.g. a 3×3 conv on 112×112×32 at stride 2 in the stem region).
 */
import { layerCost } from '../../cost/layer-cost';
import { windowOutputLength } from '../../cost/output-shape';
import type { Conv2dSpec, Shape3 } from '../../models/spec';
import { flopsInsteadOfMacs, forgotBias, forgotKernelArea, usedInputSize } from '../mistakes';
import type { Exercise } from '../registry';

// --- 01.1: output size with stride and valid padding --------------------------

const sizeInput = 32;
const sizeKernel = 5;
const sizeStride = 2;
/** floor((32 − 5) / 2) + 1 = 14. */
const outputSize = windowOutputLength(sizeInput, sizeKernel, sizeStride, 1, 'valid', 0);

const outputSizeExercise: Exercise = {
  id: '01.1',
  prompt:
    `A ${sizeKernel}×${sizeKernel} convolution with stride ${sizeStride} and 'valid' padding (no zeros added) runs on a ` +
    `${sizeInput}×${sizeInput} input. How many pixels tall is its output?`,
  answer: outputSize,
  unit: 'pixels',
  mistakes: [
    {
      name: 'same padding',
      hint: "that is the size with 'same' padding (ceil(n / s)). With 'valid' padding the window must fit inside the input: floor((n − K) / s) + 1.",
      wrongAnswer: windowOutputLength(sizeInput, sizeKernel, sizeStride, 1, 'same', 0),
    },
    {
      name: 'forgot the +1',
      hint: 'count the first window position too: floor((n − K) / s) gives the number of steps, and there is one more position than steps.',
      wrongAnswer: Math.floor((sizeInput - sizeKernel) / sizeStride),
    },
    {
      name: 'ignored the stride',
      hint: `that is the size at stride 1. A stride of ${sizeStride} moves the window ${sizeStride} pixels at a time, so it lands about ${sizeStride}× fewer times along each axis.`,
      wrongAnswer: windowOutputLength(sizeInput, sizeKernel, 1, 1, 'valid', 0),
    },
  ],
};

// --- 01.2: MACs of a stride-1 standard convolution ------------------------------

const macsInput: Shape3 = [56, 56, 64];
const macsLayer: Conv2dSpec = { kind: 'conv2d', filters: 128, kernelSize: 3 };
const macsCost = layerCost(macsLayer, [macsInput]);
const macsPerOutputPixel = macsCost.macs / (macsCost.outputShape[0] * macsCost.outputShape[1]);

const macsExercise: Exercise = {
  id: '01.2',
  prompt:
    `A standard 3×3 convolution, stride 1, 'same' padding, maps a ${macsInput.join('×')} input to ${macsLayer.filters} output channels. ` +
    'How many multiply-accumulates (MACs) does it perform?',
  answer: macsCost.macs,
  unit: 'MACs',
  mistakes: [
    flopsInsteadOfMacs(macsCost.macs),
    forgotKernelArea(macsCost.macs, 3 * 3),
    {
      name: 'one output pixel only',
      hint: 'that is the work for ONE output position (all filters). Every one of the H·W output positions does the same work.',
      wrongAnswer: macsPerOutputPixel,
    },
    {
      name: 'forgot the input channels',
      hint: 'each filter is K×K×C: it reads all C input channels at every tap, so there is a factor C.',
      wrongAnswer: macsCost.macs / macsInput[2],
    },
  ],
};

// --- 01.3: MACs at stride 2 (the output is smaller than the input) --------------

const strideInput: Shape3 = [112, 112, 32];
const strideLayer: Conv2dSpec = { kind: 'conv2d', filters: 64, kernelSize: 3, strides: 2 };
const strideCost = layerCost(strideLayer, [strideInput]);
const strideOutputPixels = strideCost.outputShape[0] * strideCost.outputShape[1];

const strideExercise: Exercise = {
  id: '01.3',
  prompt:
    `A standard 3×3 convolution with stride 2 and 'same' padding maps a ${strideInput.join('×')} input to ${strideLayer.filters} channels. ` +
    'How many MACs does it perform?',
  answer: strideCost.macs,
  unit: 'MACs',
  mistakes: [
    usedInputSize(strideCost.macs, strideOutputPixels, strideInput[0] * strideInput[1]),
    flopsInsteadOfMacs(strideCost.macs),
    forgotKernelArea(strideCost.macs, 3 * 3),
  ],
};

// --- 01.4: parameters with a bias ------------------------------------------------

const paramsInput: Shape3 = [32, 32, 3];
const paramsLayer: Conv2dSpec = { kind: 'conv2d', filters: 16, kernelSize: 5, useBias: true };
const paramsCost = layerCost(paramsLayer, [paramsInput]);
const paramsWithoutBias = layerCost({ ...paramsLayer, useBias: false }, [paramsInput]).params.trainable;

const paramsExercise: Exercise = {
  id: '01.4',
  prompt:
    `A 5×5 convolution WITH bias maps a ${paramsInput.join('×')} RGB image to ${paramsLayer.filters} channels ('same' padding). ` +
    'How many trainable parameters does it have?',
  answer: paramsCost.params.trainable,
  unit: 'parameters',
  mistakes: [
    forgotBias(paramsCost.params.trainable, paramsLayer.filters),
    {
      name: 'MACs instead of parameters',
      hint: 'that counts multiply-adds. Parameters are the stored weights: they do not depend on the image size H×W, because the same filters slide everywhere.',
      wrongAnswer: paramsCost.macs,
    },
    {
      name: 'forgot the input channels',
      hint: 'each filter covers all C input channels: it holds K·K·C weights, not K·K.',
      wrongAnswer: (paramsWithoutBias / paramsInput[2]) + paramsLayer.filters,
    },
  ],
};

// --- 01.5: how the cost grows with resolution ------------------------------------

const smallSide = 112;
const largeSide = 224;
const resolutionLayer: Conv2dSpec = { kind: 'conv2d', filters: 64, kernelSize: 3 };
const costAt = (side: number): number => layerCost(resolutionLayer, [[side, side, 32]]).macs;
const resolutionRatio = costAt(largeSide) / costAt(smallSide);

const resolutionExercise: Exercise = {
  id: '01.5',
  prompt:
    `The same 3×3 convolution (32 → 64 channels, stride 1, 'same') runs on a ${smallSide}×${smallSide} input and then on a ` +
    `${largeSide}×${largeSide} input. How many times more MACs does the larger input cost?`,
  answer: resolutionRatio,
  unit: 'times',
  tolerance: 1e-9,
  mistakes: [
    {
      name: 'linear in the side',
      hint: 'the side doubled, but the work is done once per output PIXEL, and the number of pixels is H·W: both grow.',
      wrongAnswer: largeSide / smallSide,
    },
    {
      name: 'inverse ratio',
      hint: 'that is the small input relative to the large one; the question asks how many times MORE the larger input costs.',
      wrongAnswer: costAt(smallSide) / costAt(largeSide),
    },
  ],
};

/** Exercises of this lesson, in the order the notebook asks them. */
export const exercises: readonly Exercise[] = [
  outputSizeExercise,
  macsExercise,
  strideExercise,
  paramsExercise,
  resolutionExercise,
];
