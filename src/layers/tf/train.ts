/**
 * Seeded training and its measurements, for the lessons ("watch the loss
 * fall", "same data, same budget") and the tests: one training loop, the
 * batch-norm recalibration that follows it, and classification accuracy.
 *
 * The loop is Adam on categorical cross-entropy, one `trainOnBatch` per step,
 * the batches cut from the given data either in the given order or, with a
 * shuffle seed, in a seeded order that changes from pass to pass. Nothing
 * unseeded happens here, so the same model seed and data give the same losses.
 */
import * as tf from '@tensorflow/tfjs';
import { ConvkitInputError, requireInteger, requirePositive } from '../../core/errors';
import { seededPermutation } from '../../core/random';

export interface TrainStepsOptions {
  /** Number of optimiser steps. */
  readonly steps: number;
  /** Examples per step. Default 32. */
  readonly batchSize?: number;
  /** Adam's learning rate. Default 0.01. */
  readonly learningRate?: number;
  /**
   * Without it, every pass over the data takes the batches in the data's
   * order. With it, pass p (1, 2, …) visits the examples in the order
   * seededPermutation(count, shuffleSeed + p), so each pass sees other
   * batches and a run still repeats exactly.
   */
  readonly shuffleSeed?: number;
  /**
   * Called after each complete pass over the data (every ⌊count / batchSize⌋
   * steps) with the pass number, 1 first, and the losses of that pass's steps;
   * training waits for it. Where the lessons measure the model per epoch.
   */
  readonly onPass?: (pass: number, losses: readonly number[]) => void | Promise<void>;
}

export interface TrainStepsResult {
  /** Loss of each step's batch, measured before that step's update. */
  readonly losses: number[];
  /** Wall time of each step (forward, backward, update), in milliseconds. */
  readonly stepMs: number[];
}

/**
 * Compiles `model` with Adam and categorical cross-entropy and trains it for
 * `steps` batches of `xs`/`ys` (cycling through the data; a last incomplete
 * batch of a pass is left out). `ys` must have the model's output shape,
 * e.g. one-hot [N, 1, 1, classes]. Leaves no tensors behind besides the
 * model's weights and the optimiser's slots.
 */
export async function trainSteps(
  model: tf.LayersModel,
  data: { readonly xs: tf.Tensor; readonly ys: tf.Tensor },
  options: TrainStepsOptions,
): Promise<TrainStepsResult> {
  const steps = requireInteger('steps', options.steps);
  const batchSize = requireInteger('batchSize', options.batchSize ?? 32);
  const learningRate = requirePositive('learningRate', options.learningRate ?? 0.01);
  const shuffleSeed = options.shuffleSeed === undefined ? undefined : requireInteger('shuffleSeed', options.shuffleSeed, 0);
  const count = data.xs.shape[0];
  if (count !== data.ys.shape[0]) {
    throw new ConvkitInputError('ys', data.ys.shape, `must have as many examples as xs (${count})`);
  }
  if (batchSize > count) {
    throw new ConvkitInputError('batchSize', batchSize, `must be <= the number of examples (${count})`);
  }
  model.compile({ optimizer: tf.train.adam(learningRate), loss: 'categoricalCrossentropy' });
  const losses: number[] = [];
  const stepMs: number[] = [];
  const batches = Math.floor(count / batchSize);
  let order: Int32Array | undefined;
  for (let step = 0; step < steps; step++) {
    const pass = Math.floor(step / batches) + 1;
    const start = (step % batches) * batchSize;
    if (shuffleSeed !== undefined && start === 0) order = seededPermutation(count, shuffleSeed + pass);
    const [xs, ys] = batchAt(data, start, batchSize, order);
    const began = performance.now();
    const loss = await model.trainOnBatch(xs, ys);
    stepMs.push(performance.now() - began);
    losses.push(Array.isArray(loss) ? loss[0] : loss);
    tf.dispose([xs, ys]);
    if (options.onPass !== undefined && (step + 1) % batches === 0) await options.onPass(pass, losses.slice(step + 1 - batches));
  }
  return { losses, stepMs };
}

/** The examples start … start + size − 1, of the data or of `order` when given. */
function batchAt(data: { readonly xs: tf.Tensor; readonly ys: tf.Tensor }, start: number, size: number, order?: Int32Array): [tf.Tensor, tf.Tensor] {
  if (order === undefined) return [tf.slice(data.xs, start, size), tf.slice(data.ys, start, size)];
  return tf.tidy(() => {
    const indices = tf.tensor1d(order.subarray(start, start + size), 'int32');
    return [tf.gather(data.xs, indices), tf.gather(data.ys, indices)];
  });
}

/**
 * Sets every batch-norm layer's moving mean and variance to the exact mean
 * and variance of its input over `xs`, walking the graph once in layer order
 * (topological), so each BN layer sees the already corrected layers before
 * it. Changes no learnt weight (γ and β stay); frees every intermediate
 * tensor after its last use.
 *
 * Why: Keras-style BN tracks its statistics with momentum 0.99, so after a
 * lesson-sized run of ~100 steps the moving averages are still far from the
 * true statistics (1 − 0.99¹⁰⁰ ≈ 63% of the way from their start at 0 and 1),
 * and inference-mode accuracy says more about that lag than about the
 * network. Recomputing the statistics once after training ("BN
 * recalibration") removes the lag. One walk through the graph, rather than
 * one probe model per BN layer, matters on a DenseNet with dozens of BN
 * layers, where it is about ten times faster.
 */
export function recalibrateBatchNorm(model: tf.LayersModel, xs: tf.Tensor): void {
  const feeds = new Map<string, string[]>();
  const lastUse = new Map<string, number>();
  model.layers.forEach((layer, index) => {
    const sources = layer.inboundNodes.length > 0 ? layer.inboundNodes[0].inboundLayers.map((l) => l.name) : [];
    feeds.set(layer.name, sources);
    for (const source of sources) lastUse.set(source, index);
  });
  const values = new Map<string, tf.Tensor>();
  try {
    model.layers.forEach((layer, index) => {
      const sources = feeds.get(layer.name) ?? [];
      if (sources.length === 0) {
        values.set(layer.name, xs);
        return;
      }
      const inputs = sources.map((name) => {
        const value = values.get(name);
        if (value === undefined) throw new Error(`recalibrateBatchNorm: ${layer.name} reads ${name} before it was computed`);
        return value;
      });
      if (layer.getClassName() === 'BatchNormalization') {
        const [gamma, beta] = layer.getWeights();
        const { mean, variance } = tf.moments(inputs[0], [0, 1, 2]);
        layer.setWeights([gamma, beta, mean, variance]);
        tf.dispose([mean, variance]);
      }
      const output = layer.apply(inputs.length === 1 ? inputs[0] : inputs, { training: false }) as tf.Tensor;
      values.set(layer.name, output);
      for (const name of sources) {
        if (lastUse.get(name) === index && values.get(name) !== xs) {
          values.get(name)?.dispose();
          values.delete(name);
        }
      }
    });
  } finally {
    for (const value of values.values()) if (value !== xs) value.dispose();
  }
}

/**
 * Share of the images `xs` whose arg-max prediction (inference mode) equals
 * the arg max of their one-hot label in `ys` ([N, classes], or any shape
 * with N first and the classes last, such as the models' [N, 1, 1, classes]),
 * 0..1. With `batchSize`, the images are predicted that many at a time, so
 * memory stays bounded for a large set (each image's prediction does not
 * depend on its batch: inference mode has no batch statistics).
 */
export function classificationAccuracy(model: tf.LayersModel, xs: tf.Tensor, ys: tf.Tensor, options: { batchSize?: number } = {}): number {
  const count = xs.shape[0];
  const batch = options.batchSize ?? count;
  let correct = 0;
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    correct += tf.tidy(() => {
      const [images, labels] = size === count ? [xs, ys] : [tf.slice(xs, start, size), tf.slice(ys, start, size)];
      const predicted = (model.predict(images) as tf.Tensor).reshape([size, -1]).argMax(1);
      return predicted
        .equal(labels.reshape([size, -1]).argMax(1))
        .sum()
        .dataSync()[0];
    });
  }
  return correct / count;
}
