/**
 * The review's summary table (lesson 09): every block of the course, its
 * MACs formula from the cost model, and its cost next to a standard 3×3
 * convolution with the same input and the same output channels.
 *
 * All numbers come from the cost model (summarize on the zoo's block specs,
 * layerCost for single layers) at one example size, 56×56×64 with K = 3 — a
 * stage-2 size of ResNet-18 and MobileNet v1 (He et al. 2016, Table 1;
 * Howard et al. 2017, Table 1). Symbolic ratios come from mathjs
 * (src/cost/symbolic.ts), formulas' LaTeX from the same expressions that
 * compute the numbers (the stride-1, K×K form of lesson 01).
 */
import { conv2dMacs, depthwiseMacs, pointwiseMacs, separableMacs, squeezeExciteMacs, type Formula } from '../../cost/formulas';
import { layerCost } from '../../cost/layer-cost';
import { summarize } from '../../cost/summary';
import {
  depthwiseToStandardRatio,
  pointwiseToStandardRatio,
  separableToStandardRatio,
  strideOneForm,
  symbolicRatio,
  type SymbolicResult,
} from '../../cost/symbolic';
import { denseLayerSpec, invertedResidualSpec, resNetBasicSpec, squeezeExciteSpec, transitionSpec } from '../../models/one-block';
import type { LayerSpec, ModelSpec, Shape3 } from '../../core/spec';

export interface BlockSummaryRow {
  readonly block: string;
  /** The lesson that teaches it. */
  readonly lesson: string;
  /** What it does, in a few words. */
  readonly role: string;
  /** LaTeX of the cost model's MACs formula (stride 1, K×K), where one formula covers the block. */
  readonly formulaTex?: string;
  /** Symbolic MACs ratio to a standard conv, simplified by mathjs, where one exists. */
  readonly symbolicRatio?: string;
  /** The same ratio as LaTeX. */
  readonly symbolicRatioTex?: string;
  readonly macs: number;
  /** A standard 3×3 conv from the same input to the block's output channels, stride 1. */
  readonly standardMacs: number;
  /** macs / standardMacs. */
  readonly ratio: number;
  readonly trainableParams: number;
}

/** The example input every row uses. */
export const SUMMARY_INPUT: Shape3 = [56, 56, 64];

function standardConvMacs(input: Shape3, outputChannels: number): number {
  return layerCost({ kind: 'conv2d', filters: outputChannels, kernelSize: 3, padding: 'same' }, [input]).macs;
}

function fromSpec(block: string, lesson: string, role: string, spec: ModelSpec, extra: { formula?: Formula; ratio?: SymbolicResult } = {}): BlockSummaryRow {
  const summary = summarize(spec);
  const outputChannels = summary.rows[summary.rows.length - 1].outputShape[2];
  const standardMacs = standardConvMacs(spec.input, outputChannels);
  return {
    block,
    lesson,
    role,
    formulaTex: extra.formula ? strideOneForm(extra.formula).tex : undefined,
    symbolicRatio: extra.ratio?.text,
    symbolicRatioTex: extra.ratio?.tex,
    macs: summary.macs,
    standardMacs,
    ratio: summary.macs / standardMacs,
    trainableParams: summary.params.trainable,
  };
}

function oneLayer(name: string, layer: LayerSpec, input: Shape3): ModelSpec {
  return { name, input, nodes: [{ name, layer, inputs: ['input'] }] };
}

/** One row per block of the course, at SUMMARY_INPUT. */
export function blockSummary(input: Shape3 = SUMMARY_INPUT): BlockSummaryRow[] {
  const C = input[2];
  return [
    fromSpec('standard conv 3×3', '01', 'mixes space and channels at once', oneLayer('conv', { kind: 'conv2d', filters: C, kernelSize: 3 }, input), {
      formula: conv2dMacs,
      ratio: symbolicRatio(conv2dMacs, conv2dMacs),
    }),
    fromSpec('depthwise conv 3×3', '02', 'space only, one filter per channel', oneLayer('dw', { kind: 'depthwiseConv2d', kernelSize: 3 }, input), {
      formula: depthwiseMacs,
      ratio: depthwiseToStandardRatio(),
    }),
    fromSpec('pointwise conv 1×1', '03', 'channels only, at every pixel', oneLayer('pw', { kind: 'pointwiseConv2d', filters: C }, input), {
      formula: pointwiseMacs,
      ratio: pointwiseToStandardRatio(),
    }),
    fromSpec(
      'depthwise separable (MobileNet v1)',
      '04',
      'depthwise then pointwise',
      oneLayer('sep', { kind: 'separableConv2d', filters: C, kernelSize: 3 }, input),
      {
        formula: separableMacs,
        ratio: separableToStandardRatio(),
      },
    ),
    fromSpec(
      'inverted residual, t = 6 (MobileNet v2)',
      '05',
      'expand 1×1, depthwise, linear project, add',
      invertedResidualSpec(input, { expansion: 6, filters: C }),
    ),
    fromSpec('squeeze-and-excite (MobileNet v3)', '05', 'per-channel gates from the pooled map', squeezeExciteSpec(input), { formula: squeezeExciteMacs }),
    fromSpec('dense layer, BC, k = 32 (DenseNet)', '06', 'adds k channels to the concatenation', denseLayerSpec(input, { growthRate: 32 })),
    fromSpec('transition, θ = 0.5 (DenseNet)', '07', 'compress channels, halve the map', transitionSpec(input, { compression: 0.5 })),
    fromSpec('basic block (ResNet)', '08', 'two 3×3 convs plus the identity', resNetBasicSpec(input, { filters: C })),
  ];
}
