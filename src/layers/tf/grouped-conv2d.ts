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
import { ConvkitInputError, requireInteger } from '../../errors';
import { requireDilationOrStrideOne } from '../../models/defaults';
import { requireKernelInitializerName, requireSeed, seededKernelInitializer, type KernelInitializerName } from './kernel-initializer';
import { requireRank4, singleShape, singleTensor } from './layer-io';

export interface GroupedConv2DArgs extends LayerArgs {
  /** Output channels M; must divide by `groups`. */
  filters: number;
  /** [Kh, Kw]. */
  kernelSize: [number, number];
  /** Channel groups G; input channels C and filters M must both divide by it. */
  groups: number;
  /** [vertical, horizontal]. Default [1, 1]. */
  strides?: [number, number];
  /** TF padding rule. Default 'same'. (Explicit padding: put a zeroPadding2d in front and use 'valid'.) */
  padding?: 'same' | 'valid';
  /** [vertical, horizontal]; > 1 only with strides 1 (src/models/defaults.ts requireDilationOrStrideOne). Default [1, 1]. */
  dilation?: [number, number];
  /** Add a bias per output channel. Default false. */
  useBias?: boolean;
  /** Kernel initialiser family. Default 'heNormal'. */
  kernelInitializer?: KernelInitializerName;
  /** Seed of the kernel initialiser. Default 0. */
  seed?: number;
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
    this.kernelSize = [requireInteger('kernelSize', args.kernelSize[0]), requireInteger('kernelSize', args.kernelSize[1])];
    this.groups = requireInteger('groups', args.groups);
    const strides = args.strides ?? [1, 1];
    this.strides = [requireInteger('strides', strides[0]), requireInteger('strides', strides[1])];
    const dilation = args.dilation ?? [1, 1];
    this.dilation = [requireInteger('dilation', dilation[0]), requireInteger('dilation', dilation[1])];
    requireDilationOrStrideOne(this.dilation, this.strides);
    this.padding = args.padding ?? 'same';
    if (this.padding !== 'same' && this.padding !== 'valid') {
      throw new ConvkitInputError('padding', this.padding, "must be 'same' or 'valid'");
    }
    this.useBias = args.useBias ?? false;
    this.kernelInitializer = requireKernelInitializerName('kernelInitializer', args.kernelInitializer ?? 'heNormal');
    this.seed = requireSeed('seed', args.seed ?? 0);
    if (this.filters % this.groups !== 0) {
      throw new ConvkitInputError('groups', this.groups, `must divide filters (${this.filters})`);
    }
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = singleShape(this.name, inputShape);
    requireRank4(this.name, shape);
    const channels = requireInteger(`${this.name}.channels`, shape[3]);
    if (channels % this.groups !== 0) {
      throw new ConvkitInputError('groups', this.groups, `must divide the input channels (${channels})`);
    }
    const [kh, kw] = this.kernelSize;
    this.kernel = this.addWeight('kernel', [kh, kw, channels / this.groups, this.filters], 'float32', seededKernelInitializer(this.kernelInitializer, this.seed));
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
    const out = (size: number | null, axis: 0 | 1): number | null => {
      if (size == null) return null;
      const s = this.strides[axis];
      if (this.padding === 'same') return Math.ceil(size / s);
      const dilatedKernel = (this.kernelSize[axis] - 1) * this.dilation[axis] + 1;
      return Math.floor((size - dilatedKernel) / s) + 1;
    };
    return [batch, out(height, 0), out(width, 1), this.filters];
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
