/**
 * A seeded, learnable stand-in for a small image data set ("digits-like"):
 * each class has its own random template image, and every example is its
 * class's template plus Gaussian noise. A network can learn it in a few
 * steps, so "the loss goes down" is a fair check that training works, without
 * loading files. Labels are one-hot and shaped [N, 1, 1, classes] to match the
 * zoo's classifier output (global pool kept 3-D, then dense and softmax).
 */
import * as tf from '@tensorflow/tfjs';
import { requireInteger, requirePositive } from '../../core/errors';
import { validateShape } from '../../core/output-shape';
import type { Shape3 } from '../../core/spec';
import { requireSeed } from './kernel-initializer';

export interface SyntheticImagesOptions {
  /** Number of examples. */
  readonly count: number;
  /** One image, [height, width, channels]. */
  readonly inputShape: Shape3;
  /** Default 10. */
  readonly classes?: number;
  /** Standard deviation of the noise around each template. Default 0.5 (templates have std 1). */
  readonly noise?: number;
  /** Default 0. */
  readonly seed?: number;
}

/** Images `xs` [count, H, W, C] and one-hot labels `ys` [count, 1, 1, classes]; example i has class i mod classes. The caller disposes both. */
export function syntheticImages(options: SyntheticImagesOptions): { xs: tf.Tensor4D; ys: tf.Tensor4D } {
  const count = requireInteger('count', options.count);
  const shape = validateShape('inputShape', options.inputShape);
  const classes = requireInteger('classes', options.classes ?? 10);
  const noise = requirePositive('noise', options.noise ?? 0.5);
  const seed = requireSeed('seed', options.seed ?? 0);
  return tf.tidy(() => {
    const templates = tf.randomNormal([classes, ...shape], 0, 1, 'float32', seed);
    const labels = tf.tensor1d(
      Array.from({ length: count }, (_, i) => i % classes),
      'int32',
    );
    const clean = tf.gather(templates, labels);
    const xs = tf.add(clean, tf.randomNormal([count, ...shape], 0, noise, 'float32', seed + 1)) as tf.Tensor4D;
    const ys = tf.reshape(tf.oneHot(labels, classes), [count, 1, 1, classes]) as tf.Tensor4D;
    return { xs, ys };
  });
}
