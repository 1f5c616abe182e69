/**
 * The building blocks of the zoo, as spec fragments, one file per family:
 *   placement.ts  BlockPlacement / BlockFragment and symmetricPadding (shared)
 *   mobilenet.ts  depthwise separable (v1), inverted residual (v2), squeeze-and-excite, v3 bottleneck
 *   densenet.ts   dense layer, dense block, transition layer
 *   resnet.ts     basic block, bottleneck block, shortcuts
 *
 *   const a = depthwiseSeparableBlock({ prefix: 'conv_1', input: INPUT, inputChannels: 32, filters: 64 });
 *   const b = depthwiseSeparableBlock({ prefix: 'conv_2', input: a.output, inputChannels: a.outputChannels, filters: 128, strides: 2 });
 *
 * The zoo's models, the one-block specs (src/models/one-block.ts) and the CLI
 * (`convkit layer separable|…`) all build from these, so a block is defined
 * once. Importers keep writing `from './blocks'`: this index resolves there.
 * The writer helpers in placement.ts (FragmentWriter, checkPlacement) stay
 * internal to this folder.
 */
export { symmetricPadding, type BlockFragment, type BlockPlacement } from './placement';
export {
  defaultSqueezeChannels,
  depthwiseSeparableBlock,
  invertedResidualBlock,
  mobileNetV3Bottleneck,
  squeezeExciteBlock,
  type DepthwiseSeparableOptions,
  type InvertedResidualOptions,
  type MobileNetV3BottleneckOptions,
  type SqueezeExciteOptions,
} from './mobilenet';
export {
  denseBlock,
  denseLayer,
  transitionLayer,
  type DenseBlockOptions,
  type DenseLayerOptions,
  type TransitionOptions,
} from './densenet';
export {
  resNetBasicBlock,
  resNetBottleneckBlock,
  type ResNetBlockOptions,
  type ResNetBottleneckOptions,
  type ShortcutKind,
} from './resnet';
export { mbConvBlock, mbConvSqueezeChannels, type MBConvOptions } from './efficientnet';
