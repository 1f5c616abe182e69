/**
 * The TF.js view of convkit's specs: custom layers tfjs-layers lacks and the
 * generic spec → tf.LayersModel interpreter, which builds any spec, one
 * block (`buildTfModel(invertedResidualSpec(…))`) or a whole model.
 */
export { applyActivation } from './activation-fns';
export {
  HardSwish,
  hardSwish,
  type HardSwishArgs,
  HardSigmoid,
  hardSigmoid,
  type HardSigmoidArgs,
  Swish,
  swish,
  type SwishArgs,
} from './elementwise-activation';
export { SqueezeExcite, squeezeExcite, type SqueezeExciteArgs } from './squeeze-excite';
export { ZeroPadShortcut, zeroPadShortcut, type ZeroPadShortcutArgs } from './zero-pad-shortcut';
export { GroupedConv2D, groupedConv2d, type GroupedConv2DArgs } from './grouped-conv2d';
export { DilatedDepthwiseConv2D, type DilatedDepthwiseConv2DArgs } from './dilated-depthwise-conv2d';
export { KERNEL_INITIALIZERS, deriveSeed, type KernelInitializerName } from './kernel-initializer';
export { buildTfModel, type BuildTfModelOptions } from './build-model';
export { trainSteps, recalibrateBatchNorm, classificationAccuracy, type TrainStepsOptions, type TrainStepsResult } from './train';
export { syntheticImages, type SyntheticImagesOptions } from './synthetic-data';
