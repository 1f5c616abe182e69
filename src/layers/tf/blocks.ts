/**
 * The lessons' building blocks as runnable TF.js models. Each `…Model(input,
 * options, build)` runs buildTfModel on the one-block spec that
 * src/models/one-block.ts writes (`…Spec(input, options)`), so the block a
 * notebook runs is, node for node, the one the cost tables describe:
 *
 *   const spec = invertedResidualSpec([16, 16, 24], { expansion: 6, filters: 24 });
 *   summarize(spec)                        // MACs, params, shapes
 *   const model = invertedResidualModel([16, 16, 24], { expansion: 6, filters: 24 });
 *   model.predict(x)                       // [N, 16, 16, 24]
 *
 * The `…Spec` builders are re-exported from here for older importers; code
 * that needs only the specs should import src/models/one-block, which does
 * not load TF.js.
 *
 * `input` is the block's input shape [height, width, channels] without batch.
 */
import type * as tf from '@tensorflow/tfjs';
import type {
  BlockPlacement,
  DenseBlockOptions,
  DenseLayerOptions,
  DepthwiseSeparableOptions,
  InvertedResidualOptions,
  MobileNetV3BottleneckOptions,
  ResNetBlockOptions,
  ResNetBottleneckOptions,
  SqueezeExciteOptions,
  TransitionOptions,
} from '../../models/blocks';
import {
  denseBlockSpec,
  denseLayerSpec,
  invertedResidualSpec,
  resNetBasicSpec,
  resNetBottleneckSpec,
  separableBlockSpec,
  squeezeExciteSpec,
  transitionSpec,
  v3BottleneckSpec,
  type BlockSettings,
} from '../../models/one-block';
import type { Shape3 } from '../../core/spec';
import { buildTfModel, type BuildTfModelOptions } from './build-model';

export {
  denseBlockSpec,
  denseLayerSpec,
  invertedResidualSpec,
  oneBlockSpec,
  resNetBasicSpec,
  resNetBottleneckSpec,
  separableBlockSpec,
  squeezeExciteSpec,
  transitionSpec,
  v3BottleneckSpec,
  type BlockSettings,
} from '../../models/one-block';

/** MobileNet v1 depthwise separable block as a TF.js model (spec: separableBlockSpec). */
export function separableBlockModel(input: Shape3, options: BlockSettings<DepthwiseSeparableOptions>, build?: BuildTfModelOptions): tf.LayersModel {
  return buildTfModel(separableBlockSpec(input, options), build);
}

/** MobileNet v2 inverted residual as a TF.js model (spec: invertedResidualSpec). */
export function invertedResidualModel(input: Shape3, options: BlockSettings<InvertedResidualOptions>, build?: BuildTfModelOptions): tf.LayersModel {
  return buildTfModel(invertedResidualSpec(input, options), build);
}

/** Squeeze-and-excite on its own as a TF.js model (spec: squeezeExciteSpec). */
export function squeezeExciteModel(input: Shape3, options: BlockSettings<SqueezeExciteOptions> = {}, build?: BuildTfModelOptions): tf.LayersModel {
  return buildTfModel(squeezeExciteSpec(input, options), build);
}

/** MobileNet v3 bottleneck as a TF.js model (spec: v3BottleneckSpec). */
export function v3BottleneckModel(input: Shape3, options: BlockSettings<MobileNetV3BottleneckOptions>, build?: BuildTfModelOptions): tf.LayersModel {
  return buildTfModel(v3BottleneckSpec(input, options), build);
}

/** One DenseNet layer H_l (without its concatenation) as a TF.js model (spec: denseLayerSpec). */
export function denseLayerModel(input: Shape3, options: BlockSettings<DenseLayerOptions>, build?: BuildTfModelOptions): tf.LayersModel {
  return buildTfModel(denseLayerSpec(input, options), build);
}

/** A dense block as a TF.js model (spec: denseBlockSpec). */
export function denseBlockModel(input: Shape3, options: Omit<DenseBlockOptions, keyof BlockPlacement>, build?: BuildTfModelOptions): tf.LayersModel {
  return buildTfModel(denseBlockSpec(input, options), build);
}

/** Transition layer as a TF.js model (spec: transitionSpec). */
export function transitionModel(input: Shape3, options: BlockSettings<TransitionOptions> = {}, build?: BuildTfModelOptions): tf.LayersModel {
  return buildTfModel(transitionSpec(input, options), build);
}

/** ResNet basic block as a TF.js model (spec: resNetBasicSpec). */
export function resNetBasicModel(input: Shape3, options: BlockSettings<ResNetBlockOptions>, build?: BuildTfModelOptions): tf.LayersModel {
  return buildTfModel(resNetBasicSpec(input, options), build);
}

/** ResNet bottleneck block as a TF.js model (spec: resNetBottleneckSpec). */
export function resNetBottleneckModel(input: Shape3, options: BlockSettings<ResNetBottleneckOptions>, build?: BuildTfModelOptions): tf.LayersModel {
  return buildTfModel(resNetBottleneckSpec(input, options), build);
}
