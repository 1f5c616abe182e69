/**
 * Lesson 04, depthwise separable convolution and MobileNet v1 (Howard et al.
 * 2017, arXiv:1704.04861). Every right answer and every mistake's wrong
 * answer is computed here from the cost model (layerCost,
 * separableVsStandard, summarize), never typed in. The layer sizes are those
 * of MobileNet v1's Table 1 (the 56×56×128 and 14×14×512 stages).
 */
import { layerCost } from '../../cost/layer-cost';
import { separableVsStandard } from '../../cost/separable';
import { summarize } from '../../cost/summary';
import { buildModelSpec } from '../../models/zoo';
import { totalKernelWeights } from '../../published/kernel-weights';
import type { Shape3 } from '../../core/spec';
import { flopsInsteadOfMacs, forgotBias, treatedDepthwiseAsStandard } from '../mistakes';
import { EXACT, significant } from '../precision';
import type { Exercise } from '../registry';

// --- 04.1: MACs of a depthwise separable layer -----------------------------------

const macsInput: Shape3 = [56, 56, 128];
const macsFilters = 128;
const macsParts = separableVsStandard(macsInput, { filters: macsFilters, kernelSize: 3 });

const separableMacsExercise: Exercise = {
  id: '04.1',
  prompt:
    `A depthwise separable convolution (3×3 depthwise, then 1×1 pointwise to ${macsFilters} filters, stride 1, 'same') ` +
    `runs on a ${macsInput.join('×')} input. How many multiply-accumulates (MACs) do the two steps take together?`,
  answer: macsParts.separable.macs,
  unit: 'MACs',
  quantity: 'macs',
  precision: EXACT,
  fallback:
    'count the two steps separately and add them: depthwise H·W·K·K·C multiply-adds (one K×K window per channel), then pointwise H·W·C·M (one C-long sum per output channel).',
  mistakes: [
    flopsInsteadOfMacs(macsParts.separable.macs),
    {
      name: 'forgot K² in the depthwise step',
      hint: 'the depthwise step slides a 3×3 window: each of its output values takes K·K = 9 products, not 1.',
      wrongAnswer: macsParts.depthwise.macs / 9 + macsParts.pointwise.macs,
    },
    {
      ...treatedDepthwiseAsStandard(macsParts.depthwise.macs, macsFilters),
      wrongAnswer: macsParts.depthwise.macs * macsFilters + macsParts.pointwise.macs,
    },
    {
      name: 'pointwise step only',
      hint: 'that is the 1×1 step alone; the depthwise step runs first and has its own cost — add both.',
      wrongAnswer: macsParts.pointwise.macs,
    },
    {
      name: 'depthwise step only',
      hint: 'that is the depthwise step alone; the 1×1 pointwise step that mixes the channels comes on top.',
      wrongAnswer: macsParts.depthwise.macs,
    },
    {
      name: 'standard convolution',
      hint: 'that is the cost of the STANDARD 3×3 convolution this layer replaces; the separable one splits it into two cheap steps.',
      wrongAnswer: macsParts.standard.macs,
    },
  ],
};

// --- 04.2: the ratio separable / standard -----------------------------------------

const ratioInput: Shape3 = [28, 28, 256];
const ratioFilters = 256;
const ratioParts = separableVsStandard(ratioInput, { filters: ratioFilters, kernelSize: 3 });

const ratioExercise: Exercise = {
  id: '04.2',
  prompt:
    `For a 3×3 layer with M = ${ratioFilters} output channels (input ${ratioInput.join('×')}, stride 1), what fraction of the ` +
    `standard convolution's MACs does the depthwise separable version need? Give separable / standard, a number below 1.`,
  answer: ratioParts.macsRatio,
  unit: '(ratio)',
  quantity: 'ratio',
  // Three digits: 0.115 passes, the pointwise share 0.111 does not (../precision.ts).
  precision: significant(3),
  fallback:
    "divide each step's MAC count by the standard H·W·K·K·C·M and simplify: the depthwise step leaves 1/M, the pointwise step 1/K². The ratio is their sum.",
  mistakes: [
    {
      name: 'inverted the ratio',
      hint: 'that is standard / separable — how many times CHEAPER the separable layer is. The question asks for separable / standard, a number below 1.',
      wrongAnswer: 1 / ratioParts.macsRatio,
    },
    {
      name: 'used 1/K instead of 1/K²',
      hint: 'the kernel is K×K, so the pointwise step saves a factor K² = 9 against standard, not K = 3.',
      wrongAnswer: 1 / ratioFilters + 1 / 3,
    },
    {
      name: 'pointwise share only',
      hint: "you have the pointwise step's share 1/K²; the depthwise step adds its own share 1/M on top.",
      wrongAnswer: ratioParts.pointwise.macs / ratioParts.standard.macs,
    },
    {
      name: 'depthwise share only',
      hint: "you have the depthwise step's share 1/M; the pointwise step adds 1/K², the larger of the two.",
      wrongAnswer: ratioParts.depthwise.macs / ratioParts.standard.macs,
    },
  ],
};

// --- 04.3: parameters of a separable layer with bias --------------------------------

const paramsInput: Shape3 = [14, 14, 512];
const paramsFilters = 512;
const paramsLayer = layerCost({ kind: 'separableConv2d', filters: paramsFilters, kernelSize: 3, useBias: true }, [paramsInput]);
const paramsStandard = layerCost({ kind: 'conv2d', filters: paramsFilters, kernelSize: 3, useBias: true }, [paramsInput]);

const paramsExercise: Exercise = {
  id: '04.3',
  prompt:
    `How many trainable parameters does a depthwise separable layer have (3×3 depthwise without bias, then 1×1 pointwise to ` +
    `${paramsFilters} filters WITH bias) on a ${paramsInput.join('×')} input?`,
  answer: paramsLayer.params.trainable,
  unit: 'parameters',
  quantity: 'parameters',
  precision: EXACT,
  fallback: 'count the weights of each step: depthwise, one K×K filter per input channel; pointwise, a C×M matrix plus one bias per filter. Add them.',
  mistakes: [
    forgotBias(paramsLayer.params.trainable, paramsFilters),
    {
      name: 'standard convolution',
      hint: 'that is the standard 3×3 convolution with the same filters; the separable layer has one 3×3 filter per channel plus a C×M matrix.',
      wrongAnswer: paramsStandard.params.trainable,
    },
    {
      name: 'MACs instead of parameters',
      hint: 'that is the number of multiply-adds (weights × output pixels). Parameters do not depend on the map size: count each weight once.',
      wrongAnswer: paramsLayer.macs,
    },
    {
      name: 'pointwise step only',
      hint: 'the depthwise step has weights too: one 3×3 filter for each input channel.',
      wrongAnswer: paramsFilters * paramsInput[2] + paramsFilters,
    },
  ],
};

// --- 04.4: width multiplier ------------------------------------------------------

const fullMacs = summarize(buildModelSpec('mobilenet-v1')).macs;
const halfWidthMacs = summarize(buildModelSpec('mobilenet-v1', { alpha: 0.5 })).macs;

/**
 * Precision of 04.4: three significant digits, i.e. within ±0.5 million of
 * the computed 149.497. That accepts the paper's own rounded figure (Table 6
 * prints 149 million) as well as any one-decimal answer. There is no "halved
 * the resolution" mistake to tell apart: at 112×112 and full width the model
 * needs 148.9 million, within 0.4% of the right answer, because α² = ρ² = 1/4 —
 * no precision could separate the two, and a learner who types the paper's
 * 149 must not be told they changed the resolution.
 */
const WIDTH_PRECISION = significant(3);

const widthExercise: Exercise = {
  id: '04.4',
  prompt:
    `MobileNet v1 at width multiplier α = 1 and 224×224 needs ${(fullMacs / 1e6).toFixed(1)} million MACs. How many million ` +
    `MACs does it need at α = 0.5 (same resolution)?`,
  answer: halfWidthMacs / 1e6,
  unit: 'million MACs',
  quantity: 'macs',
  precision: WIDTH_PRECISION,
  fallback:
    "α multiplies every layer's input and output channels. Work out what that does to the multiply-adds of a 1×1 conv (C·M) and of a depthwise conv (C), then weigh them by their share of the total.",
  mistakes: [
    {
      name: 'scaled by α instead of α²',
      hint: 'α thins BOTH the input and the output channels of every 1×1 conv, and those hold almost all the MACs: the cost falls by about α², not α.',
      wrongAnswer: (fullMacs * 0.5) / 1e6,
    },
    flopsInsteadOfMacs(halfWidthMacs / 1e6),
  ],
};

// --- 04.5: why is depthwise slower than its MACs suggest? --------------------------

const latencyExercise: Exercise = {
  id: '04.5',
  prompt:
    'The depthwise 3×3 layer does 128× fewer MACs than the standard 3×3 layer. On many machines it also turns arithmetic into results at a lower rate (GMAC/s), ' +
    "so its speed-up falls short of 128× (the lesson's own timings vary from run to run; read this as such a machine). Which explanation fits?",
  choices: [
    {
      key: 'a',
      text: 'it does more multiply-adds than the formula counts for it',
      whyNot: 'the reference loops COUNT the multiply-adds as they run, and the count equals the formula exactly.',
    },
    {
      key: 'b',
      text: 'TF.js runs depthwise layers on the CPU, standard ones on a GPU',
      whyNot: 'every layer here runs on the same backend (wasm, one CPU thread); there is no GPU.',
    },
    { key: 'c', text: 'it does little arithmetic per byte it moves: it is memory-bound' },
    {
      key: 'd',
      text: 'the timer is too coarse for layers that take so little time',
      whyNot: "the layers take milliseconds, far above the timer's resolution, and the lesson keeps the fastest of several runs of each.",
    },
  ],
  answer: 'c',
};

// --- 04.6 (design): the most weights within a budget of multiply-adds --------------------------

/** The design space of Tables 6–7 of the paper: four widths, four resolutions. */
const DESIGN_ALPHAS = [1, 0.75, 0.5, 0.25] as const;
const DESIGN_RESOLUTIONS = [224, 192, 160, 128] as const;
const DESIGN_BUDGET = 150e6;
const ALPHA_LIST: readonly number[] = DESIGN_ALPHAS;
const RESOLUTION_LIST: readonly number[] = DESIGN_RESOLUTIONS;

interface DesignPoint {
  readonly alpha: number;
  readonly resolution: number;
  readonly macs: number;
  readonly weights: number;
}

const designGrid: readonly DesignPoint[] = DESIGN_ALPHAS.flatMap((alpha) =>
  DESIGN_RESOLUTIONS.map((resolution) => {
    const summary = summarize(buildModelSpec('mobilenet-v1', { alpha, resolution }));
    return { alpha, resolution, macs: summary.macs, weights: totalKernelWeights(summary.rows) };
  }),
);
const within = designGrid.filter((p) => p.macs <= DESIGN_BUDGET);
/** Most weights first, then the higher resolution (the only tie-break weights leave: they do not depend on the resolution). */
const best = [...within].sort((a, b) => b.weights - a.weights || b.resolution - a.resolution)[0];
/** The network that uses the budget most fully: the most MACs under it. */
const fullestBudget = [...within].sort((a, b) => b.macs - a.macs)[0];
/** At the best width, the next resolution up; and the next width up at its cheapest resolution: both over budget. */
const nextResolution = designGrid.find((p) => p.alpha === best.alpha && p.resolution === RESOLUTION_LIST[RESOLUTION_LIST.indexOf(best.resolution) - 1]);
const nextWidth = designGrid.find((p) => p.alpha === ALPHA_LIST[ALPHA_LIST.indexOf(best.alpha) - 1] && p.resolution === 128);
const millions = (n: number): string => (n / 1e6).toFixed(1);
const pointText = (p: DesignPoint): string => `α = ${p.alpha} at ${p.resolution}×${p.resolution}`;

const designExercise: Exercise = {
  id: '04.6',
  prompt:
    `Design task. You may pick MobileNet v1's width multiplier α from {${DESIGN_ALPHAS.join(', ')}} and its input resolution from ` +
    `{${DESIGN_RESOLUTIONS.join(', ')}}. Choose the network with the MOST weights that needs at most ${DESIGN_BUDGET / 1e6} million MACs ` +
    '(if two have equally many weights, the higher resolution). How many million MACs does your choice need?',
  answer: best.macs / 1e6,
  unit: 'million MACs',
  quantity: 'macs',
  precision: significant(3),
  fallback:
    "weights depend on α only (roughly α²), not on the resolution; MACs scale by about α² and by the resolution squared. Go through the widths from the largest down, and for each find the highest resolution whose MACs stay within the budget (the lesson's α × resolution table, or summarize(buildModelSpec('mobilenet-v1', { alpha, resolution })).macs).",
  mistakes: [
    {
      name: 'spent the budget on resolution',
      hint: `that is ${pointText(fullestBudget)}: it uses the budget most fully (${millions(fullestBudget.macs)} M MACs), but resolution buys no weights. A wider network at a lower resolution has more weights within the same budget.`,
      wrongAnswer: fullestBudget.macs / 1e6,
    },
    ...(nextResolution
      ? [
          {
            name: 'over the budget (resolution)',
            hint: `that is ${pointText(nextResolution)}: ${millions(nextResolution.macs)} M MACs is over the ${DESIGN_BUDGET / 1e6} M budget. Keep the width and lower the resolution.`,
            wrongAnswer: nextResolution.macs / 1e6,
          },
        ]
      : []),
    ...(nextWidth
      ? [
          {
            name: 'over the budget (width)',
            hint: `that is ${pointText(nextWidth)}: the most weights, but ${millions(nextWidth.macs)} M MACs even at the lowest resolution is over the budget.`,
            wrongAnswer: nextWidth.macs / 1e6,
          },
        ]
      : []),
    flopsInsteadOfMacs(best.macs / 1e6),
  ],
};

/** The α × resolution grid the design task 04.6 chooses from, with the choice; for the notebook's table and the tests. */
export const designTask = { budget: DESIGN_BUDGET, grid: designGrid, best } as const;

/** Exercises of this lesson, in the order the notebook asks them. */
export const exercises: readonly Exercise[] = [separableMacsExercise, ratioExercise, paramsExercise, widthExercise, latencyExercise, designExercise];
