/**
 * MobileNet v1 (Howard et al. 2017, "MobileNets: Efficient Convolutional
 * Neural Networks for Mobile Vision Applications", arXiv:1704.04861).
 *
 * Table 1 of the paper: a standard 3×3/2 conv with 32 filters, then 13
 * depthwise separable blocks, global average pooling and a fully connected
 * classifier. The layout and names follow Keras' `applications.MobileNet`
 * (ReLU6, BN after every conv, classifier with bias), whose counts at
 * α = 1, 224×224 are 568,740,352 MACs, 4,231,976 trainable and 4,253,864 total
 * parameters (BN moving statistics included).
 *
 * Two hyper-parameters shrink the network (§3.3, §3.4):
 *  - width multiplier α: every layer's channels become round(α·C) (see
 *    `scaleChannelsV1` for the rounding); MACs and parameters fall by about α²;
 *  - resolution ρ, set through the input size: MACs fall by about ρ²,
 *    parameters do not change.
 */
import { depthwiseSeparableBlock } from './blocks';
import { scaleChannelsV1 } from './channels';
import { classifierHead } from './head';
import { checkAlpha, checkClasses, checkResolution, sameSide } from './model-options';
import { INPUT, type LayerNode, type ModelSpec } from '../core/spec';

export interface MobileNetV1Options {
  /** Width multiplier α > 0. Default 1. */
  readonly alpha?: number;
  /** Input height and width in pixels. Default 224. */
  readonly resolution?: number;
  /** Default 1000 (ImageNet). */
  readonly classes?: number;
}

/** Table 1, after the first conv: (pointwise filters, depthwise stride) of the 13 separable blocks. */
export const MOBILENET_V1_BLOCKS: readonly (readonly [filters: number, strides: number])[] = [
  [64, 1],
  [128, 2],
  [128, 1],
  [256, 2],
  [256, 1],
  [512, 2],
  [512, 1],
  [512, 1],
  [512, 1],
  [512, 1],
  [512, 1],
  [1024, 2],
  [1024, 1],
];

/** Filters of the first, standard 3×3/2 conv (Table 1). */
const FIRST_CONV_FILTERS = 32;

export function mobileNetV1(options: MobileNetV1Options = {}): ModelSpec {
  const alpha = checkAlpha(options.alpha ?? 1);
  const classes = checkClasses(options.classes ?? 1000);
  // Every stride-2 layer uses "same" padding, so the map side is ceil(r / 2) five times: never 0.
  const resolution = checkResolution(options.resolution ?? 224, (r) => MOBILENET_V1_BLOCKS.reduce((size, [, s]) => sameSide(size, s), sameSide(r, 2)));

  const stem = ['stem'];
  const firstFilters = scaleChannelsV1(FIRST_CONV_FILTERS, alpha);
  const nodes: LayerNode[] = [
    { name: 'conv1', layer: { kind: 'conv2d', filters: firstFilters, kernelSize: 3, strides: 2, padding: 'same' }, inputs: [INPUT], path: stem },
    { name: 'conv1_bn', layer: { kind: 'batchNorm' }, inputs: ['conv1'], path: stem },
    { name: 'conv1_relu6', layer: { kind: 'activation', activation: 'relu6' }, inputs: ['conv1_bn'], path: stem },
  ];
  let x = 'conv1_relu6';
  let channels = firstFilters;
  MOBILENET_V1_BLOCKS.forEach(([filters, strides], i) => {
    const block = depthwiseSeparableBlock({
      prefix: `conv_${i + 1}`,
      input: x,
      inputChannels: channels,
      filters: scaleChannelsV1(filters, alpha),
      strides,
      activation: 'relu6',
      path: ['separable', `block_${i + 1}`],
    });
    nodes.push(...block.nodes);
    x = block.output;
    channels = block.outputChannels;
  });
  const head = classifierHead({ input: x, inputChannels: channels, classes, denseName: 'conv_preds' });
  nodes.push(...head.nodes);
  return { name: `mobilenet-v1 (alpha ${alpha}, ${resolution}, ${classes} classes)`, input: [resolution, resolution, 3], nodes };
}
