/**
 * MobileNet v2 (Sandler et al. 2018, "MobileNetV2: Inverted Residuals and
 * Linear Bottlenecks", arXiv:1801.04381).
 *
 * Table 2 of the paper: a 3×3/2 conv with 32 filters, seven groups of
 * inverted residual blocks (t, c, n, s), a 1×1 conv to 1280, global average
 * pooling and the classifier. Headline (§6.1, Table 4): 300M multiply-adds,
 * 3.4M parameters at 224×224, α = 1.
 *
 * Channel rounding follows the reference code (TF-Slim and Keras'
 * `applications.MobileNetV2`): a block's output channels are
 * makeDivisible(int(c·α), 8); the first conv is makeDivisible(32·α, 8); the
 * last conv keeps 1280 for α ≤ 1 ("we apply width multiplier to all layers
 * except the very last convolutional layer", §4 "Trade-off hyper parameters") and is
 * makeDivisible(1280·α, 8) above 1. Keras counts at α = 1, 224: 3,504,872
 * trainable and 3,538,984 total parameters.
 */
import { invertedResidualBlock } from './blocks';
import { makeDivisible } from './channels';
import { classifierHead } from './head';
import { checkAlpha, checkClasses, checkResolution, sameSide } from './model-options';
import { INPUT, type LayerNode, type ModelSpec } from '../core/spec';

export interface MobileNetV2Options {
  /** Width multiplier α > 0. Default 1. */
  readonly alpha?: number;
  /** Input height and width. Default 224. */
  readonly resolution?: number;
  /** Default 1000. */
  readonly classes?: number;
}

/** One row of Table 2: expansion t, output channels c, repeats n, stride s of the first repeat. */
export interface BottleneckRow {
  readonly expansion: number;
  readonly channels: number;
  readonly repeats: number;
  readonly strides: number;
}

/** Table 2 of Sandler et al. 2018, the bottleneck rows. */
export const MOBILENET_V2_ROWS: readonly BottleneckRow[] = [
  { expansion: 1, channels: 16, repeats: 1, strides: 1 },
  { expansion: 6, channels: 24, repeats: 2, strides: 2 },
  { expansion: 6, channels: 32, repeats: 3, strides: 2 },
  { expansion: 6, channels: 64, repeats: 4, strides: 2 },
  { expansion: 6, channels: 96, repeats: 3, strides: 1 },
  { expansion: 6, channels: 160, repeats: 3, strides: 2 },
  { expansion: 6, channels: 320, repeats: 1, strides: 1 },
];

const FIRST_CONV_FILTERS = 32;
const LAST_CONV_FILTERS = 1280;

export function mobileNetV2(options: MobileNetV2Options = {}): ModelSpec {
  const alpha = checkAlpha(options.alpha ?? 1);
  const classes = checkClasses(options.classes ?? 1000);
  const resolution = checkResolution(options.resolution ?? 224, (r) => MOBILENET_V2_ROWS.reduce((size, row) => sameSide(size, row.strides), sameSide(r, 2)));

  const stem = ['stem'];
  const firstFilters = makeDivisible(FIRST_CONV_FILTERS * alpha, 8);
  const nodes: LayerNode[] = [
    { name: 'Conv1', layer: { kind: 'conv2d', filters: firstFilters, kernelSize: 3, strides: 2, padding: 'same' }, inputs: [INPUT], path: stem },
    { name: 'bn_Conv1', layer: { kind: 'batchNorm' }, inputs: ['Conv1'], path: stem },
    { name: 'Conv1_relu', layer: { kind: 'activation', activation: 'relu6' }, inputs: ['bn_Conv1'], path: stem },
  ];
  let x = 'Conv1_relu';
  let channels = firstFilters;
  let blockId = 0;
  MOBILENET_V2_ROWS.forEach((row, rowIndex) => {
    for (let i = 0; i < row.repeats; i++) {
      // Keras names the very first block 'expanded_conv', the rest 'block_<id>'.
      const block = invertedResidualBlock({
        prefix: blockId === 0 ? 'expanded_conv' : `block_${blockId}`,
        input: x,
        inputChannels: channels,
        expansion: row.expansion,
        filters: makeDivisible(Math.trunc(row.channels * alpha), 8),
        strides: i === 0 ? row.strides : 1,
        path: [`bottleneck_${rowIndex + 1}`, `block_${i + 1}`],
      });
      nodes.push(...block.nodes);
      x = block.output;
      channels = block.outputChannels;
      blockId++;
    }
  });
  const lastFilters = alpha > 1 ? makeDivisible(LAST_CONV_FILTERS * alpha, 8) : LAST_CONV_FILTERS;
  const last = ['last_conv'];
  nodes.push(
    { name: 'Conv_1', layer: { kind: 'pointwiseConv2d', filters: lastFilters }, inputs: [x], path: last },
    { name: 'Conv_1_bn', layer: { kind: 'batchNorm' }, inputs: ['Conv_1'], path: last },
    { name: 'out_relu', layer: { kind: 'activation', activation: 'relu6' }, inputs: ['Conv_1_bn'], path: last },
  );
  nodes.push(...classifierHead({ input: 'out_relu', inputChannels: lastFilters, classes, poolName: 'global_average_pooling2d' }).nodes);
  return { name: `mobilenet-v2 (alpha ${alpha}, ${resolution}, ${classes} classes)`, input: [resolution, resolution, 3], nodes };
}
