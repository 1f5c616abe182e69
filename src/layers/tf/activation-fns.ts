/**
 * The activations of the spec (`ActivationName` in src/models/spec.ts) as plain
 * tensor functions, so a layer that needs one inside itself (squeeze-and-excite's
 * inner and gate activations) and the activation layers share one definition.
 *
 *   relu(x)        = max(0, x)
 *   relu6(x)       = min(max(0, x), 6)                  (MobileNet v1/v2)
 *   hardSigmoid(x) = relu6(x + 3) / 6                    (MobileNet v3, Howard et al. 2019, eq. 2 area)
 *   hardSwish(x)   = x · relu6(x + 3) / 6                (MobileNet v3 "h-swish")
 *   sigmoid(x)     = 1 / (1 + e^−x)
 *   swish(x)       = x · sigmoid(x)                      (Ramachandran et al. 2017)
 *   softmax(x)     = e^x / Σ e^x over the channel axis
 *
 * Note: tf's own `hardSigmoid` is the Keras 2 one, 0.2·x + 0.5 clipped to
 * [0, 1]; its slope is 0.2, not 1/6, so it is not MobileNet v3's gate.
 */
import * as tf from '@tensorflow/tfjs';
import { ACTIVATIONS, type ActivationName } from '../../core/spec';
import { ConvkitInputError } from '../../core/errors';

/** Applies the named activation to `x` (elementwise; softmax over the last axis). */
export function applyActivation(name: ActivationName, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    switch (name) {
      case 'relu':
        return tf.relu(x);
      case 'relu6':
        return tf.relu6(x);
      case 'hardSigmoid':
        return tf.div(tf.relu6(tf.add(x, 3)), 6);
      case 'hardSwish':
        return tf.mul(x, tf.div(tf.relu6(tf.add(x, 3)), 6));
      case 'sigmoid':
        return tf.sigmoid(x);
      case 'swish':
        return tf.mul(x, tf.sigmoid(x));
      case 'softmax':
        return tf.softmax(x, -1);
      default:
        return assertActivationName('activation', name);
    }
  });
}

/** Throws a ConvkitInputError unless `value` is one of the spec's ACTIVATIONS. */
export function assertActivationName(field: string, value: unknown): never {
  throw new ConvkitInputError(field, value, `must be one of ${ACTIVATIONS.join(', ')}`);
}

/** Returns `value` as an ActivationName, or throws naming `field`. */
export function requireActivationName(field: string, value: unknown): ActivationName {
  if (typeof value === 'string' && (ACTIVATIONS as readonly string[]).includes(value)) {
    return value as ActivationName;
  }
  return assertActivationName(field, value);
}
