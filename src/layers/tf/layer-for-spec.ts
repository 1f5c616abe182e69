/**
 * One spec layer → the tf.layers that compute it. A table of small strategies,
 * one per LayerKind, each taking the node's (normalised) spec and its symbolic
 * inputs and returning its symbolic output.
 *
 * Mapping notes (where tf.js and the spec differ):
 * - Explicit padding: tf.layers have only 'same'/'valid', so explicit sides
 *   become a zeroPadding2d layer (`<name>_pad`) followed by 'valid' — what
 *   Keras' own applications do (e.g. ZeroPadding2D before DenseNet's stem pool).
 *   For max pooling, zeros differ from PyTorch's −∞ padding only in a window
 *   whose values are all negative; in the zoo a ReLU always comes first.
 * - depthwiseConv2d with dilation > 1: tfjs-layers' DepthwiseConv2D ignores
 *   the rate, so DilatedDepthwiseConv2D (./dilated-depthwise-conv2d.ts) calls
 *   the op with it.
 * - conv2d with groups > 1: tfjs has no groups, so GroupedConv2D splits the
 *   channels and concatenates (./grouped-conv2d.ts).
 * - pointwiseConv2d is a conv2d with a 1×1 kernel.
 * - globalAvgPool: tf's layer gives [N, C]; a reshape (`<name>_reshape`)
 *   restores [N, 1, 1, C] so every shape equals the cost model's Shape3.
 * - batchNorm: momentum 0.99 (Keras), epsilon from the spec.
 * - hardSwish / hardSigmoid / swish and squeezeExcite / zeroPadShortcut are
 *   convkit's own layers (this folder).
 * - Dense acts on the last axis at every position, as in Keras.
 */
import * as tf from '@tensorflow/tfjs';
import type { SymbolicTensor } from '@tensorflow/tfjs-layers/dist/engine/topology';
import type { NormalizedLayer, PairTuple } from '../../core/defaults';
import type { ActivationName, Padding } from '../../core/spec';
import { batchNorm } from './batch-norm';
import { DilatedDepthwiseConv2D } from './dilated-depthwise-conv2d';
import { GroupedConv2D } from './grouped-conv2d';
import { HardSigmoid, HardSwish, Swish } from './elementwise-activation';
import { deriveSeed, seededKernelInitializer, type KernelInitializerName } from './kernel-initializer';
import { SqueezeExcite } from './squeeze-excite';
import { ZeroPadShortcut } from './zero-pad-shortcut';

/** What a strategy needs besides the layer: its name, inputs and seeds. */
export interface LayerContext {
  /** The node's name; tf layer names are this (plus `_pad`/`_reshape` for helpers). */
  readonly name: string;
  readonly inputs: readonly SymbolicTensor[];
  /** The model seed and the node's index, from which every kernel seed derives. */
  readonly modelSeed: number;
  readonly layerIndex: number;
  readonly kernelInitializer: KernelInitializerName;
}

type Apply = (layer: tf.layers.Layer, input: SymbolicTensor | SymbolicTensor[]) => SymbolicTensor;
const apply: Apply = (layer, input) => layer.apply(input) as SymbolicTensor;

/** The node's symbolic output, built from tf layers. */
export function tfOutputFor(layer: NormalizedLayer, ctx: LayerContext): SymbolicTensor {
  const seed = (slot: number): number => deriveSeed(ctx.modelSeed, ctx.layerIndex, slot);
  const kernel = (slot: number) => seededKernelInitializer(ctx.kernelInitializer, seed(slot));
  const name = ctx.name;
  const one = (): SymbolicTensor => ctx.inputs[0];
  switch (layer.kind) {
    case 'conv2d': {
      const { input, padding, window } = convWindow(layer, one(), name);
      if (layer.groups !== 1) {
        const grouped = new GroupedConv2D({
          name,
          filters: layer.filters,
          kernelSize: window.kernelSize,
          groups: layer.groups,
          strides: window.strides,
          padding,
          dilation: window.dilationRate,
          useBias: layer.useBias,
          kernelInitializer: ctx.kernelInitializer,
          seed: seed(0),
        });
        return apply(grouped, input);
      }
      return apply(tf.layers.conv2d({ name, filters: layer.filters, ...window, useBias: layer.useBias, kernelInitializer: kernel(0) }), input);
    }
    case 'depthwiseConv2d': {
      const { input, padding, window } = convWindow(layer, one(), name);
      if (layer.dilation[0] > 1 || layer.dilation[1] > 1) {
        // tfjs-layers' DepthwiseConv2D drops the dilation rate (./dilated-depthwise-conv2d.ts).
        const dilated = new DilatedDepthwiseConv2D({
          name,
          kernelSize: window.kernelSize,
          strides: window.strides,
          padding,
          dilation: window.dilationRate,
          depthMultiplier: layer.depthMultiplier,
          useBias: layer.useBias,
          kernelInitializer: ctx.kernelInitializer,
          seed: seed(0),
        });
        return apply(dilated, input);
      }
      return apply(
        tf.layers.depthwiseConv2d({
          name,
          ...window,
          depthMultiplier: layer.depthMultiplier,
          useBias: layer.useBias,
          depthwiseInitializer: kernel(0),
        }),
        input,
      );
    }
    case 'pointwiseConv2d':
      return apply(tf.layers.conv2d({ name, filters: layer.filters, kernelSize: 1, useBias: layer.useBias, kernelInitializer: kernel(0) }), one());
    case 'separableConv2d': {
      const { input, window } = convWindow(layer, one(), name);
      const separable = tf.layers.separableConv2d({
        name,
        filters: layer.filters,
        ...window,
        depthMultiplier: layer.depthMultiplier,
        useBias: layer.useBias,
        depthwiseInitializer: kernel(0),
        pointwiseInitializer: kernel(1),
      });
      // tfjs-layers 4.22's SeparableConv reads its pointwise initialiser from
      // `depthwiseInitializer`, so both kernels would start from the same seed
      // (the same random stream); set the pointwise one that was asked for.
      (separable as unknown as { pointwiseInitializer: unknown }).pointwiseInitializer = kernel(1);
      return apply(separable, input);
    }
    case 'batchNorm':
      return apply(batchNorm({ name, epsilon: layer.epsilon, momentum: 0.99 }), one());
    case 'activation':
      return apply(activationLayer(layer.activation, name), one());
    case 'maxPool':
    case 'avgPool': {
      const { input, padding } = padded(one(), layer.padding, name);
      const args = { name, poolSize: [...layer.poolSize] as [number, number], strides: [...layer.strides] as [number, number], padding };
      return apply(layer.kind === 'maxPool' ? tf.layers.maxPooling2d(args) : tf.layers.averagePooling2d(args), input);
    }
    case 'globalAvgPool': {
      const pooled = apply(tf.layers.globalAveragePooling2d({ name }), one());
      const channels = pooled.shape[1] as number;
      return apply(tf.layers.reshape({ name: `${name}_reshape`, targetShape: [1, 1, channels] }), pooled);
    }
    case 'dense':
      return apply(
        tf.layers.dense({ name, units: layer.units, useBias: layer.useBias, kernelInitializer: tf.initializers.glorotUniform({ seed: seed(0) }) }),
        one(),
      );
    case 'add':
      return apply(tf.layers.add({ name }), [...ctx.inputs]);
    case 'concat':
      return apply(tf.layers.concatenate({ name, axis: -1 }), [...ctx.inputs]);
    case 'squeezeExcite':
      return apply(
        new SqueezeExcite({
          name,
          squeezeChannels: layer.squeezeChannels,
          innerActivation: layer.innerActivation,
          gateActivation: layer.gateActivation,
          seed: seed(0),
        }),
        one(),
      );
    case 'zeroPadShortcut':
      return apply(new ZeroPadShortcut({ name, filters: layer.filters, strides: layer.strides }), one());
  }
}

/** The tf layer for one of the spec's activations. */
export function activationLayer(activation: ActivationName, name: string): tf.layers.Layer {
  switch (activation) {
    case 'relu':
      return tf.layers.reLU({ name });
    case 'relu6':
      return tf.layers.reLU({ name, maxValue: 6 });
    case 'sigmoid':
      return tf.layers.activation({ name, activation: 'sigmoid' });
    case 'softmax':
      return tf.layers.softmax({ name, axis: -1 });
    case 'hardSwish':
      return new HardSwish({ name });
    case 'hardSigmoid':
      return new HardSigmoid({ name });
    case 'swish':
      return new Swish({ name });
  }
}

/**
 * Explicit padding → a zeroPadding2d layer in front and 'valid'; 'same' and
 * 'valid' pass through. All-zero explicit padding adds no layer.
 */
function padded(input: SymbolicTensor, padding: Padding, name: string): { input: SymbolicTensor; padding: 'same' | 'valid' } {
  if (padding === 'same' || padding === 'valid') return { input, padding };
  const { top, bottom, left, right } = padding;
  if (top + bottom + left + right === 0) return { input, padding: 'valid' };
  const pad = tf.layers.zeroPadding2d({
    name: `${name}_pad`,
    padding: [
      [top, bottom],
      [left, right],
    ],
  });
  return { input: apply(pad, input), padding: 'valid' };
}

/**
 * The sliding-window arguments conv2d, depthwiseConv2d and separableConv2d
 * share: explicit padding as a zeroPadding2d layer, and kernelSize /
 * strides / padding / dilationRate for the tf layer. (Dilation with a
 * stride was refused when the spec was normalised: src/models/defaults.ts.)
 */
function convWindow(
  layer: { readonly kernelSize: PairTuple; readonly strides: PairTuple; readonly dilation: PairTuple; readonly padding: Padding },
  input: SymbolicTensor,
  name: string,
): {
  input: SymbolicTensor;
  padding: 'same' | 'valid';
  window: { kernelSize: [number, number]; strides: [number, number]; padding: 'same' | 'valid'; dilationRate: [number, number] };
} {
  const { input: paddedInput, padding } = padded(input, layer.padding, name);
  return {
    input: paddedInput,
    padding,
    window: { kernelSize: [...layer.kernelSize], strides: [...layer.strides], padding, dilationRate: [...layer.dilation] },
  };
}
