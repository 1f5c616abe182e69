/**
 * MobileNet v3 Large and Small (Howard et al. 2019, "Searching for
 * MobileNetV3", arXiv:1905.02244), Tables 1 and 2.
 *
 * Each network is a 3×3/2 conv with 16 filters (hard-swish), a stack of
 * bottlenecks (expand 1×1 → depthwise → optional squeeze-and-excite →
 * linear 1×1 projection), a 1×1 conv to 6× the last width, global average
 * pooling, a 1×1 conv without BN ("NBN") to 1280 (Large) or 1024 (Small) with
 * hard-swish, and the classifier. Headline (Table 3): Large 219M MAdds and
 * 5.4M parameters, Small 56M and 2.5M, at 224×224, α = 1.
 *
 * Choices follow Keras' `applications.MobileNetV3*` (which reproduces the
 * TF-Slim reference):
 *  - expanded widths are makeDivisible(C_in · ratio, 8), where ratio is the
 *    table's "exp size" over its input width (so α = 1 gives the table);
 *  - SE squeezes to makeDivisible(expanded / 4, 8) and gates with a hard
 *    sigmoid (squeeze to a quarter: §5.3; the hard sigmoid: §3 and §5.2);
 *  - the first conv keeps 16 filters for every α; the 1280/1024 layer grows
 *    only for α > 1;
 *  - Table 2 marks an SE on Small's final 1×1 conv (576); neither the
 *    reference code nor Keras has one, and neither do we.
 * The post-pooling 1×1 conv is written as a dense layer with bias: on a 1×1
 * map the two are the same computation.
 */
import { mobileNetV3Bottleneck } from './blocks';
import { makeDivisible } from './channels';
import { classifierHead } from './head';
import { checkAlpha, checkClasses, checkResolution, sameSide } from './model-options';
import { INPUT, type ActivationName, type LayerNode, type ModelSpec } from '../core/spec';

export type MobileNetV3Size = 'large' | 'small';

export interface MobileNetV3Options {
  /** Width multiplier α > 0. Default 1. */
  readonly alpha?: number;
  /** Input height and width. Default 224. */
  readonly resolution?: number;
  /** Default 1000. */
  readonly classes?: number;
}

/** One "bneck" row of Tables 1-2 at α = 1. */
export interface V3BottleneckRow {
  readonly kernelSize: number;
  /** "exp size". */
  readonly expandedChannels: number;
  /** "#out". */
  readonly channels: number;
  /** "SE". */
  readonly squeezeExcite: boolean;
  /** "NL": RE → 'relu', HS → 'hardSwish'. */
  readonly activation: ActivationName;
  /** "s". */
  readonly strides: number;
}

function row(kernelSize: number, expandedChannels: number, channels: number, squeezeExcite: boolean, nl: 'RE' | 'HS', strides: number): V3BottleneckRow {
  return { kernelSize, expandedChannels, channels, squeezeExcite, activation: nl === 'RE' ? 'relu' : 'hardSwish', strides };
}

/** Table 1 (MobileNetV3-Large), bottleneck rows. */
export const MOBILENET_V3_LARGE_ROWS: readonly V3BottleneckRow[] = [
  row(3, 16, 16, false, 'RE', 1),
  row(3, 64, 24, false, 'RE', 2),
  row(3, 72, 24, false, 'RE', 1),
  row(5, 72, 40, true, 'RE', 2),
  row(5, 120, 40, true, 'RE', 1),
  row(5, 120, 40, true, 'RE', 1),
  row(3, 240, 80, false, 'HS', 2),
  row(3, 200, 80, false, 'HS', 1),
  row(3, 184, 80, false, 'HS', 1),
  row(3, 184, 80, false, 'HS', 1),
  row(3, 480, 112, true, 'HS', 1),
  row(3, 672, 112, true, 'HS', 1),
  row(5, 672, 160, true, 'HS', 2),
  row(5, 960, 160, true, 'HS', 1),
  row(5, 960, 160, true, 'HS', 1),
];

/** Table 2 (MobileNetV3-Small), bottleneck rows. */
export const MOBILENET_V3_SMALL_ROWS: readonly V3BottleneckRow[] = [
  row(3, 16, 16, true, 'RE', 2),
  row(3, 72, 24, false, 'RE', 2),
  row(3, 88, 24, false, 'RE', 1),
  row(5, 96, 40, true, 'HS', 2),
  row(5, 240, 40, true, 'HS', 1),
  row(5, 240, 40, true, 'HS', 1),
  row(5, 120, 48, true, 'HS', 1),
  row(5, 144, 48, true, 'HS', 1),
  row(5, 288, 96, true, 'HS', 2),
  row(5, 576, 96, true, 'HS', 1),
  row(5, 576, 96, true, 'HS', 1),
];

const STEM_FILTERS = 16;
/** Width of the 1×1 NBN conv after pooling (Tables 1-2). */
const LAST_POINT_CHANNELS: Record<MobileNetV3Size, number> = { large: 1280, small: 1024 };
/** The 1×1 conv before pooling widens the last bottleneck by 6 (960 = 6·160, 576 = 6·96). */
const LAST_CONV_RATIO = 6;

export function mobileNetV3(size: MobileNetV3Size, options: MobileNetV3Options = {}): ModelSpec {
  const rows = size === 'large' ? MOBILENET_V3_LARGE_ROWS : MOBILENET_V3_SMALL_ROWS;
  const alpha = checkAlpha(options.alpha ?? 1);
  const classes = checkClasses(options.classes ?? 1000);
  const resolution = checkResolution(options.resolution ?? 224, (r) => rows.reduce((side, bneck) => sameSide(side, bneck.strides), sameSide(r, 2)));

  const stem = ['stem'];
  const nodes: LayerNode[] = [
    { name: 'conv', layer: { kind: 'conv2d', filters: STEM_FILTERS, kernelSize: 3, strides: 2, padding: 'same' }, inputs: [INPUT], path: stem },
    { name: 'conv/BatchNorm', layer: { kind: 'batchNorm' }, inputs: ['conv'], path: stem },
    { name: 'conv/hardSwish', layer: { kind: 'activation', activation: 'hardSwish' }, inputs: ['conv/BatchNorm'], path: stem },
  ];
  let x = 'conv/hardSwish';
  // Keras scales from the table's own input width: ratio = exp size / input width at α = 1.
  let tableChannels = STEM_FILTERS;
  let channels = STEM_FILTERS;
  rows.forEach((bneck, i) => {
    const ratio = bneck.expandedChannels / tableChannels;
    const block = mobileNetV3Bottleneck({
      prefix: i === 0 ? 'expanded_conv' : `expanded_conv_${i}`,
      input: x,
      inputChannels: channels,
      expandedChannels: makeDivisible(channels * ratio, 8),
      // Keras drops the expand conv in the first block only (its expansion is 1).
      expand: i !== 0,
      filters: makeDivisible(bneck.channels * alpha, 8),
      kernelSize: bneck.kernelSize,
      strides: bneck.strides,
      squeezeExcite: bneck.squeezeExcite,
      activation: bneck.activation,
      path: ['bneck', `block_${i + 1}`],
    });
    nodes.push(...block.nodes);
    x = block.output;
    channels = block.outputChannels;
    tableChannels = bneck.channels;
  });

  const lastConv = makeDivisible(channels * LAST_CONV_RATIO, 8);
  const lastPoint = alpha > 1 ? makeDivisible(LAST_POINT_CHANNELS[size] * alpha, 8) : LAST_POINT_CHANNELS[size];
  const head = ['head'];
  nodes.push(
    { name: 'conv_1', layer: { kind: 'pointwiseConv2d', filters: lastConv }, inputs: [x], path: head },
    { name: 'conv_1/BatchNorm', layer: { kind: 'batchNorm' }, inputs: ['conv_1'], path: head },
    { name: 'conv_1/hardSwish', layer: { kind: 'activation', activation: 'hardSwish' }, inputs: ['conv_1/BatchNorm'], path: head },
  );
  const classifier = classifierHead({ input: 'conv_1/hardSwish', inputChannels: lastConv, classes, denseName: 'logits' });
  // Insert the NBN 1×1 conv (dense with bias on the pooled 1×1 map) and its hard-swish between pooling and logits.
  const [pool, logits, softmax] = classifier.nodes;
  nodes.push(
    pool,
    { name: 'conv_2', layer: { kind: 'dense', units: lastPoint, useBias: true }, inputs: [pool.name], path: head },
    { name: 'conv_2/hardSwish', layer: { kind: 'activation', activation: 'hardSwish' }, inputs: ['conv_2'], path: head },
    { ...logits, inputs: ['conv_2/hardSwish'] },
    softmax,
  );
  return {
    name: `mobilenet-v3-${size} (alpha ${alpha}, ${resolution}, ${classes} classes)`,
    input: [resolution, resolution, 3],
    nodes,
  };
}
