/**
 * Swish (Ramachandran et al. 2017, "Searching for Activation Functions"),
 * with β = 1, also called SiLU:
 *
 *   swish(x) = x · sigmoid(x)
 *
 * MobileNet v3's h-swish approximates it without the exponential.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology';
import { ElementwiseActivation } from './elementwise-activation';

/** Constructor arguments of Swish: only the common layer ones (name, trainable…). */
export interface SwishArgs extends LayerArgs {}

export class Swish extends ElementwiseActivation {
  static className = 'Swish';
  protected readonly activation = 'swish' as const;

  constructor(args: SwishArgs = {}) {
    super(args);
  }
}
tf.serialization.registerClass(Swish);

/**
 * A swish layer: x · sigmoid(x), elementwise.
 * Input: any shape. Output: the same shape. No weights.
 */
export function swish(args: SwishArgs = {}): Swish {
  return new Swish(args);
}
