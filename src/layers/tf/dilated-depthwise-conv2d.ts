/**
 * A depthwise convolution that honours its dilation rate.
 *
 * Why it exists: tfjs-layers 4.22's DepthwiseConv2D accepts `dilationRate`
 * but never passes it to the op (its `call` hands `null` to
 * tf.depthwiseConv2d, and its `computeOutputShape` leaves the rate out).
 * With 'same' padding the result is silently the undilated convolution;
 * with 'valid' the symbolic shape disagrees with the real one and building
 * a model fails. The op itself, tf.depthwiseConv2d, dilates correctly, so
 * this layer is DepthwiseConv2D with the rate passed through:
 *
 *   y[n, i, j, c·D + q] = Σ_{u,v} x[n, i·s_h + u·r_h − p_top, j·s_w + v·r_w − p_left, c] · k[u, v, c, q]
 *
 * Weights: `depthwise_kernel` [Kh, Kw, C, D] and, with a bias, `bias` [C·D]:
 * the names and shapes of DepthwiseConv2D, so weights copy between the two
 * and into the reference layer (src/layers/reference/depthwise-conv2d.ts).
 * The spec's validation (src/models/defaults.ts) has already refused a
 * dilation > 1 together with a stride > 1, which the op does not compute.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology';
import type { LayerVariable } from '@tensorflow/tfjs-layers/dist/variables';
import { ConvkitInputError, requireInteger } from '../../errors';
import { requireDilationOrStrideOne } from '../../models/defaults';
import { requireKernelInitializerName, requireSeed, seededKernelInitializer, type KernelInitializerName } from './kernel-initializer';
import { requireRank4, singleShape, singleTensor } from './layer-io';

export interface DilatedDepthwiseConv2DArgs extends LayerArgs {
  /** [Kh, Kw]. */
  kernelSize: [number, number];
  /** [vertical, horizontal]. Default [1, 1]. */
  strides?: [number, number];
  /** TF padding rule. Default 'same'. (Explicit padding: put a zeroPadding2d in front and use 'valid'.) */
  padding?: 'same' | 'valid';
  /** [vertical, horizontal]. Default [1, 1]. */
  dilation?: [number, number];
  /** Output channels per input channel D. Default 1. */
  depthMultiplier?: number;
  /** Add a bias per output channel. Default false. */
  useBias?: boolean;
  /** Kernel initialiser family. Default 'heNormal'. */
  kernelInitializer?: KernelInitializerName;
  /** Seed of the kernel initialiser. Default 0. */
  seed?: number;
}

export class DilatedDepthwiseConv2D extends tf.layers.Layer {
  static className = 'DilatedDepthwiseConv2D';
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: 'same' | 'valid';
  readonly dilation: [number, number];
  readonly depthMultiplier: number;
  readonly useBias: boolean;
  readonly kernelInitializer: KernelInitializerName;
  readonly seed: number;
  private depthwiseKernel?: LayerVariable;
  private bias?: LayerVariable;

  constructor(args: DilatedDepthwiseConv2DArgs) {
    super(args);
    this.kernelSize = [requireInteger('kernelSize', args.kernelSize?.[0]), requireInteger('kernelSize', args.kernelSize?.[1])];
    const strides = args.strides ?? [1, 1];
    this.strides = [requireInteger('strides', strides[0]), requireInteger('strides', strides[1])];
    const dilation = args.dilation ?? [1, 1];
    this.dilation = [requireInteger('dilation', dilation[0]), requireInteger('dilation', dilation[1])];
    requireDilationOrStrideOne(this.dilation, this.strides);
    this.padding = args.padding ?? 'same';
    if (this.padding !== 'same' && this.padding !== 'valid') {
      throw new ConvkitInputError('padding', this.padding, "must be 'same' or 'valid'");
    }
    this.depthMultiplier = requireInteger('depthMultiplier', args.depthMultiplier ?? 1);
    this.useBias = args.useBias ?? false;
    this.kernelInitializer = requireKernelInitializerName('kernelInitializer', args.kernelInitializer ?? 'heNormal');
    this.seed = requireSeed('seed', args.seed ?? 0);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = singleShape(this.name, inputShape);
    requireRank4(this.name, shape);
    const channels = requireInteger(`${this.name}.channels`, shape[3]);
    const [kh, kw] = this.kernelSize;
    this.depthwiseKernel = this.addWeight(
      'depthwise_kernel',
      [kh, kw, channels, this.depthMultiplier],
      'float32',
      seededKernelInitializer(this.kernelInitializer, this.seed),
    );
    if (this.useBias) this.bias = this.addWeight('bias', [channels * this.depthMultiplier], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = singleTensor(this.name, inputs) as tf.Tensor4D;
      if (this.depthwiseKernel === undefined) throw new Error(`${this.name}: call() before build()`);
      const y = tf.depthwiseConv2d(x, this.depthwiseKernel.read() as tf.Tensor4D, this.strides, this.padding, 'NHWC', this.dilation);
      return this.bias === undefined ? y : tf.add(y, this.bias.read());
    });
  }

  /** The output-length rules of src/cost/output-shape.ts, dilation included. */
  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, height, width, channels] = singleShape(this.name, inputShape);
    const out = (size: number | null, axis: 0 | 1): number | null => {
      if (size == null) return null;
      const s = this.strides[axis];
      if (this.padding === 'same') return Math.ceil(size / s);
      const dilatedKernel = (this.kernelSize[axis] - 1) * this.dilation[axis] + 1;
      return Math.floor((size - dilatedKernel) / s) + 1;
    };
    return [batch, out(height, 0), out(width, 1), channels == null ? null : channels * this.depthMultiplier];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      kernelSize: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      dilation: this.dilation,
      depthMultiplier: this.depthMultiplier,
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer,
      seed: this.seed,
    };
  }
}
tf.serialization.registerClass(DilatedDepthwiseConv2D);
