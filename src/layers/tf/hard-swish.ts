/**
 * h-swish, MobileNet v3's cheap stand-in for swish (Howard et al. 2019,
 * "Searching for MobileNetV3", §5.2):
 *
 *   hardSwish(x) = x · ReLU6(x + 3) / 6
 *
 * It is 0 for x ≤ −3, x for x ≥ 3, and a parabola between; no exponentials,
 * so it is fast and quantises well.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology';
import { ElementwiseActivation } from './elementwise-activation';

/** Constructor arguments of HardSwish: only the common layer ones (name, trainable…). */
export interface HardSwishArgs extends LayerArgs {}

export class HardSwish extends ElementwiseActivation {
  static className = 'HardSwish';
  protected readonly activation = 'hardSwish' as const;

  constructor(args: HardSwishArgs = {}) {
    super(args);
  }
}
tf.serialization.registerClass(HardSwish);

/**
 * A hard-swish layer: x · ReLU6(x + 3) / 6, elementwise.
 * Input: any shape. Output: the same shape. No weights.
 */
export function hardSwish(args: HardSwishArgs = {}): HardSwish {
  return new HardSwish(args);
}
