/**
 * Parameter-free layers that apply one of the spec's activations
 * elementwise, for the activations tfjs-layers has no layer for: MobileNet
 * v3 needs hard swish and hard sigmoid, and swish is what hard swish
 * approximates. Each is a class of its own because TF.js serialises a layer
 * by its class name and rebuilds it from that name alone.
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

/** A registered activation layer class: `new`, and the name TF.js serialises it under. */
export interface ElementwiseActivationClass {
  new (args?: LayerArgs): ElementwiseActivation;
  readonly className: string;
}

/** Defines the layer class applying `activation` and registers it under `className` for (de)serialisation. */
function activationLayer(className: string, activation: ActivationName): ElementwiseActivationClass {
  class Layer extends ElementwiseActivation {
    static className = className;
    protected readonly activation = activation;
  }
  tf.serialization.registerClass(Layer);
  return Layer;
}

/** Constructor arguments of the activation layers: only the common layer ones (name, trainable…). */
export type ElementwiseActivationArgs = LayerArgs;

/**
 * h-swish, MobileNet v3's cheap stand-in for swish (Howard et al. 2019,
 * "Searching for MobileNetV3", §5.2):
 *
 *   hardSwish(x) = x · ReLU6(x + 3) / 6
 *
 * It is 0 for x ≤ −3, x for x ≥ 3, and a parabola between; no exponentials,
 * so it is fast and quantises well.
 */
export const HardSwish = activationLayer('HardSwish', 'hardSwish');
export type HardSwish = ElementwiseActivation;
export type HardSwishArgs = ElementwiseActivationArgs;

/**
 * A hard-swish layer: x · ReLU6(x + 3) / 6, elementwise.
 * Input: any shape. Output: the same shape. No weights.
 */
export function hardSwish(args: HardSwishArgs = {}): HardSwish {
  return new HardSwish(args);
}

/**
 * MobileNet v3's hard sigmoid (Howard et al. 2019, §5.2), used as the gate of
 * its squeeze-and-excite modules:
 *
 *   hardSigmoid(x) = ReLU6(x + 3) / 6
 *
 * Slope 1/6 between −3 and 3. Not tf's built-in `hardSigmoid` activation,
 * which is Keras 2's 0.2·x + 0.5 (slope 0.2, saturating at ±2.5).
 */
export const HardSigmoid = activationLayer('HardSigmoid', 'hardSigmoid');
export type HardSigmoid = ElementwiseActivation;
export type HardSigmoidArgs = ElementwiseActivationArgs;

/**
 * A hard-sigmoid layer: ReLU6(x + 3) / 6, elementwise (MobileNet v3's slope, 1/6).
 * Input: any shape. Output: the same shape, values in [0, 1]. No weights.
 */
export function hardSigmoid(args: HardSigmoidArgs = {}): HardSigmoid {
  return new HardSigmoid(args);
}

/**
 * Swish (Ramachandran et al. 2017, "Searching for Activation Functions"),
 * with β = 1, also called SiLU:
 *
 *   swish(x) = x · sigmoid(x)
 *
 * MobileNet v3's h-swish approximates it without the exponential.
 */
export const Swish = activationLayer('Swish', 'swish');
export type Swish = ElementwiseActivation;
export type SwishArgs = ElementwiseActivationArgs;

/**
 * A swish layer: x · sigmoid(x), elementwise.
 * Input: any shape. Output: the same shape. No weights.
 */
export function swish(args: SwishArgs = {}): Swish {
  return new Swish(args);
}
