/**
 * EfficientNet-B0 to B3 (Tan & Le 2019, "EfficientNet: Rethinking Model
 * Scaling for Convolutional Neural Networks", arXiv:1905.11946).
 *
 * B0 is Table 1: a 3×3/2 conv with 32 filters, seven stages of MBConv blocks
 * (../blocks/efficientnet.ts), a 1×1 conv to 1280, pooling and the
 * classifier. B1–B7 scale it by compound scaling (§3.3, Eq. 3): depth
 * d = α^φ, width w = β^φ, resolution r = γ^φ with α = 1.2, β = 1.1,
 * γ = 1.15, chosen so that α·β²·γ² ≈ 2 and FLOPs grow by about 2^φ.
 * The released models round those to per-model coefficients (width, depth,
 * resolution): B0 (1.0, 1.0, 224), B1 (1.0, 1.1, 240), B2 (1.1, 1.2, 260),
 * B3 (1.2, 1.4, 300) — the table `efficientnet_params` of the reference
 * implementation (tensorflow/tpu, models/official/efficientnet) and Keras'
 * `applications.EfficientNetB0…B3`.
 *
 * Rounding as in that code: every width is makeDivisible(w·C, 8)
 * (`round_filters`), every stage's repeat count ⌈d·n⌉ (`round_repeats`);
 * the first block of a stage takes the stage's stride and input width, the
 * rest stride 1. Keras puts a Rescaling and a Normalization layer in front
 * (7 non-trainable numbers: 3 means, 3 variances, a count); they do no
 * multiply-adds and are not written here. Dropout is not written either.
 */
import { mbConvBlock } from './blocks';
import { makeDivisible } from './channels';
import { classifierHead } from './head';
import { checkClasses, checkResolution, sameSide } from './model-options';
import { ConvkitInputError } from '../core/errors';
import { INPUT, type LayerNode, type ModelSpec } from '../core/spec';

/** One stage of Table 1: operator MBConv t, K×K; output channels; layers; stride of the first layer. */
export interface MBConvStage {
  readonly expansion: number;
  readonly kernelSize: number;
  readonly channels: number;
  readonly repeats: number;
  readonly strides: number;
}

/** Table 1 of Tan & Le 2019, stages 2–8 (stage 1 is the stem conv, stage 9 the head). */
export const EFFICIENTNET_B0_STAGES: readonly MBConvStage[] = [
  { expansion: 1, kernelSize: 3, channels: 16, repeats: 1, strides: 1 },
  { expansion: 6, kernelSize: 3, channels: 24, repeats: 2, strides: 2 },
  { expansion: 6, kernelSize: 5, channels: 40, repeats: 2, strides: 2 },
  { expansion: 6, kernelSize: 3, channels: 80, repeats: 3, strides: 2 },
  { expansion: 6, kernelSize: 5, channels: 112, repeats: 3, strides: 1 },
  { expansion: 6, kernelSize: 5, channels: 192, repeats: 4, strides: 2 },
  { expansion: 6, kernelSize: 3, channels: 320, repeats: 1, strides: 1 },
];

export const EFFICIENTNET_VARIANTS = ['b0', 'b1', 'b2', 'b3'] as const;
export type EfficientNetVariant = (typeof EFFICIENTNET_VARIANTS)[number];

/** Width and depth coefficients and the default resolution of each released model. */
export const EFFICIENTNET_COEFFICIENTS: Readonly<Record<EfficientNetVariant, { width: number; depth: number; resolution: number }>> = {
  b0: { width: 1.0, depth: 1.0, resolution: 224 },
  b1: { width: 1.0, depth: 1.1, resolution: 240 },
  b2: { width: 1.1, depth: 1.2, resolution: 260 },
  b3: { width: 1.2, depth: 1.4, resolution: 300 },
};

/** The compound-scaling constants of §3.3: depth α, width β, resolution γ. */
export const COMPOUND_SCALING = { alpha: 1.2, beta: 1.1, gamma: 1.15 } as const;

const STEM_FILTERS = 32;
const HEAD_FILTERS = 1280;

/** `round_filters`: a width scaled by w and rounded to a multiple of 8. */
export function roundFilters(channels: number, width: number): number {
  return makeDivisible(channels * width, 8);
}

/** `round_repeats`: a stage's layer count scaled by d and rounded up. */
export function roundRepeats(repeats: number, depth: number): number {
  return Math.ceil(depth * repeats);
}

export interface EfficientNetOptions {
  /** Input height and width. Default the variant's (224, 240, 260, 300). */
  readonly resolution?: number;
  /** Default 1000. */
  readonly classes?: number;
}

export function efficientNet(variant: EfficientNetVariant, options: EfficientNetOptions = {}): ModelSpec {
  if (!EFFICIENTNET_VARIANTS.includes(variant)) throw new ConvkitInputError('variant', variant, `must be one of ${EFFICIENTNET_VARIANTS.join(', ')}`);
  const { width, depth, resolution: defaultResolution } = EFFICIENTNET_COEFFICIENTS[variant];
  const classes = checkClasses(options.classes ?? 1000);
  const resolution = checkResolution(options.resolution ?? defaultResolution, (r) =>
    EFFICIENTNET_B0_STAGES.reduce((side, stage) => sameSide(side, stage.strides), sameSide(r, 2)),
  );
  const stem = ['stem'];
  const stemFilters = roundFilters(STEM_FILTERS, width);
  const nodes: LayerNode[] = [
    { name: 'stem_conv', layer: { kind: 'conv2d', filters: stemFilters, kernelSize: 3, strides: 2, padding: 'same' }, inputs: [INPUT], path: stem },
    { name: 'stem_bn', layer: { kind: 'batchNorm' }, inputs: ['stem_conv'], path: stem },
    { name: 'stem_activation', layer: { kind: 'activation', activation: 'swish' }, inputs: ['stem_bn'], path: stem },
  ];
  let x = 'stem_activation';
  let channels = stemFilters;
  EFFICIENTNET_B0_STAGES.forEach((stage, s) => {
    const repeats = roundRepeats(stage.repeats, depth);
    for (let i = 0; i < repeats; i++) {
      // Keras names blocks block1a, block1b, …: stage number, then a letter per repeat.
      const block = mbConvBlock({
        prefix: `block${s + 1}${String.fromCharCode(97 + i)}_`,
        input: x,
        inputChannels: channels,
        expansion: stage.expansion,
        filters: roundFilters(stage.channels, width),
        kernelSize: stage.kernelSize,
        strides: i === 0 ? stage.strides : 1,
        path: [`stage_${s + 2}`, `block_${i + 1}`],
      });
      nodes.push(...block.nodes);
      x = block.output;
      channels = block.outputChannels;
    }
  });
  const headFilters = roundFilters(HEAD_FILTERS, width);
  const top = ['top'];
  nodes.push(
    { name: 'top_conv', layer: { kind: 'pointwiseConv2d', filters: headFilters }, inputs: [x], path: top },
    { name: 'top_bn', layer: { kind: 'batchNorm' }, inputs: ['top_conv'], path: top },
    { name: 'top_activation', layer: { kind: 'activation', activation: 'swish' }, inputs: ['top_bn'], path: top },
  );
  nodes.push(...classifierHead({ input: 'top_activation', inputChannels: headFilters, classes }).nodes);
  return { name: `efficientnet-${variant} (${resolution}, ${classes} classes)`, input: [resolution, resolution, 3], nodes };
}
