/**
 * Seeded weight initialisers. Every random kernel in a convkit model gets its
 * own seed, derived from the model's seed and the layer's position, so the same
 * seed rebuilds the same weights (docs/design.md#seeds-and-reproducible-outputs)
 * and two layers never draw the same numbers.
 */
import * as tf from '@tensorflow/tfjs';
import type { Initializer } from '@tensorflow/tfjs-layers/dist/initializers';
import { ConvkitInputError } from '../../core/errors';

/**
 * - `heNormal`: truncated normal with variance 2 / fanIn (He et al. 2015,
 *   "Delving Deep into Rectifiers"); what the ResNet and DenseNet papers and
 *   torchvision use for convolutions. Keeps activations' scale through deep
 *   ReLU stacks, which matters for the plain-vs-residual lessons.
 * - `glorotUniform`: uniform with variance 2 / (fanIn + fanOut) (Glorot and
 *   Bengio 2010); the Keras default. About 3x faster to draw here, which the
 *   parameter-count tests use when nothing is trained.
 */
export const KERNEL_INITIALIZERS = ['heNormal', 'glorotUniform'] as const;
export type KernelInitializerName = (typeof KERNEL_INITIALIZERS)[number];

/** Throws unless `value` is one of KERNEL_INITIALIZERS. */
export function requireKernelInitializerName(field: string, value: unknown): KernelInitializerName {
  if (typeof value === 'string' && (KERNEL_INITIALIZERS as readonly string[]).includes(value)) {
    return value as KernelInitializerName;
  }
  throw new ConvkitInputError(field, value, `must be one of ${KERNEL_INITIALIZERS.join(', ')}`);
}

/** Throws unless `value` is a safe integer >= 0 (a usable seed). */
export function requireSeed(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new ConvkitInputError(field, value, 'must be an integer >= 0');
  }
  return value;
}

/**
 * The seed of one random tensor: a mix of the model seed, the layer's index in
 * the spec and which of the layer's kernels it is (`slot`). A 32-bit integer
 * hash (murmur3's finaliser) so nearby inputs give unrelated seeds.
 */
export function deriveSeed(modelSeed: number, layerIndex: number, slot = 0): number {
  const low = modelSeed >>> 0;
  const high = Math.floor(modelSeed / 2 ** 32) >>> 0;
  let h = (Math.imul(low, 0x9e3779b1) ^ Math.imul(high, 0x27d4eb2f) ^ Math.imul(layerIndex + 1, 0x85ebca6b) ^ Math.imul(slot + 1, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A tf initializer of the named family with a fixed seed. */
export function seededKernelInitializer(name: KernelInitializerName, seed: number): Initializer {
  return name === 'heNormal' ? tf.initializers.heNormal({ seed }) : tf.initializers.glorotUniform({ seed });
}
