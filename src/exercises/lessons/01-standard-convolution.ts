/**
 * Lesson 01, standard convolution: output size, MACs, parameters, and how
 * the cost grows with resolution. Every right answer and every mistake's
 * wrong answer is computed here from the cost model (layerCost,
 * windowOutputLength), never typed in, so the exercises cannot drift from
 * the numbers the lesson prints.
 *
 * Sizes are MobileNet-like: maps of the sizes in Howard et al. 2017
 * (arXiv:1704.04861), Table 1 (112×112×32, 56×56×64), with layer settings
 * chosen for the exercise rather than copied from a row of the table. 01.6 asks
 * what a paper's "FLOPs" mean, with ResNet-50's figure from He et al. 2016,
 * Table 1, read from data/reference/resnet.json. 01.7 is a design task on
 * the receptive field of a stack of 3×3 layers (src/cost/receptive-field.ts).
 */
import { layerCost } from '../../cost/layer-cost';
import { receptiveFieldSteps, type WindowLayer } from '../../cost/receptive-field';
import { windowOutputLength } from '../../core/output-shape';
import { readReferenceEntries } from '../../data/reference-tables';
import type { Conv2dSpec, Shape3 } from '../../core/spec';
import type { ChoiceExercise } from '../choice';
import { flopsInsteadOfMacs, forgotBias, forgotKernelArea, usedInputSize } from '../mistakes';
import { EXACT } from '../precision';
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
  quantity: 'pixels',
  precision: EXACT,
  fallback:
    'count the window positions along one axis: the first position starts at pixel 0, each step moves s pixels, and the last position must still fit inside the n input pixels.',
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
  quantity: 'macs',
  precision: EXACT,
  fallback: 'build it from one output value: it takes K·K·C multiply-adds; there are M of them per output pixel (one per filter), and H·W output pixels.',
  mistakes: [
    flopsInsteadOfMacs(macsCost.macs),
    forgotKernelArea(macsCost.macs, 3 * 3),
    {
      name: 'forgot the filters',
      hint: `that is the work of ONE filter over the whole map. The layer has M = ${macsLayer.filters} filters, and each does the same work: there is a factor M.`,
      wrongAnswer: macsCost.macs / macsLayer.filters,
    },
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
  quantity: 'macs',
  precision: EXACT,
  fallback: 'find the output size first (stride 2, "same": ceil(n / 2) on each side); then each of the H_out·W_out·M output values takes K·K·C multiply-adds.',
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
  quantity: 'parameters',
  precision: EXACT,
  fallback: 'count the stored numbers of one filter (K·K·C weights), multiply by the number of filters M, then add the biases, one per filter.',
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
      wrongAnswer: paramsWithoutBias / paramsInput[2] + paramsLayer.filters,
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
  quantity: 'ratio',
  // A ratio of two integer MAC counts that is itself a whole number.
  precision: EXACT,
  fallback: 'write the MACs of both layers as H·W·K·K·C·M and divide one by the other: everything but H·W cancels, so the ratio is that of the pixel counts.',
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

// --- 01.6: what a paper's "FLOPs" are ---------------------------------------------

/**
 * He et al. 2016, Table 1, prints ResNet-50's cost as "3.8 × 10⁹ FLOPs" but
 * counts multiply-adds, like most CNN papers and torchvision's "GFLOPS";
 * data/reference/resnet.json holds the figure and says so. convkit prints the
 * same count as "Total MACs" and labels twice it "Total FLOPs (2 x MACs)"
 * (src/cost/render.ts). The options are the paper's figure read four ways;
 * test/exercises/lesson-01.test.ts checks the right one against the totals
 * convkit computes for the paper's layout.
 */
const paperEntry = readReferenceEntries('resnet.json').find((e) => e.id === 'resnet/table1/resnet-50/macs');
if (!paperEntry) throw new Error('lesson 01: data/reference/resnet.json has no entry resnet/table1/resnet-50/macs');
/** The paper's figure, in billions (the entry's unit is "billion multiply-adds"). */
export const paperResNet50Figure = paperEntry.value;
const billions = (value: number): string => `${Number(value.toFixed(1))}×10⁹`;
const reading = (macs: number): string => `MACs ${billions(macs)} and FLOPs (2 × MACs) ${billions(2 * macs)}`;

const flopsMeaningExercise: ChoiceExercise = {
  id: '01.6',
  prompt:
    `He et al. (2016, Table 1) give ResNet-50 as "${billions(paperResNet50Figure)} FLOPs", counting each multiply-add once, as most CNN ` +
    'papers and torchvision do. `convkit cost resnet-50` prints two totals, "Total MACs" and "Total FLOPs (2 x MACs)". ' +
    "To the paper's precision, what do they show?",
  answer: 'c',
  choices: [
    {
      key: 'a',
      text: reading(paperResNet50Figure / 2),
      whyNot:
        'that halves the paper\'s figure, as if its "FLOPs" were 2 × MACs. He et al. count each multiply-add once: their number already is what convkit calls MACs. Only some tools and hardware datasheets use FLOPs for 2 × MACs.',
    },
    {
      key: 'b',
      text: `MACs ${billions(paperResNet50Figure)} and FLOPs (2 × MACs) ${billions(paperResNet50Figure)}`,
      whyNot:
        'the paper\'s word and convkit\'s label mean different things. The paper\'s "FLOPs" are multiply-adds; convkit\'s "FLOPs (2 x MACs)" line counts the multiply and the add separately, so it is always twice the MACs line.',
    },
    { key: 'c', text: reading(paperResNet50Figure) },
    {
      key: 'd',
      text: reading(2 * paperResNet50Figure),
      whyNot:
        'that doubles the paper\'s figure before calling it MACs. A CNN paper\'s "FLOPs" are multiply-adds, i.e. MACs as they stand; the doubling belongs only to convkit\'s "FLOPs (2 x MACs)" line.',
    },
  ],
};

// --- 01.7 (design): how deep until the receptive field covers N pixels ------------------------

const FIELD_TARGET = 64;
const FIELD_STRIDED_LAYERS = 2;
/** Layer l (from 1) of the stack: 3×3, stride 2 in the first FIELD_STRIDED_LAYERS layers, stride 1 after. */
const stackLayer = (l: number): WindowLayer => ({ kernel: 3, stride: l <= FIELD_STRIDED_LAYERS ? 2 : 1 });

/**
 * The fewest layers of a stack whose receptive field reaches `target`, with the
 * field grown by `grow` (r, K, J before the layer, J after it) from r_0 = 1, J_0 = 1.
 */
function depthFor(target: number, layer: (l: number) => WindowLayer, grow: (r: number, k: number, before: number, after: number) => number): number {
  let [r, jump, depth] = [1, 1, 0];
  while (r < target) {
    depth++;
    const { kernel, stride = 1 } = layer(depth);
    r = grow(r, kernel, jump, jump * stride);
    jump *= stride;
  }
  return depth;
}

/** The answer, from the kit's recurrence: the first depth whose receptive field is at least the target. */
const fieldDepth = (() => {
  const layers: WindowLayer[] = [];
  while (receptiveFieldSteps(layers).at(-1)!.size < FIELD_TARGET) layers.push(stackLayer(layers.length + 1));
  return layers.length;
})();
/** Every layer at stride 1: the field grows by K − 1 = 2 per layer. */
const fieldWithoutStride = depthFor(
  FIELD_TARGET,
  () => ({ kernel: 3 }),
  (r, k) => r + (k - 1),
);
/** The layer's own stride counted in its step: r + (K − 1)·J_l instead of J_{l−1}. */
const fieldJumpAfter = depthFor(FIELD_TARGET, stackLayer, (r, k, _before, after) => r + (k - 1) * after);

const fieldExercise: Exercise = {
  id: '01.7',
  prompt:
    `Design task. A network stacks 3×3 convolutions ('same' padding, no dilation); the first ${FIELD_STRIDED_LAYERS} have stride 2, all later ones ` +
    `stride 1. How many layers in all does the stack need before one output value of its last layer depends on at least ${FIELD_TARGET} input ` +
    'pixels along each axis (a receptive field of at least ' +
    `${FIELD_TARGET}×${FIELD_TARGET})?`,
  answer: fieldDepth,
  unit: 'layers',
  quantity: 'layers',
  precision: EXACT,
  fallback:
    'add the layers one at a time: start from a field of r = 1 pixel and a jump of J = 1; each 3×3 layer adds (K − 1)·J = 2·J pixels with the J of the layers below it, and then a stride-2 layer doubles J. Stop at the first depth where r reaches the target.',
  mistakes: [
    {
      name: 'ignored the strides',
      hint: 'that many stride-1 layers would be needed, each adding K − 1 = 2 pixels. After a stride-2 layer, neighbouring values of the map lie 2 input pixels apart, so every later 3×3 layer widens the field by 2·J input pixels, not 2.',
      wrongAnswer: fieldWithoutStride,
    },
    {
      name: "a layer's own stride in its step",
      hint: "a layer's window spans K neighbouring values of the map BELOW it: it adds (K − 1)·J input pixels with the jump J of the layers before it. The layer's own stride only spaces its outputs, so it widens the field from the next layer on.",
      wrongAnswer: fieldJumpAfter,
    },
    {
      name: 'counted only the stride-1 layers',
      hint: `that is the number of stride-1 layers on top; the ${FIELD_STRIDED_LAYERS} strided layers at the bottom are layers of the stack too.`,
      wrongAnswer: fieldDepth - FIELD_STRIDED_LAYERS,
    },
  ],
};

/** The stack 01.7 asks about, for the notebook and the tests: the target, the layer rule and the answer. */
export const fieldTask = { target: FIELD_TARGET, stridedLayers: FIELD_STRIDED_LAYERS, layer: stackLayer, depth: fieldDepth } as const;

/** Exercises of this lesson, in the order the notebook asks them. */
export const exercises: readonly Exercise[] = [
  outputSizeExercise,
  macsExercise,
  strideExercise,
  paramsExercise,
  resolutionExercise,
  flopsMeaningExercise,
  fieldExercise,
];
