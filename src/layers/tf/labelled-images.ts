/**
 * A labelled image set (greyscale, N images of H×W, stored one after another)
 * as the two tensors model.fit and model.evaluate take. The set is any object
 * of this shape (the digits of src/data/digits.ts are one), so the loaders in
 * data/ stay free of TF.js.
 */
import * as tf from '@tensorflow/tfjs';
import { requireInteger } from '../../core/errors';

export interface LabelledImages {
  /** count·height·width values, image after image, row by row. */
  readonly images: Float32Array;
  /** One class index 0 … classes − 1 per image. */
  readonly labels: ArrayLike<number>;
  readonly count: number;
  readonly height: number;
  readonly width: number;
}

/**
 * The images as a [N, H, W, 1] tensor and the labels one-hot as [N, classes].
 * The caller owns (and disposes) both tensors.
 */
export function toTensors(set: LabelledImages, classes: number): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  requireInteger('classes', classes);
  const xs = tf.tensor4d(set.images, [set.count, set.height, set.width, 1]);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(set.labels), 'int32'), classes).toFloat() as tf.Tensor2D);
  return { xs, ys };
}
