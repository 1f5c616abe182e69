/**
 * A few seeded training steps, for the lessons ("watch the loss fall") and
 * the tests. Adam on categorical cross-entropy, batches taken in order from
 * the given data, one `trainOnBatch` per step. Nothing random happens here,
 * so the same model seed and data give the same losses.
 */
import * as tf from '@tensorflow/tfjs';
import { ConvkitInputError, requireInteger, requirePositive } from '../../core/errors';

export interface TrainStepsOptions {
  /** Number of optimiser steps. */
  readonly steps: number;
  /** Examples per step. Default 32. */
  readonly batchSize?: number;
  /** Adam's learning rate. Default 0.01. */
  readonly learningRate?: number;
}

export interface TrainStepsResult {
  /** Loss of each step's batch, measured before that step's update. */
  readonly losses: number[];
  /** Wall time of each step (forward, backward, update), in milliseconds. */
  readonly stepMs: number[];
}

/**
 * Compiles `model` with Adam and categorical cross-entropy and trains it for
 * `steps` batches of `xs`/`ys` (cycling through the data). `ys` must have the
 * model's output shape, e.g. one-hot [N, 1, 1, classes]. Leaves no tensors
 * behind besides the model's weights and the optimiser's slots.
 */
export async function trainSteps(
  model: tf.LayersModel,
  data: { readonly xs: tf.Tensor; readonly ys: tf.Tensor },
  options: TrainStepsOptions,
): Promise<TrainStepsResult> {
  const steps = requireInteger('steps', options.steps);
  const batchSize = requireInteger('batchSize', options.batchSize ?? 32);
  const learningRate = requirePositive('learningRate', options.learningRate ?? 0.01);
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
  for (let step = 0; step < steps; step++) {
    const start = (step % batches) * batchSize;
    const xs = tf.slice(data.xs, start, batchSize);
    const ys = tf.slice(data.ys, start, batchSize);
    const began = performance.now();
    const loss = await model.trainOnBatch(xs, ys);
    stepMs.push(performance.now() - began);
    losses.push(Array.isArray(loss) ? loss[0] : loss);
    xs.dispose();
    ys.dispose();
  }
  return { losses, stepMs };
}
