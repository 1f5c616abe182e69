/**
 * Batch normalisation for training on the wasm backend: the same layer as
 * tf.layers.batchNormalization (same weights, same moving averages, same
 * inference path), with its training-mode forward and backward pass written
 * as per-channel reductions instead of TF.js's general composition.
 *
 * Why. tfjs-layers trains BN as tf.moments followed by tf.batchNorm, and the
 * gradient of that composition broadcasts every per-channel vector back to
 * the map's full size with `Tile`, which on wasm is a slow element-by-element
 * copy: 25% of a ResNet-20 training step and 34% of a DenseNet-BC one on
 * 28×28 images (docs/design.md#training-speed). The closed-form gradient
 * needs only two sums per channel over the batch and the map.
 *
 * The math, per channel c over the M = N·H·W values of the batch
 * (Ioffe & Szegedy 2015, §3, with d = x − μ):
 *
 *   μ = Σx / M,  σ² = Σd² / M,  r = 1/√(σ² + ε),  s = γ·r
 *   y = s·d + β
 *   ∂L/∂β = Σg,  ∂L/∂γ = r·Σ(g·d)              (g = ∂L/∂y)
 *   ∂L/∂x = s·g − s·Σg/M − d·s·r²·Σ(g·d)/M
 *
 * The per-channel sums are average pools over the whole map (channelSums
 * below); the Tile they replace took ~25 ms per BN layer on a 64×28×28×16
 * batch.
 * Off wasm (the 'cpu' backend) the layer is tfjs-layers' own.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology';
import type { Kwargs } from '@tensorflow/tfjs-layers/dist/types';
import { singleTensor } from './layer-io';

export interface BatchNormArgs extends LayerArgs {
  /** Added to σ² before the square root. Default 1e-3 (Keras). */
  epsilon?: number;
  /** Moving-average momentum. Default 0.99 (Keras). */
  momentum?: number;
}

/** What convkit's layer reads of tfjs-layers' BatchNormalization (its fields are not in the public types). */
interface BatchNormalizationFields {
  readonly epsilon: number;
  readonly momentum: number;
  readonly gamma: { read(): tf.Tensor1D };
  readonly beta: { read(): tf.Tensor1D };
  readonly movingMean: { read(): tf.Tensor1D; write(value: tf.Tensor): void };
  readonly movingVariance: { read(): tf.Tensor1D; write(value: tf.Tensor): void };
}

type LayerClass = new (args: BatchNormArgs) => tf.layers.Layer;

/**
 * tfjs-layers' BatchNormalization class. It is not exported by
 * @tensorflow/tfjs, and importing it from its dist path would load a second
 * copy of TF.js; the serialization registry holds the one TF.js uses.
 */
function tfjsBatchNormalization(): LayerClass {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap.BatchNormalization;
  if (entry === undefined) throw new Error('tfjs-layers did not register BatchNormalization');
  return entry[0] as unknown as LayerClass;
}

/**
 * One training-mode BN: returns y and, through `onMoments`, the batch's
 * mean and variance (for the moving averages). Records one node on the
 * gradient tape, whose backward pass is the closed form above.
 */
export function batchNormTraining(
  x: tf.Tensor,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon: number,
  onMoments?: (mean: tf.Tensor1D, variance: tf.Tensor1D) => void,
): tf.Tensor {
  const count = x.size / x.shape[x.shape.length - 1];
  const forward = (x: tf.Tensor, scale: tf.Tensor, offset: tf.Tensor, save: tf.GradSaveFunc) => {
    const mean = tf.div(channelSums(x), count); // [C]
    const d = tf.sub(x, mean);
    const variance = tf.div(channelSums(tf.square(d)), count); // [C]
    const r = tf.rsqrt(tf.add(variance, epsilon));
    const s = tf.mul(scale, r);
    const y = tf.add(tf.mul(d, s), offset);
    onMoments?.(mean as tf.Tensor1D, variance as tf.Tensor1D);
    save([d, r, s]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [dSaved, rSaved, sSaved] = saved;
        const sumG = channelSums(dy);
        const sumGD = channelSums(tf.mul(dy, dSaved));
        const meanTerm = tf.div(tf.mul(sSaved, sumG), count);
        const dTerm = tf.div(tf.mul(tf.mul(sSaved, tf.square(rSaved)), sumGD), count);
        const dx = tf.sub(tf.sub(tf.mul(dy, sSaved), meanTerm), tf.mul(dSaved, dTerm));
        return [dx, tf.mul(rSaved, sumGD), sumG];
      },
    };
  };
  return tf.customGrad(forward as unknown as Parameters<typeof tf.customGrad>[0])(x, gamma, beta);
}

/**
 * Σ over every axis but the last (batch, rows, columns) → [C]. For a 4-D
 * map: an average pool over the whole map (XNNPACK, one pass), times H·W,
 * then a sum over the batch's N rows. Measured on a 64×28×28×64 batch this
 * is several times faster than tf.sum over axes 0–2 (which transposes the
 * map first) or a [1, M] × [M, C] matMul with a row of ones (XNNPACK packs
 * the fresh [M, C] operand as weights on every call).
 */
function channelSums(t: tf.Tensor): tf.Tensor1D {
  const channels = t.shape[t.shape.length - 1];
  if (t.rank !== 4) return tf.sum(tf.reshape(t, [-1, channels]), 0);
  const [batch, height, width] = t.shape;
  const perImage = tf.reshape(tf.avgPool(t as tf.Tensor4D, [height, width], 1, 'valid'), [batch, channels]);
  return tf.mul(tf.sum(perImage, 0), height * width);
}

/**
 * 'closed-form' (the default): training-mode BN on wasm runs
 * batchNormTraining. 'tfjs': tfjs-layers' own composition, everywhere — for
 * the benchmark that compares the two in one run (bench/training-step.bench.ts).
 */
export type BatchNormGradient = 'closed-form' | 'tfjs';
let gradientInUse: BatchNormGradient = 'closed-form';

/** Chooses how BN layers built by convkit train from now on; returns the previous choice. */
export function useBatchNormGradient(kind: BatchNormGradient): BatchNormGradient {
  const previous = gradientInUse;
  gradientInUse = kind;
  return previous;
}

let batchNormClass: LayerClass | undefined;

/**
 * The layer class, made on first use (the base class comes from TF.js's
 * registry at run time). Its class name stays 'BatchNormalization', so code
 * that looks for BN layers by class name finds it.
 */
function batchNormLayerClass(): LayerClass {
  if (batchNormClass !== undefined) return batchNormClass;
  const Base = tfjsBatchNormalization();
  class BatchNorm extends Base {
    override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
      if (kwargs.training !== true || gradientInUse === 'tfjs' || tf.getBackend() !== 'wasm') return super.call(inputs, kwargs);
      const self = this as unknown as BatchNormalizationFields;
      return tf.tidy(() => {
        const x = singleTensor(this.name, inputs);
        return batchNormTraining(x, self.gamma.read(), self.beta.read(), self.epsilon, (mean, variance) => {
          // Keras's update: moving ← moving − (moving − batch)·(1 − momentum).
          const decay = 1 - self.momentum;
          for (const [variable, value] of [
            [self.movingMean, mean],
            [self.movingVariance, variance],
          ] as const) {
            tf.tidy(() => {
              const old = variable.read();
              variable.write(tf.sub(old, tf.mul(tf.sub(old, value), decay)));
            });
          }
        });
      });
    }
  }
  batchNormClass = BatchNorm;
  return BatchNorm;
}

/** A BN layer over the last axis, as `tf.layers.batchNormalization({ axis: -1, … })`. */
export function batchNorm(args: BatchNormArgs): tf.layers.Layer {
  const Layer = batchNormLayerClass();
  return new Layer({ ...args, axis: -1 } as BatchNormArgs);
}
