/**
 * Dense (fully connected) layer on the channel axis, applied at every pixel
 * like Keras's Dense on a 3-D input; on a [1, 1, C] map (after global average
 * pooling) it is the classifier of MobileNet/ResNet/DenseNet.
 *
 *   y[i, j, u] = b[u] + Σ_c x[i, j, c] · W[c, u]
 *
 * W is [C, units] (TF.js's Dense kernel). Cost: macs = H · W · C · units,
 * counted by the loops (shared with pointwise convolution, which is the same
 * computation). Bias defaults to on, as in Keras.
 */
import { normalizeLayer } from '../../core/defaults';
import { ConvkitInputError } from '../../core/errors';
import type { DenseSpec } from '../../core/spec';
import { addBias } from './conv2d';
import { channelMix } from './pointwise-conv2d';
import { checkTensor, checkWeights, type Tensor3 } from '../../core/tensor';
import type { LayerResult } from './layer-result';

/** Trained values of a dense layer. */
export interface DenseWeights {
  /** [C, units]. */
  readonly kernel: Float32Array;
  /** [units]; required unless spec.useBias is false. */
  readonly bias?: Float32Array;
}

/** Runs `spec` on `input` with `weights`, counting multiply-adds. */
export function dense(input: Tensor3, spec: DenseSpec, weights: DenseWeights): LayerResult {
  checkTensor('input', input);
  const layer = normalizeLayer(spec);
  if (layer.kind !== 'dense') throw new ConvkitInputError('kind', spec.kind, "must be 'dense'");
  const [height, width, channels] = input.shape;
  const { units } = layer;
  const kernel = checkWeights('weights.kernel', weights?.kernel, channels * units, `C·units = ${channels}·${units}`);
  const bias = layer.useBias ? checkWeights('weights.bias', weights?.bias, units, `units = ${units}`) : undefined;
  const { output, macs } = channelMix(input.data, height * width, channels, units, kernel);
  if (bias) addBias(output, bias);
  return { output: { shape: [height, width, units], data: output }, macs };
}
