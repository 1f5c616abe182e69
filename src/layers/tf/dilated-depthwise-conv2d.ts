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
import { requireInteger } from '../../core/errors';
import { convOutputLength, requireConvLayerArgs, type ConvLayerArgs } from './conv-layer-args';
import { seededKernelInitializer, type KernelInitializerName } from './kernel-initializer';
import { inputChannels, singleShape, singleTensor } from './layer-io';

export interface DilatedDepthwiseConv2DArgs extends LayerArgs, ConvLayerArgs {
  /** Output channels per input channel D. Default 1. */
  depthMultiplier?: number;
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
    const checked = requireConvLayerArgs(args);
    this.kernelSize = checked.kernelSize;
    this.strides = checked.strides;
    this.padding = checked.padding;
    this.dilation = checked.dilation;
    this.depthMultiplier = requireInteger('depthMultiplier', args.depthMultiplier ?? 1);
    this.useBias = checked.useBias;
    this.kernelInitializer = checked.kernelInitializer;
    this.seed = checked.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const channels = inputChannels(this.name, inputShape);
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

  /** TF's output-length rule, dilation included (conv-layer-args.ts). */
  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, height, width, channels] = singleShape(this.name, inputShape);
    return [batch, convOutputLength(height, 0, this), convOutputLength(width, 1, this), channels == null ? null : channels * this.depthMultiplier];
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
