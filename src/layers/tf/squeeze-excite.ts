/**
 * Squeeze-and-excite (Hu et al. 2018, "Squeeze-and-Excitation Networks"), as
 * MobileNet v3 places it inside its bottleneck (Howard et al. 2019, §5.3):
 *
 *   s = mean over H, W of x                     squeeze: one number per channel, [N, C]
 *   z = innerActivation(s · W1 + b1)            W1: [C, S]   (a 1×1 conv on a 1×1 map)
 *   g = gateActivation(z · W2 + b2)             W2: [S, C]
 *   y = x · g  (g broadcast over H, W)          excite: rescale each channel
 *
 * Weights: C·S + S + S·C + C, all trainable, held by this layer so that
 * `countParams()` sees them (the cost model counts the same four tensors).
 * The two 1×1 convolutions on a 1×1 map are written as matrix products, which
 * is the same arithmetic with fewer reshapes.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology';
import type { LayerVariable } from '@tensorflow/tfjs-layers/dist/variables';
import type { ActivationName } from '../../core/spec';
import { requireInteger } from '../../core/errors';
import { applyActivation, requireActivationName } from './activation-fns';
import { requireSeed } from './kernel-initializer';
import { inputChannels, singleShape, singleTensor } from './layer-io';

export interface SqueezeExciteArgs extends LayerArgs {
  /** S: channels of the squeezed vector (MobileNet v3: makeDivisible(C/4, 8)). */
  squeezeChannels: number;
  /** Activation after the squeeze projection. Default 'relu'. */
  innerActivation?: ActivationName;
  /** Gate activation, giving one weight per channel. Default 'hardSigmoid' (MobileNet v3); the SE paper uses 'sigmoid'. */
  gateActivation?: ActivationName;
  /** Seed of the two kernels' Glorot-uniform initialisers (biases start at zero). Default 0. */
  seed?: number;
}

export class SqueezeExcite extends tf.layers.Layer {
  static className = 'SqueezeExcite';
  readonly squeezeChannels: number;
  readonly innerActivation: ActivationName;
  readonly gateActivation: ActivationName;
  readonly seed: number;
  private squeezeKernel?: LayerVariable;
  private squeezeBias?: LayerVariable;
  private exciteKernel?: LayerVariable;
  private exciteBias?: LayerVariable;

  constructor(args: SqueezeExciteArgs) {
    super(args);
    this.squeezeChannels = requireInteger('squeezeChannels', args.squeezeChannels);
    this.innerActivation = requireActivationName('innerActivation', args.innerActivation ?? 'relu');
    this.gateActivation = requireActivationName('gateActivation', args.gateActivation ?? 'hardSigmoid');
    this.seed = requireSeed('seed', args.seed ?? 0);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const channels = inputChannels(this.name, inputShape);
    const squeeze = this.squeezeChannels;
    this.squeezeKernel = this.addWeight('squeeze_kernel', [channels, squeeze], 'float32', tf.initializers.glorotUniform({ seed: this.seed }));
    this.squeezeBias = this.addWeight('squeeze_bias', [squeeze], 'float32', tf.initializers.zeros());
    this.exciteKernel = this.addWeight('excite_kernel', [squeeze, channels], 'float32', tf.initializers.glorotUniform({ seed: this.seed + 1 }));
    this.exciteBias = this.addWeight('excite_bias', [channels], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = singleTensor(this.name, inputs) as tf.Tensor4D;
      const [batch, , , channels] = x.shape;
      const squeezed = tf.mean(x, [1, 2]); // [N, C]
      const inner = applyActivation(this.innerActivation, tf.add(tf.matMul(squeezed, this.weightOf(this.squeezeKernel)), this.weightOf(this.squeezeBias)));
      const gate = applyActivation(
        this.gateActivation,
        tf.add(tf.matMul(inner as tf.Tensor2D, this.weightOf(this.exciteKernel)), this.weightOf(this.exciteBias)),
      );
      return tf.mul(x, tf.reshape(gate, [batch, 1, 1, channels]));
    });
  }

  /** The gate only rescales channels, so the shape is unchanged. */
  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return singleShape(this.name, inputShape);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      squeezeChannels: this.squeezeChannels,
      innerActivation: this.innerActivation,
      gateActivation: this.gateActivation,
      seed: this.seed,
    };
  }

  private weightOf(variable: LayerVariable | undefined): tf.Tensor2D {
    if (variable === undefined) throw new Error(`${this.name}: call() before build()`);
    return variable.read() as tf.Tensor2D;
  }
}
tf.serialization.registerClass(SqueezeExcite);

/**
 * A squeeze-and-excite layer: global average pool → dense to `squeezeChannels`
 * (+bias) → innerActivation → dense back to C (+bias) → gateActivation →
 * multiply the input per channel.
 * Input: [batch, height, width, C]. Output: the same shape.
 * Weights: 2·C·S + S + C trainable.
 */
export function squeezeExcite(args: SqueezeExciteArgs): SqueezeExcite {
  return new SqueezeExcite(args);
}
