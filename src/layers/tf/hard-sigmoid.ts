/**
 * MobileNet v3's hard sigmoid (Howard et al. 2019, §5.2), used as the gate of
 * its squeeze-and-excite modules:
 *
 *   hardSigmoid(x) = ReLU6(x + 3) / 6
 *
 * Slope 1/6 between −3 and 3. Not tf's built-in `hardSigmoid` activation,
 * which is Keras 2's 0.2·x + 0.5 (slope 0.2, saturating at ±2.5).
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology';
import { ElementwiseActivation } from './elementwise-activation';

/** Constructor arguments of HardSigmoid: only the common layer ones (name, trainable…). */
export interface HardSigmoidArgs extends LayerArgs {}

export class HardSigmoid extends ElementwiseActivation {
  static className = 'HardSigmoid';
  protected readonly activation = 'hardSigmoid' as const;

  constructor(args: HardSigmoidArgs = {}) {
    super(args);
  }
}
tf.serialization.registerClass(HardSigmoid);

/**
 * A hard-sigmoid layer: ReLU6(x + 3) / 6, elementwise (MobileNet v3's slope, 1/6).
 * Input: any shape. Output: the same shape, values in [0, 1]. No weights.
 */
export function hardSigmoid(args: HardSigmoidArgs = {}): HardSigmoid {
  return new HardSigmoid(args);
}
