/**
 * Small helpers the custom layers share for their `call` and
 * `computeOutputShape` arguments, which tf.layers passes as "one or a list".
 */
import type * as tf from '@tensorflow/tfjs';
import { ConvkitInputError, requireInteger } from '../../core/errors';

/** The one tensor of a single-input layer; a list must hold exactly one. */
export function singleTensor(layerName: string, inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
  if (!Array.isArray(inputs)) return inputs;
  if (inputs.length !== 1) {
    throw new ConvkitInputError(`${layerName}.inputs`, `${inputs.length} tensors`, 'this layer takes exactly one input');
  }
  return inputs[0];
}

/** The one shape of a single-input layer; `[[…]]` is unwrapped. */
export function singleShape(layerName: string, inputShape: tf.Shape | tf.Shape[]): tf.Shape {
  if (inputShape.length > 0 && Array.isArray(inputShape[0])) {
    const shapes = inputShape as tf.Shape[];
    if (shapes.length !== 1) {
      throw new ConvkitInputError(`${layerName}.inputShape`, `${shapes.length} shapes`, 'this layer takes exactly one input');
    }
    return shapes[0];
  }
  return inputShape as tf.Shape;
}

/** Throws unless `shape` is [batch, height, width, channels] (NHWC). */
export function requireRank4(layerName: string, shape: tf.Shape): void {
  if (shape.length !== 4) {
    throw new ConvkitInputError(`${layerName}.inputShape`, shape, 'must be 4-D [batch, height, width, channels] (NHWC)');
  }
}

/** The channel count of a single 4-D (NHWC) input shape, as `build` needs it for its weights. */
export function inputChannels(layerName: string, inputShape: tf.Shape | tf.Shape[]): number {
  const shape = singleShape(layerName, inputShape);
  requireRank4(layerName, shape);
  return requireInteger(`${layerName}.channels`, shape[3]);
}
