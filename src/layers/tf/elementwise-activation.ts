/**
 * A parameter-free layer that applies one of the spec's activations
 * elementwise. HardSwish, HardSigmoid and Swish are thin subclasses: tfjs-layers
 * has no layer for them, and MobileNet v3 needs the first two.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology';
import type { ActivationName } from '../../core/spec';
import { applyActivation } from './activation-fns';
import { singleShape, singleTensor } from './layer-io';

export abstract class ElementwiseActivation extends tf.layers.Layer {
  /** Which function `call` applies. */
  protected abstract readonly activation: ActivationName;

  constructor(args: LayerArgs = {}) {
    super(args);
    this.supportsMasking = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return applyActivation(this.activation, singleTensor(this.name, inputs));
  }

  /** Elementwise, so the output has the input's shape. */
  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return singleShape(this.name, inputShape);
  }
}
