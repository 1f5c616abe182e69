/**
 * The lessons' building blocks as runnable TF.js models. Each is a thin
 * wrapper: the zoo's block builder (src/models/blocks.ts) writes the block as
 * spec nodes, `…Spec(input, options)` wraps them in a one-block ModelSpec, and
 * `…Model(input, options, build)` runs buildTfModel on it. So the block a
 * notebook runs is, node for node, the one the cost tables describe:
 *
 *   const spec = invertedResidualSpec([16, 16, 24], { expansion: 6, filters: 24 });
 *   summarize(spec)                        // MACs, params, shapes
 *   const model = invertedResidualModel([16, 16, 24], { expansion: 6, filters: 24 });
 *   model.predict(x)                       // [N, 16, 16, 24]
 *
 * `input` is the block's input shape [height, width, channels] without batch.
 */
import type * as tf from '@tensorflow/tfjs';
import { validateShape } from '../../cost/output-shape';
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
} from '../../models/blocks';
import { INPUT, type ModelSpec, type Shape3 } from '../../models/spec';
import { buildTfModel, type BuildTfModelOptions } from './build-model';

/** A block builder's own options, without where it goes (the wrapper places it at the model input). */
export type BlockSettings<O extends BlockPlacement> = Omit<O, keyof BlockPlacement>;

/** A one-block ModelSpec: the block reads the model input; its output is the model output. */
export function oneBlockSpec(
  name: string,
  input: Shape3,
  prefix: string,
  build: (placement: BlockPlacement) => BlockFragment,
): ModelSpec {
  const shape = validateShape('input', input);
  const fragment = build({ prefix, input: INPUT, inputChannels: shape[2] });
  return { name, input: shape, nodes: fragment.nodes };
}

/** MobileNet v1 depthwise separable block: dw K×K → BN → act → pw 1×1 → BN → act. */
export function separableBlockSpec(input: Shape3, options: BlockSettings<DepthwiseSeparableOptions>): ModelSpec {
  return oneBlockSpec('separable block', input, 'conv_1', (p) => depthwiseSeparableBlock({ ...options, ...p }));
}
export function separableBlockModel(input: Shape3, options: BlockSettings<DepthwiseSeparableOptions>, build?: BuildTfModelOptions): tf.LayersModel {
  return buildTfModel(separableBlockSpec(input, options), build);
}

/** MobileNet v2 inverted residual: expand ×t → dw → linear project (+ input when shapes match). */
export function invertedResidualSpec(input: Shape3, options: BlockSettings<InvertedResidualOptions>): ModelSpec {
  return oneBlockSpec('inverted residual block', input, 'block_1', (p) => invertedResidualBlock({ ...options, ...p }));
}
export function invertedResidualModel(input: Shape3, options: BlockSettings<InvertedResidualOptions>, build?: BuildTfModelOptions): tf.LayersModel {
  return buildTfModel(invertedResidualSpec(input, options), build);
}

/** Squeeze-and-excite on its own (MobileNet v3 form: squeeze makeDivisible(C/4, 8), hard-sigmoid gate). */
export function squeezeExciteSpec(input: Shape3, options: BlockSettings<SqueezeExciteOptions> = {}): ModelSpec {
  return oneBlockSpec('squeeze-and-excite', input, 'block_1', (p) => squeezeExciteBlock({ ...options, ...p }));
}
export function squeezeExciteModel(input: Shape3, options: BlockSettings<SqueezeExciteOptions> = {}, build?: BuildTfModelOptions): tf.LayersModel {
  return buildTfModel(squeezeExciteSpec(input, options), build);
}

/** MobileNet v3 bottleneck: expand → dw → [SE] → linear project (+ input), with ReLU or h-swish. */
export function v3BottleneckSpec(input: Shape3, options: BlockSettings<MobileNetV3BottleneckOptions>): ModelSpec {
  return oneBlockSpec('mobilenet v3 bottleneck', input, 'expanded_conv', (p) => mobileNetV3Bottleneck({ ...options, ...p }));
}
export function v3BottleneckModel(input: Shape3, options: BlockSettings<MobileNetV3BottleneckOptions>, build?: BuildTfModelOptions): tf.LayersModel {
  return buildTfModel(v3BottleneckSpec(input, options), build);
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
export function denseLayerModel(input: Shape3, options: BlockSettings<DenseLayerOptions>, build?: BuildTfModelOptions): tf.LayersModel {
  return buildTfModel(denseLayerSpec(input, options), build);
}

/** A dense block of `layers` dense layers: channels grow k0 + layers·k, height and width stay. */
export function denseBlockSpec(input: Shape3, options: Omit<DenseBlockOptions, keyof BlockPlacement>): ModelSpec {
  return oneBlockSpec('dense block', input, 'conv2', (p) => denseBlock({ ...options, ...p }));
}
export function denseBlockModel(input: Shape3, options: Omit<DenseBlockOptions, keyof BlockPlacement>, build?: BuildTfModelOptions): tf.LayersModel {
  return buildTfModel(denseBlockSpec(input, options), build);
}

/** Transition layer: BN → ReLU → 1×1 conv to floor(θ·C) → 2×2 average pool, stride 2. */
export function transitionSpec(input: Shape3, options: BlockSettings<TransitionOptions> = {}): ModelSpec {
  return oneBlockSpec('transition layer', input, 'pool2', (p) => transitionLayer({ ...options, ...p }));
}
export function transitionModel(input: Shape3, options: BlockSettings<TransitionOptions> = {}, build?: BuildTfModelOptions): tf.LayersModel {
  return buildTfModel(transitionSpec(input, options), build);
}

/** ResNet basic block: 3×3 → BN → ReLU → 3×3 → BN, + shortcut (projection or option-A zero pad), ReLU. */
export function resNetBasicSpec(input: Shape3, options: BlockSettings<ResNetBlockOptions>): ModelSpec {
  return oneBlockSpec('resnet basic block', input, 'conv2_block1', (p) => resNetBasicBlock({ ...options, ...p }));
}
export function resNetBasicModel(input: Shape3, options: BlockSettings<ResNetBlockOptions>, build?: BuildTfModelOptions): tf.LayersModel {
  return buildTfModel(resNetBasicSpec(input, options), build);
}

/** ResNet bottleneck block: 1×1 → 3×3 → 1×1 to 4·filters, + shortcut, ReLU (stride on the 1×1 or the 3×3). */
export function resNetBottleneckSpec(input: Shape3, options: BlockSettings<ResNetBottleneckOptions>): ModelSpec {
  return oneBlockSpec('resnet bottleneck block', input, 'conv2_block1', (p) => resNetBottleneckBlock({ ...options, ...p }));
}
export function resNetBottleneckModel(input: Shape3, options: BlockSettings<ResNetBottleneckOptions>, build?: BuildTfModelOptions): tf.LayersModel {
  return buildTfModel(resNetBottleneckSpec(input, options), build);
}
