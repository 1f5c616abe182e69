/**
 * The one way the training benchmarks time a step: build `spec` with seed 1,
 * take `batch` synthetic images (seed 1), run `warmUp + timed` steps of
 * model.trainOnBatch (Adam) and keep the median of the timed ones. The
 * first steps compile kernels and allocate, so they are not timed. With
 * `before`, a caller also times something on the same model and data
 * (training.bench.ts: the forward pass).
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelSpec } from '../src/core/spec';
import { buildTfModel, syntheticImages, trainSteps } from '../src/layers/tf';
import { median } from './median';

export interface StepTime {
  /** Median ms of the timed steps. */
  readonly ms: number;
  /** Every step's loss, warm-up included. */
  readonly losses: readonly number[];
}

export async function trainStepTime(
  spec: ModelSpec,
  options: { batch: number; warmUp: number; timed: number; before?: (model: tf.LayersModel, xs: tf.Tensor) => Promise<void> },
): Promise<StepTime> {
  const model = buildTfModel(spec, { seed: 1 });
  const data = syntheticImages({ count: options.batch, inputShape: spec.input, seed: 1 });
  try {
    await options.before?.(model, data.xs);
    const { stepMs, losses } = await trainSteps(model, data, { steps: options.warmUp + options.timed, batchSize: options.batch });
    return { ms: median(stepMs.slice(options.warmUp)), losses };
  } finally {
    tf.dispose([data.xs, data.ys]);
    model.dispose();
  }
}
