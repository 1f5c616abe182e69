/**
 * ResNet (He et al. 2016, "Deep Residual Learning for Image Recognition",
 * arXiv:1512.03385).
 *
 * ImageNet models (Table 1): 7×7/2 conv with 64 filters, 3×3/2 max pool, four
 * stages (conv2_x … conv5_x) at 56, 28, 14, 7 pixels, global average pooling
 * and a 1000-way fc. ResNet-18/34 use basic blocks (two 3×3 convs),
 * ResNet-50/101/152 bottleneck blocks (1×1, 3×3, 1×1 with 4× expansion).
 * When a block changes the shape the shortcut is a 1×1 projection + BN
 * (option B, §3.3). Table 1's "FLOPs" (1.8, 3.6, 3.8, 7.6, 11.3 ×10⁹) are
 * multiply-adds.
 *
 * Variants of the bottleneck stages:
 *  - 'v1' (default, the paper, Caffe release and Keras `ResNet50`): the first
 *    1×1 conv of a stage carries stride 2;
 *  - 'v1.5' (torchvision): the 3×3 conv carries it. The 3×3 then runs on the
 *    full-size map, so v1.5 costs more MACs (≈4.09 G against ≈3.86 G for
 *    ResNet-50) with exactly the same parameters.
 * Basic blocks have no 1×1 conv to stride, so ResNet-18/34 have one variant.
 *
 * Parameters: our convs have no bias (a BN follows each), as in torchvision,
 * whose ResNet-50 has 25,557,032 parameters — our trainable count (weights,
 * BN γ/β, fc with bias); BN moving statistics are the non-trainable part.
 * Keras' `ResNet50` gives every conv a bias as well, hence its larger total
 * (25,636,712).
 *
 * CIFAR models (§4.2, Table 6): depth 6n + 2: a 3×3 conv with 16 filters,
 * three stages of n basic blocks with 16, 32, 64 filters on 32×32, 16×16,
 * 8×8 maps, global average pooling and a 10-way fc; shortcuts are identity,
 * and option A (zero-padding, no parameters) where the shape changes.
 */
import { ConvkitInputError, requireInteger } from '../core/errors';
import { type BlockFragment, resNetBasicBlock, resNetBottleneckBlock, symmetricPadding } from './blocks';
import { classifierHead } from './head';
import { checkClasses, checkResolution, windowSide } from './model-options';
import { INPUT, type LayerNode, type ModelSpec } from '../core/spec';

export type ResNetDepth = 18 | 34 | 50 | 101 | 152;
export type ResNetVariant = 'v1' | 'v1.5';

/** Table 1: blocks per stage (conv2_x … conv5_x) and whether they are bottleneck blocks. */
export const RESNET_STAGES: Readonly<Record<ResNetDepth, { readonly blocks: readonly number[]; readonly bottleneck: boolean }>> = {
  18: { blocks: [2, 2, 2, 2], bottleneck: false },
  34: { blocks: [3, 4, 6, 3], bottleneck: false },
  50: { blocks: [3, 4, 6, 3], bottleneck: true },
  101: { blocks: [3, 4, 23, 3], bottleneck: true },
  152: { blocks: [3, 8, 36, 3], bottleneck: true },
};

/** Filters of the stages (basic block output; bottleneck 3×3 width), Table 1. */
const STAGE_FILTERS = [64, 128, 256, 512];

export interface ResNetOptions {
  /** Where a bottleneck stage strides: 'v1' (paper, 1×1) or 'v1.5' (torchvision, 3×3). Default 'v1'. */
  readonly variant?: ResNetVariant;
  /** Input height and width. Default 224. */
  readonly resolution?: number;
  /** Default 1000. */
  readonly classes?: number;
}

export const RESNET_VARIANTS: readonly ResNetVariant[] = ['v1', 'v1.5'];

function appendBlock(nodes: LayerNode[], block: BlockFragment): BlockFragment {
  nodes.push(...block.nodes);
  return block;
}

/** ResNet-18/34/50/101/152 for ImageNet (Table 1). */
export function resNet(depth: ResNetDepth, options: ResNetOptions = {}): ModelSpec {
  const layout = RESNET_STAGES[depth];
  if (!layout) throw new ConvkitInputError('depth', depth, 'must be 18, 34, 50, 101 or 152 (Table 1)');
  const variant = options.variant ?? 'v1';
  if (!RESNET_VARIANTS.includes(variant)) throw new ConvkitInputError('variant', variant, "must be 'v1' or 'v1.5'");
  const classes = checkClasses(options.classes ?? 1000);
  // Every window is padded by (K-1)/2, so each stride-2 step gives ceil(side / 2): never 0.
  const resolution = checkResolution(options.resolution ?? 224, (r) => {
    let side = windowSide(windowSide(r, 7, 2, 3), 3, 2, 1);
    for (let s = 1; s < 4; s++) side = windowSide(side, 3, 2, 1);
    return side;
  });

  const stem = ['stem'];
  const nodes: LayerNode[] = [
    {
      name: 'conv1_conv',
      layer: { kind: 'conv2d', filters: 64, kernelSize: 7, strides: 2, padding: symmetricPadding(7) },
      inputs: [INPUT],
      path: stem,
    },
    { name: 'conv1_bn', layer: { kind: 'batchNorm', epsilon: 1.001e-5 }, inputs: ['conv1_conv'], path: stem },
    { name: 'conv1_relu', layer: { kind: 'activation', activation: 'relu' }, inputs: ['conv1_bn'], path: stem },
    { name: 'pool1_pool', layer: { kind: 'maxPool', poolSize: 3, strides: 2, padding: symmetricPadding(3) }, inputs: ['conv1_relu'], path: stem },
  ];
  let x = 'pool1_pool';
  let channels = 64;
  layout.blocks.forEach((count, stage) => {
    for (let b = 0; b < count; b++) {
      const placement = {
        prefix: `conv${stage + 2}_block${b + 1}`,
        input: x,
        inputChannels: channels,
        filters: STAGE_FILTERS[stage],
        // conv2_x follows the max pool, so only stages 3-5 stride.
        strides: b === 0 && stage > 0 ? 2 : 1,
        path: [`stage_${stage + 1}`, `block_${b + 1}`],
      };
      const block = appendBlock(
        nodes,
        layout.bottleneck ? resNetBottleneckBlock({ ...placement, strideOn: variant === 'v1' ? '1x1' : '3x3' }) : resNetBasicBlock(placement),
      );
      x = block.output;
      channels = block.outputChannels;
    }
  });
  nodes.push(...classifierHead({ input: x, inputChannels: channels, classes }).nodes);
  const variantLabel = layout.bottleneck ? `${variant}, ` : '';
  return { name: `resnet-${depth} (${variantLabel}${resolution}, ${classes} classes)`, input: [resolution, resolution, 3], nodes };
}

export interface ResNetCifarOptions {
  /** Depth 6n + 2 (20, 32, 44, 56, 110, …). Default 20. */
  readonly depth?: number;
  /** Input height and width. Default 32. */
  readonly resolution?: number;
  /** Default 10. */
  readonly classes?: number;
}

const MAX_CIFAR_DEPTH = 2000;

/** Blocks per stage n of a CIFAR ResNet of depth 6n + 2; throws when the depth does not fit. */
export function cifarBlocksPerStage(depth: unknown): number {
  const L = requireInteger('depth', depth);
  if (L < 8 || (L - 2) % 6 !== 0) {
    throw new ConvkitInputError('depth', L, '(depth - 2) must divide by 6 for a CIFAR ResNet, with depth >= 8 (e.g. 20, 32, 44, 56, 110)');
  }
  if (L > MAX_CIFAR_DEPTH) throw new ConvkitInputError('depth', L, `must be at most ${MAX_CIFAR_DEPTH}`);
  return (L - 2) / 6;
}

/** CIFAR ResNet of depth 6n + 2 with option-A shortcuts (§4.2, Table 6). */
export function resNetCifar(options: ResNetCifarOptions = {}): ModelSpec {
  const depth = options.depth ?? 20;
  const n = cifarBlocksPerStage(depth);
  const classes = checkClasses(options.classes ?? 10);
  const resolution = checkResolution(options.resolution ?? 32, (r) => windowSide(windowSide(r, 3, 2, 1), 3, 2, 1));

  const stem = ['stem'];
  const nodes: LayerNode[] = [
    { name: 'conv1_conv', layer: { kind: 'conv2d', filters: 16, kernelSize: 3, padding: 'same' }, inputs: [INPUT], path: stem },
    { name: 'conv1_bn', layer: { kind: 'batchNorm', epsilon: 1.001e-5 }, inputs: ['conv1_conv'], path: stem },
    { name: 'conv1_relu', layer: { kind: 'activation', activation: 'relu' }, inputs: ['conv1_bn'], path: stem },
  ];
  let x = 'conv1_relu';
  let channels = 16;
  [16, 32, 64].forEach((filters, stage) => {
    for (let b = 0; b < n; b++) {
      const block = appendBlock(
        nodes,
        resNetBasicBlock({
          prefix: `conv${stage + 2}_block${b + 1}`,
          input: x,
          inputChannels: channels,
          filters,
          strides: b === 0 && stage > 0 ? 2 : 1,
          shortcut: 'zeroPad',
          path: [`stage_${stage + 1}`, `block_${b + 1}`],
        }),
      );
      x = block.output;
      channels = block.outputChannels;
    }
  });
  nodes.push(...classifierHead({ input: x, inputChannels: channels, classes }).nodes);
  return { name: `resnet-cifar (depth ${depth}, ${resolution}, ${classes} classes)`, input: [resolution, resolution, 3], nodes };
}
