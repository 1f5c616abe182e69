/**
 * The vanishing-gradient claim, measured: at initialisation, how large is the
 * gradient of the loss with respect to each convolution's kernel, from the
 * first layer to the last? He et al. 2016 (arXiv:1512.03385, §1 and Fig. 1)
 * and Huang et al. 2017 (arXiv:1608.06993, §1) both motivate their shortcuts
 * with it: in a plain stack every gradient reaches an early layer only
 * through all the later ones, while a shortcut (add) or a direct connection
 * (concatenate) gives it a short path.
 *
 *   spec ──buildTfModel(seed)──► model (He-normal kernels, BN)
 *   one batch of digits ──► loss = cross-entropy(model(x, training)) ──► ∂loss/∂kernel
 *   per conv layer, in graph order: ‖∂loss/∂kernel‖₂  (Frobenius norm)
 *
 * Nothing is trained: the numbers describe the freshly initialised networks.
 */
import * as tf from '@tensorflow/tfjs';
import { DIGIT_CLASSES, pick } from '../../data/digits';
import { toTensors } from '../../layers/tf/labelled-images';
import { ConvkitInputError, requireInteger } from '../../core/errors';
import { buildTfModel } from '../../layers/tf/build-model';
import type { ModelSpec } from '../../core/spec';
import { digitsSplit } from '../digits-training';

/** One convolution's gradient at initialisation. */
export interface LayerGradient {
  /** 1 for the first convolution of the network, counting in graph order. */
  readonly position: number;
  /** The spec node's name, e.g. 'conv2_block1_1_conv'. */
  readonly layer: string;
  /** ‖∂loss/∂kernel‖₂ over all the kernel's weights. */
  readonly gradientNorm: number;
}

const CONV_KINDS = new Set(['conv2d', 'pointwiseConv2d', 'depthwiseConv2d', 'separableConv2d']);

/** Names of the spec's convolution nodes, in graph order. */
export function convolutionNames(spec: ModelSpec): string[] {
  return spec.nodes.filter((node) => CONV_KINDS.has(node.layer.kind)).map((node) => node.name);
}

/**
 * Gradient norms of every convolution kernel of `spec` (built with `seed`)
 * for one batch: `xs` [N, H, W, C] images and `ys` one-hot [N, classes].
 * BN runs in training mode (batch statistics), as in the first training step.
 */
export function gradientNormsAtInit(spec: ModelSpec, xs: tf.Tensor4D, ys: tf.Tensor2D, seed = 0): LayerGradient[] {
  if (xs.shape[0] !== ys.shape[0]) throw new ConvkitInputError('ys', ys.shape, `must have as many rows as xs has images (${xs.shape[0]})`);
  const names = convolutionNames(spec);
  if (names.length === 0) throw new ConvkitInputError('spec', spec.name, 'must contain at least one convolution');
  const model = buildTfModel(spec, { seed });
  try {
    const kernels = names.map((name) => {
      const kernel = model.getLayer(name).trainableWeights[0];
      return kernel.read() as tf.Variable;
    });
    const norms = tf.tidy(() => {
      const { grads } = tf.variableGrads(() => {
        const predicted = (model.apply(xs, { training: true }) as tf.Tensor).reshape(ys.shape);
        // The model ends in softmax: cross-entropy is −mean Σ y·log p.
        return tf.neg(tf.mean(tf.sum(tf.mul(ys, tf.log(tf.clipByValue(predicted, 1e-7, 1))), 1))) as tf.Scalar;
      }, kernels);
      return kernels.map((kernel) => tf.norm(grads[kernel.name]).dataSync()[0]);
    });
    return names.map((layer, i) => ({ position: i + 1, layer, gradientNorm: norms[i] }));
  } finally {
    model.dispose();
  }
}

/** Largest over smallest gradient norm: 1 means every layer gets the same push. */
export function gradientSpread(norms: readonly LayerGradient[]): number {
  if (norms.length === 0) throw new ConvkitInputError('norms', norms, 'must hold at least one layer');
  const values = norms.map((n) => n.gradientNorm);
  return Math.max(...values) / Math.min(...values);
}

export interface DigitsGradientOptions {
  /** Images in the batch (the first ones of the seeded training split). Default 128. */
  readonly images?: number;
  /** Seed of every model's weights. Default 0. */
  readonly seed?: number;
  /** Seed of the train/test split. Default 0. */
  readonly splitSeed?: number;
}

/**
 * gradientNormsAtInit for each spec on the same batch of 8×8 digits. Call
 * useBackend('wasm') first. Frees the batch.
 */
export function gradientFlowOnDigits(specs: Readonly<Record<string, ModelSpec>>, options: DigitsGradientOptions = {}): Record<string, LayerGradient[]> {
  const images = requireInteger('images', options.images ?? 128);
  const { train } = digitsSplit(requireInteger('splitSeed', options.splitSeed ?? 0, 0));
  if (images > train.count) throw new ConvkitInputError('images', images, `must be <= the training images (${train.count})`);
  const { xs, ys } = toTensors(
    pick(
      train,
      Array.from({ length: images }, (_, i) => i),
    ),
    DIGIT_CLASSES,
  );
  try {
    const out: Record<string, LayerGradient[]> = {};
    for (const [label, spec] of Object.entries(specs)) out[label] = gradientNormsAtInit(spec, xs, ys, options.seed ?? 0);
    return out;
  } finally {
    tf.dispose([xs, ys]);
  }
}
