/**
 * Lesson 05, MobileNet v2 and v3 (Sandler et al. 2018, arXiv:1801.04381;
 * Howard et al. 2019, arXiv:1905.02244). Right answers and mistakes' wrong
 * answers come from the cost model (summarize on the zoo's block specs) and
 * from the activation formulas of the reference layers, never typed in. Sizes follow
 * MobileNetV2's Table 2 (the 28×28×32 stage, t = 6) and MobileNetV3-Large's
 * Table 1 (the 28×28×40 stage: exp size 120, SE).
 */
import { summarize } from '../../cost/summary';
import { activationDerivative, activationValue } from '../../layers/reference/activation';
import { defaultSqueezeChannels } from '../../models/blocks';
import { COMPOUND_SCALING } from '../../models/efficientnet';
import { invertedResidualSpec, v3BottleneckSpec } from '../../models/one-block';
import type { Shape3 } from '../../core/spec';
import { flopsInsteadOfMacs, forgotBias } from '../mistakes';
import { EXACT, significant } from '../precision';
import type { Exercise } from '../registry';

// --- 05.1: MACs of an inverted residual block ---------------------------------------

const blockInput: Shape3 = [28, 28, 32];
const expansion = 6;
const blockMacs = summarize(invertedResidualSpec(blockInput, { expansion, filters: 32 })).macs;
const pixels = blockInput[0] * blockInput[1];
const expanded = expansion * blockInput[2];

const invertedResidualExercise: Exercise = {
  id: '05.1',
  prompt:
    `A MobileNet v2 inverted residual block runs on a ${blockInput.join('×')} input: 1×1 expansion with t = ${expansion}, ` +
    `3×3 depthwise (stride 1), linear 1×1 projection back to 32 channels. How many MACs does the block take ` +
    `(convolutions only; BN, ReLU6 and the residual add are not MACs)?`,
  answer: blockMacs,
  unit: 'MACs',
  quantity: 'macs',
  precision: EXACT,
  fallback:
    "add the multiply-adds of the three convolutions one by one: the 1×1 expansion (C → t·C per pixel), the 3×3 depthwise step (K·K per channel and pixel, on t·C channels) and the 1×1 projection (t·C → C' per pixel).",
  mistakes: [
    flopsInsteadOfMacs(blockMacs),
    {
      name: 'forgot the expansion',
      hint: 'the depthwise and projection steps work on the EXPANDED tensor with t·C channels, not on the C input channels.',
      wrongAnswer: pixels * blockInput[2] * blockInput[2] + pixels * 9 * blockInput[2] + pixels * blockInput[2] * blockInput[2],
    },
    {
      name: 'forgot K²',
      hint: 'the depthwise step reads a 3×3 window for each output value: K·K = 9 products per value and channel.',
      wrongAnswer: blockMacs - pixels * expanded * 9 + pixels * expanded,
    },
    {
      name: 'forgot the projection',
      hint: 'after the depthwise step, a 1×1 convolution projects the t·C channels back down to the bottleneck: that costs as much as the expansion.',
      wrongAnswer: pixels * blockInput[2] * expanded + pixels * expanded * 9,
    },
  ],
};

// --- 05.2: when does the residual apply? --------------------------------------------

const residualExercise: Exercise = {
  id: '05.2',
  prompt: 'Which MobileNet v2 block adds its input to its output (has the residual connection)?',
  choices: [
    { key: 'a', text: 'stride 1, 32 → 32 channels' },
    {
      key: 'b',
      text: 'stride 2, 32 → 32 channels',
      whyNot: 'stride 2 halves the height and width, so the output map is smaller than the input and the two cannot be added.',
    },
    {
      key: 'c',
      text: 'stride 1, 32 → 64 channels',
      whyNot: 'the output has 64 channels and the input 32: the shapes differ, and v2 has no projection shortcut to fix that.',
    },
    {
      key: 'd',
      text: 'every block, whatever its shape',
      whyNot: 'the sum needs equal shapes; blocks that stride or change the channel count have no residual (Sandler et al. 2018, Fig. 4).',
    },
  ],
  answer: 'a',
};

// --- 05.3: parameters of squeeze-and-excite -----------------------------------------

const seChannels = 120;
const squeeze = defaultSqueezeChannels(seChannels);
const seInput: Shape3 = [28, 28, 40];
const withSe = summarize(v3BottleneckSpec(seInput, { expandedChannels: seChannels, filters: 40, kernelSize: 5, squeezeExcite: true, activation: 'relu' }));
const withoutSe = summarize(v3BottleneckSpec(seInput, { expandedChannels: seChannels, filters: 40, kernelSize: 5, squeezeExcite: false, activation: 'relu' }));
const seParams = withSe.params.trainable - withoutSe.params.trainable;

const seExercise: Exercise = {
  id: '05.3',
  prompt:
    `A MobileNet v3 squeeze-and-excite module sits on the ${seChannels}-channel expanded tensor. It squeezes to ` +
    `${squeeze} channels (a 1×1 conv with bias), then excites back to ${seChannels} (a 1×1 conv with bias). How many parameters does it add?`,
  answer: seParams,
  unit: 'parameters',
  quantity: 'parameters',
  precision: EXACT,
  fallback: 'count the weights of each 1×1 conv on the pooled vector (squeeze: C·S, excite: S·C) and add one bias per output channel of each.',
  mistakes: [
    forgotBias(seParams, squeeze + seChannels),
    {
      name: 'one of the two convs only',
      hint: 'SE has two 1×1 convs: the squeeze (C → S) and the excite (S → C). Count both, each with its bias.',
      wrongAnswer: seChannels * squeeze + squeeze,
    },
    {
      name: 'counted on the whole map',
      hint: 'SE works on the globally pooled 1×1×C vector; parameters never depend on the map size anyway — that number looks like MACs on a 28×28 map.',
      wrongAnswer: 28 * 28 * 2 * seChannels * squeeze,
    },
  ],
};

// --- 05.4: the slope of h-swish -------------------------------------------------------

const slopeAt = 2;
const slope = activationDerivative('hardSwish', slopeAt);

const slopeExercise: Exercise = {
  id: '05.4',
  prompt: `What is the derivative of h-swish(x) = x · ReLU6(x + 3) / 6 at x = ${slopeAt}?`,
  answer: slope,
  unit: '(slope)',
  quantity: 'slope',
  precision: significant(3),
  fallback:
    'find which piece of ReLU6(x + 3) applies at this x (0, x + 3 or 6), write h-swish there as a plain polynomial and take its derivative: the slope is that derivative evaluated at x.',
  mistakes: [
    {
      name: 'gave the value',
      hint: 'that is the value h-swish(2) itself. Differentiate: on −3 < x < 3, h-swish(x) = x(x + 3)/6, a parabola.',
      wrongAnswer: activationValue('hardSwish', slopeAt),
    },
    {
      name: 'treated ReLU6(x + 3)/6 as a constant',
      hint: "the product rule needs both terms: d/dx [x · g(x)] = g(x) + x · g'(x), and g(x) = (x + 3)/6 has slope 1/6 on (−3, 3).",
      wrongAnswer: relu6Over6(slopeAt),
    },
    {
      name: 'swish instead of h-swish',
      hint: 'that is the slope of swish (x · sigmoid(x)); h-swish replaces the sigmoid by the piecewise-linear ReLU6(x + 3)/6.',
      wrongAnswer: activationDerivative('swish', slopeAt),
    },
  ],
};

function relu6Over6(x: number): number {
  return activationValue('relu6', x + 3) / 6;
}

// --- 05.5: why a linear bottleneck? ----------------------------------------------------

const linearExercise: Exercise = {
  id: '05.5',
  prompt: 'Why does MobileNet v2 leave out the ReLU after the 1×1 projection (the "linear bottleneck")?',
  choices: [
    {
      key: 'a',
      text: 'to save the multiply-adds that a ReLU would cost',
      whyNot: 'an activation is elementwise work and costs no multiply-adds at all; leaving it out saves almost nothing.',
    },
    {
      key: 'b',
      text: 'because the residual add after the projection is already nonlinear',
      whyNot: 'adding two tensors is linear; and blocks without a residual have a linear projection too.',
    },
    {
      key: 'c',
      text: 'because ReLU6 cannot be run in low-precision arithmetic',
      whyNot:
        'the opposite: Sandler et al. 2018 (§4) use ReLU6 for its robustness in low-precision computation, and keep it after the expansion and the depthwise step.',
    },
    { key: 'd', text: 'ReLU on a thin tensor zeroes directions and loses information' },
  ],
  answer: 'd',
};

// --- 05.6 (design): the widest expansion a MAC budget allows ------------------------------

const budget = 10_000_000;
const budgetInput: Shape3 = [28, 28, 32];
/** MACs of the block at expansion t, split by role (cost model on the zoo's block spec). */
function budgetBlock(t: number): { total: number; depthwise: number; project: number } {
  const rows = summarize(invertedResidualSpec(budgetInput, { expansion: t, filters: 32 })).rows;
  const of = (kind: string, suffix: string) => rows.filter((r) => r.layer.kind === kind && r.name.endsWith(suffix)).reduce((n, r) => n + r.macs, 0);
  return { total: rows.reduce((n, r) => n + r.macs, 0), depthwise: of('depthwiseConv2d', '_depthwise'), project: of('pointwiseConv2d', '_project') };
}
/** The largest whole t from 2 to 32 whose block, counted by `macs`, stays within the budget. */
function largestT(macs: (t: number) => number): number {
  let best = 1;
  for (let t = 2; t <= 32; t++) if (macs(t) <= budget) best = t;
  return best;
}
const budgetT = largestT((t) => budgetBlock(t).total);

const expansionBudgetExercise: Exercise = {
  id: '05.6',
  prompt:
    `Design: an inverted residual block on a ${budgetInput.join('×')} input (1×1 expansion to t·32, 3×3 depthwise at stride 1, linear 1×1 projection back to 32) ` +
    `may cost at most ${budget.toLocaleString('en-US')} MACs. What is the largest whole expansion factor t that fits?`,
  answer: budgetT,
  unit: '× (expansion ratio t = E / C)',
  quantity: 'ratio',
  precision: EXACT,
  fallback:
    'write the block’s MACs as a function of t: every step is proportional to the expanded width E = 32t, so MACs = H·W·E·(C + K² + C′); divide the budget by H·W·32·(C + K² + C\u2032) and take the whole number below: that is the largest ratio t = E / C that fits.',
  mistakes: [
    {
      name: 'counted FLOPs',
      hint: 'the budget is in MACs, one per multiply-add; you counted 2 operations per multiply-add.',
      wrongAnswer: largestT((t) => 2 * budgetBlock(t).total),
    },
    {
      name: 'forgot the depthwise step',
      hint: 'the 3×3 depthwise step on the E expanded channels costs H·W·9·E MACs too.',
      wrongAnswer: largestT((t) => budgetBlock(t).total - budgetBlock(t).depthwise),
    },
    {
      name: 'forgot the projection',
      hint: 'the 1×1 projection from E back to 32 channels costs as much as the expansion: H·W·E·32.',
      wrongAnswer: largestT((t) => budgetBlock(t).total - budgetBlock(t).project),
    },
  ],
};

// --- 05.7 (design): compound scaling ------------------------------------------------------

const phi = 2;
const { alpha: depthBase, beta: widthBase, gamma: resolutionBase } = COMPOUND_SCALING;
const flopsGrowth = (depthBase * widthBase ** 2 * resolutionBase ** 2) ** phi;

const compoundExercise: Exercise = {
  id: '05.7',
  prompt:
    `EfficientNet scales depth by α^φ, width by β^φ and resolution by γ^φ with α = ${depthBase}, β = ${widthBase}, γ = ${resolutionBase} (Tan & Le 2019 §3.3). ` +
    `By what factor do a network’s FLOPs grow for φ = ${phi}, if every layer’s cost is proportional to depth · width² · resolution²?`,
  answer: flopsGrowth,
  unit: '(times)',
  quantity: 'ratio',
  precision: significant(3),
  fallback:
    'a convolution’s cost is proportional to its number of layers (d), to C_in·C_out (w², both widths scale) and to H·W (r², both sides scale); raise α·β²·γ² to the power φ to get the ratio of the scaled network\u2019s FLOPs to the original\u2019s.',
  mistakes: [
    {
      name: 'width and resolution not squared',
      hint: 'doubling the width doubles both the input and the output channels of a conv, so its cost grows with w², and with r² for the two sides of the map.',
      wrongAnswer: (depthBase * widthBase * resolutionBase) ** phi,
    },
    {
      name: 'forgot the power φ',
      hint: 'α·β²·γ² is the growth for one step of φ; for φ = 2 apply it twice.',
      wrongAnswer: depthBase * widthBase ** 2 * resolutionBase ** 2,
    },
    {
      name: 'took 2^φ exactly',
      hint: 'α·β²·γ² was chosen close to 2, not equal to it: compute the product with the given constants.',
      wrongAnswer: 2 ** phi,
    },
  ],
};

/** Exercises of this lesson, in the order the notebook asks them. */
export const exercises: readonly Exercise[] = [
  invertedResidualExercise,
  residualExercise,
  seExercise,
  slopeExercise,
  linearExercise,
  expansionBudgetExercise,
  compoundExercise,
];
