/**
 * Grouped convolution (Krizhevsky et al. 2012; ResNeXt, Xie et al. 2017),
 * which tfjs-layers' conv2d lacks. The C input channels are cut into `groups`
 * equal slices; slice g is convolved with its own M/groups filters of depth
 * C/groups; the results are concatenated along channels:
 *
 *   kernel: [Kh, Kw, C / groups, M]   (one tensor, as Keras stores it)
 *   y = concat_g conv2d(x[…, g·C/G : (g+1)·C/G], kernel[…, g·M/G : (g+1)·M/G])
 *
 * Weights Kh·Kw·(C/G)·M (+ M bias) — 1/G of a standard conv, and so are the
 * multiply-adds. With groups = 1 this is an ordinary conv2d.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology';
import type { LayerVariable } from '@tensorflow/tfjs-layers/dist/variables';
import { ConvkitInputError, requireInteger } from '../../core/errors';
import { convOutputLength, requireConvLayerArgs, type ConvLayerArgs } from './conv-layer-args';
import { seededKernelInitializer, type KernelInitializerName } from './kernel-initializer';
import { inputChannels, singleShape, singleTensor } from './layer-io';

export interface GroupedConv2DArgs extends LayerArgs, ConvLayerArgs {
  /** Output channels M; must divide by `groups`. */
  filters: number;
  /** Channel groups G; input channels C and filters M must both divide by it. */
  groups: number;
}

export class GroupedConv2D extends tf.layers.Layer {
  static className = 'GroupedConv2D';
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly groups: number;
  readonly strides: [number, number];
  readonly padding: 'same' | 'valid';
  readonly dilation: [number, number];
  readonly useBias: boolean;
  readonly kernelInitializer: KernelInitializerName;
  readonly seed: number;
  private kernel?: LayerVariable;
  private bias?: LayerVariable;

  constructor(args: GroupedConv2DArgs) {
    super(args);
    this.filters = requireInteger('filters', args.filters);
    const checked = requireConvLayerArgs(args);
    this.kernelSize = checked.kernelSize;
    this.groups = requireInteger('groups', args.groups);
    this.strides = checked.strides;
    this.padding = checked.padding;
    this.dilation = checked.dilation;
    this.useBias = checked.useBias;
    this.kernelInitializer = checked.kernelInitializer;
    this.seed = checked.seed;
    if (this.filters % this.groups !== 0) {
      throw new ConvkitInputError('groups', this.groups, `must divide filters (${this.filters})`);
    }
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const channels = inputChannels(this.name, inputShape);
    if (channels % this.groups !== 0) {
      throw new ConvkitInputError('groups', this.groups, `must divide the input channels (${channels})`);
    }
    const [kh, kw] = this.kernelSize;
    this.kernel = this.addWeight(
      'kernel',
      [kh, kw, channels / this.groups, this.filters],
      'float32',
      seededKernelInitializer(this.kernelInitializer, this.seed),
    );
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = singleTensor(this.name, inputs) as tf.Tensor4D;
      if (this.kernel === undefined) throw new Error(`${this.name}: call() before build()`);
      const kernel = this.kernel.read() as tf.Tensor4D;
      const xs = this.groups === 1 ? [x] : (tf.split(x, this.groups, 3) as tf.Tensor4D[]);
      const ks = this.groups === 1 ? [kernel] : (tf.split(kernel, this.groups, 3) as tf.Tensor4D[]);
      const ys = xs.map((xg, g) => tf.conv2d(xg, ks[g], this.strides, this.padding, 'NHWC', this.dilation));
      const y = ys.length === 1 ? ys[0] : tf.concat(ys, 3);
      return this.bias === undefined ? y : tf.add(y, this.bias.read());
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, height, width] = singleShape(this.name, inputShape);
    return [batch, convOutputLength(height, 0, this), convOutputLength(width, 1, this), this.filters];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      filters: this.filters,
      kernelSize: this.kernelSize,
      groups: this.groups,
      strides: this.strides,
      padding: this.padding,
      dilation: this.dilation,
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer,
      seed: this.seed,
    };
  }
}
tf.serialization.registerClass(GroupedConv2D);

/**
 * A grouped 2-D convolution (split the channels into `groups`, convolve each
 * slice with its own filters, concatenate).
 * Input: [batch, H, W, C], C divisible by groups. Output: [batch, H', W', filters].
 * Weights: Kh·Kw·(C/groups)·filters (+ filters if useBias).
 */
export function groupedConv2d(args: GroupedConv2DArgs): GroupedConv2D {
  return new GroupedConv2D(args);
}
