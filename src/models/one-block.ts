/**
 * One block on its own, as a ModelSpec: the block reads the model input and
 * its last node is the model output. The lessons, the exercises and the CLI
 * cost a single block this way, and TF.js runs exactly these specs, so the
 * block a notebook runs is, node for node, the one the cost tables describe:
 *
 *   const spec = invertedResidualSpec([16, 16, 24], { expansion: 6, filters: 24 });
 *   summarize(spec)                        // MACs, params, shapes
 *   buildTfModel(spec).predict(x)          // [N, 16, 16, 24]
 *
 * `input` is the block's input shape [height, width, channels] without batch.
 *
 * This module is pure data: it does not load @tensorflow/tfjs, so arithmetic
 * (exercise checkers, cost tables) stays fast to import.
 */
import { validateShape } from '../core/output-shape';
import {
  denseBlock,
  denseLayer,
  depthwiseSeparableBlock,
  invertedResidualBlock,
  mobileNetV3Bottleneck,
  resNetBasicBlock,
  resNetBottleneckBlock,
  squeezeExciteBlock,
  transitionLayer,
  type BlockFragment,
  type BlockPlacement,
  type DenseBlockOptions,
  type DenseLayerOptions,
  type DepthwiseSeparableOptions,
  type InvertedResidualOptions,
  type MobileNetV3BottleneckOptions,
  type ResNetBlockOptions,
  type ResNetBottleneckOptions,
  type SqueezeExciteOptions,
  type TransitionOptions,
} from './blocks';
import { INPUT, type ModelSpec, type Shape3 } from '../core/spec';

/** A block builder's own options, without where it goes (the wrapper places it at the model input). */
export type BlockSettings<O extends BlockPlacement> = Omit<O, keyof BlockPlacement>;

/**
 * Where a block goes when it stands alone: fed by the graph input, whose
 * channels are the shape's third entry. Throws ConvkitInputError (field
 * 'input') unless `input` is [height, width, channels] of positive integers.
 */
export function inputPlacement(prefix: string, input: Shape3): BlockPlacement {
  const shape = validateShape('input', input);
  return { prefix, input: INPUT, inputChannels: shape[2] };
}

/** A one-block ModelSpec: the block reads the model input; its output is the model output. */
export function oneBlockSpec(name: string, input: Shape3, prefix: string, build: (placement: BlockPlacement) => BlockFragment): ModelSpec {
  const shape = validateShape('input', input);
  const fragment = build(inputPlacement(prefix, shape));
  return { name, input: shape, nodes: fragment.nodes };
}

/** MobileNet v1 depthwise separable block: dw K×K → BN → act → pw 1×1 → BN → act. */
export function separableBlockSpec(input: Shape3, options: BlockSettings<DepthwiseSeparableOptions>): ModelSpec {
  return oneBlockSpec('separable block', input, 'conv_1', (p) => depthwiseSeparableBlock({ ...options, ...p }));
}

/** MobileNet v2 inverted residual: expand ×t → dw → linear project (+ input when shapes match). */
export function invertedResidualSpec(input: Shape3, options: BlockSettings<InvertedResidualOptions>): ModelSpec {
  return oneBlockSpec('inverted residual block', input, 'block_1', (p) => invertedResidualBlock({ ...options, ...p }));
}

/** Squeeze-and-excite on its own (MobileNet v3 form: squeeze makeDivisible(C/4, 8), hard-sigmoid gate). */
export function squeezeExciteSpec(input: Shape3, options: BlockSettings<SqueezeExciteOptions> = {}): ModelSpec {
  return oneBlockSpec('squeeze-and-excite', input, 'block_1', (p) => squeezeExciteBlock({ ...options, ...p }));
}

/** MobileNet v3 bottleneck: expand → dw → [SE] → linear project (+ input), with ReLU or h-swish. */
export function v3BottleneckSpec(input: Shape3, options: BlockSettings<MobileNetV3BottleneckOptions>): ModelSpec {
  return oneBlockSpec('mobilenet v3 bottleneck', input, 'expanded_conv', (p) => mobileNetV3Bottleneck({ ...options, ...p }));
}

/**
 * One DenseNet layer H_l without its concatenation: BN → ReLU → 3×3 conv to k
 * (plain, `bottleneck: false`) or BN → ReLU → 1×1 conv to 4k → BN → ReLU →
 * 3×3 conv to k (DenseNet-B, the default). Output: the k new channels.
 */
export function denseLayerSpec(input: Shape3, options: BlockSettings<DenseLayerOptions>): ModelSpec {
  const form = (options.bottleneck ?? true) ? 'bottleneck' : 'plain';
  return oneBlockSpec(`dense layer (${form})`, input, 'conv2_block1', (p) => denseLayer({ ...options, ...p }));
}

/** A dense block of `layers` dense layers: channels grow k0 + layers·k, height and width stay. */
export function denseBlockSpec(input: Shape3, options: Omit<DenseBlockOptions, keyof BlockPlacement>): ModelSpec {
  return oneBlockSpec('dense block', input, 'conv2', (p) => denseBlock({ ...options, ...p }));
}

/** Transition layer: BN → ReLU → 1×1 conv to floor(θ·C) → 2×2 average pool, stride 2. */
export function transitionSpec(input: Shape3, options: BlockSettings<TransitionOptions> = {}): ModelSpec {
  return oneBlockSpec('transition layer', input, 'pool2', (p) => transitionLayer({ ...options, ...p }));
}

/** ResNet basic block: 3×3 → BN → ReLU → 3×3 → BN, + shortcut (projection or option-A zero pad), ReLU. */
export function resNetBasicSpec(input: Shape3, options: BlockSettings<ResNetBlockOptions>): ModelSpec {
  return oneBlockSpec('resnet basic block', input, 'conv2_block1', (p) => resNetBasicBlock({ ...options, ...p }));
}

/** ResNet bottleneck block: 1×1 → 3×3 → 1×1 to 4·filters, + shortcut, ReLU (stride on the 1×1 or the 3×3). */
export function resNetBottleneckSpec(input: Shape3, options: BlockSettings<ResNetBottleneckOptions>): ModelSpec {
  return oneBlockSpec('resnet bottleneck block', input, 'conv2_block1', (p) => resNetBottleneckBlock({ ...options, ...p }));
}
