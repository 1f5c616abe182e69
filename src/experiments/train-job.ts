/**
 * One job of a campaign: one run's network trained with one seed, epoch by
 * epoch, measured after every epoch, checkpointed after every epoch.
 *
 * Everything is seeded, so the same job gives the same numbers on the wasm
 * backend, in the main thread or a worker, in one sitting or resumed:
 *   - the weights: buildTfModel(spec, { seed });
 *   - the batches: epoch e visits the training images in the order
 *     seededPermutation(count, seed · 1000 + e), the same for every run of an
 *     experiment with that seed (the runs see the same batches);
 *   - nothing else is random (no dropout, no augmentation).
 * Measuring uses inference mode, in batches of 500 images so memory stays
 * bounded whatever the test set's size, after BN recalibration: each BN
 * layer's moving mean and variance are first set to the exact statistics of
 * the plan's `recalibrationImages` training images (recalibrateBatchNorm).
 * Without it, inference mode measures how far the moving averages (momentum
 * 0.99) lag the weights, most for the depthwise nets: in the first campaign
 * a separable net with a lower training loss than a standard one had 37–40%
 * test error against 22–25% (docs/design.md#experiments). The recalibrated
 * statistics stay in the model and its checkpoint; training never reads
 * them (it normalises with each batch's own statistics).
 */
import * as tf from '@tensorflow/tfjs';
import { seededPermutation } from '../core/random';
import type { ModelSpec } from '../core/spec';
import { buildTfModel } from '../layers/tf/build-model';
import { classificationAccuracy, recalibrateBatchNorm } from '../layers/tf/train';
import { ConvkitInputError } from '../core/errors';
import { loadCheckpoint, saveCheckpoint } from './checkpoint';
import { RECORDED_FIRST_STEPS, type EpochRecord, type SeedRecord, type TrainingPlan } from './experiment';
import type { FashionTensors, ImageTensors } from './fashion-tensors';
import { measureTrained } from './measures';

export interface JobPlan {
  /** `RUN_ID/seed N`: names the checkpoint's owner. */
  readonly job: string;
  readonly spec: ModelSpec;
  readonly seed: number;
  readonly training: TrainingPlan;
  readonly measure?: string;
}

export interface JobHooks {
  /** Where the job's checkpoint lives; without it nothing is saved or resumed. */
  readonly checkpointPath?: string;
  /** After each finished (and saved) epoch. */
  readonly onEpoch?: (record: EpochRecord) => void;
  /** After each training step: steps done in this epoch and the epoch's steps. */
  readonly onStep?: (done: number, steps: number) => void;
  /** Stop after this epoch (tests of resuming); the job then returns what it has so far. */
  readonly stopAfterEpoch?: number;
}

const MEASURE_BATCH = 500;

/** Share of `set` classified correctly by `model` in inference mode, MEASURE_BATCH images at a time. */
export function accuracyOn(model: tf.LayersModel, set: ImageTensors): number {
  return classificationAccuracy(model, set.xs, set.ys, { batchSize: MEASURE_BATCH });
}

/**
 * Sets BN's moving statistics to the exact ones over the first `images`
 * images of `set` (the training-accuracy subset: fixed and stratified).
 */
export function recalibrateOn(model: tf.LayersModel, set: ImageTensors, images: number): void {
  if (!Number.isInteger(images) || images < 1 || images > set.count) {
    throw new ConvkitInputError('training.recalibrationImages', images, `must be an integer from 1 to the ${set.count} training-accuracy images`);
  }
  const probe = tf.slice(set.xs, 0, images);
  try {
    recalibrateBatchNorm(model, probe);
  } finally {
    probe.dispose();
  }
}

/** The shuffle seed of epoch `epoch` (1, 2, …) of a job with `seed`. */
export function epochOrderSeed(seed: number, epoch: number): number {
  return seed * 1000 + epoch;
}

/** The job's network, seeded, compiled with its own Adam. */
function startTraining(plan: JobPlan): { model: tf.LayersModel; optimizer: tf.AdamOptimizer } {
  const model = buildTfModel(plan.spec, { seed: plan.seed });
  const optimizer = tf.train.adam(plan.training.learningRate);
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  return { model, optimizer };
}

/** Batch `step` (0, 1, …) of an epoch that visits the training images in `order`. */
function batchAt(data: FashionTensors, order: Int32Array, step: number, size: number): [tf.Tensor, tf.Tensor] {
  return tf.tidy(() => {
    const indices = tf.tensor1d(order.subarray(step * size, (step + 1) * size), 'int32');
    return [tf.gather(data.train.xs, indices), tf.gather(data.train.ys, indices)];
  });
}

/**
 * Trains the job (resuming from its checkpoint if there is one) and returns
 * its record. Frees every tensor it made; `data` stays the caller's.
 */
export async function trainJob(plan: JobPlan, data: FashionTensors, hooks: JobHooks = {}): Promise<SeedRecord> {
  const { batchSize, epochs } = plan.training;
  const { model, optimizer } = startTraining(plan);
  try {
    const resumed = hooks.checkpointPath === undefined ? undefined : await loadCheckpoint(hooks.checkpointPath, plan.job, model, optimizer);
    const records: EpochRecord[] = [...(resumed?.epochs ?? [])];
    const firstLosses: number[] = [...(resumed?.firstLosses ?? [])];
    const count = data.train.count;
    const steps = Math.floor(count / batchSize);
    for (let epoch = records.length + 1; epoch <= epochs; epoch++) {
      const began = performance.now();
      const order = seededPermutation(count, epochOrderSeed(plan.seed, epoch));
      let lossSum = 0;
      for (let step = 0; step < steps; step++) {
        const [xs, ys] = batchAt(data, order, step, batchSize);
        const loss = (await model.trainOnBatch(xs, ys)) as number;
        tf.dispose([xs, ys]);
        lossSum += loss;
        if (firstLosses.length < RECORDED_FIRST_STEPS) firstLosses.push(loss);
        hooks.onStep?.(step + 1, steps);
      }
      recalibrateOn(model, data.trainEval, plan.training.recalibrationImages);
      const record: EpochRecord = {
        epoch,
        trainLoss: lossSum / steps,
        trainAccuracy: accuracyOn(model, data.trainEval),
        testAccuracy: accuracyOn(model, data.test),
        seconds: (performance.now() - began) / 1000,
      };
      records.push(record);
      if (hooks.checkpointPath !== undefined) await saveCheckpoint(hooks.checkpointPath, plan.job, model, optimizer, { epochs: records, firstLosses });
      hooks.onEpoch?.(record);
      if (hooks.stopAfterEpoch === epoch) break;
    }
    const extra = plan.measure === undefined || records.length < epochs ? undefined : measureTrained(plan.measure, model, plan.spec);
    return { seed: plan.seed, epochs: records, firstLosses, ...(extra === undefined ? {} : { extra }) };
  } finally {
    model.dispose();
    optimizer.dispose();
  }
}

/**
 * The first `steps` step losses of the job, trained afresh without
 * measuring or saving: what the reproduction test compares with a record's
 * `firstLosses`.
 */
export async function firstStepLosses(plan: JobPlan, data: FashionTensors, steps: number): Promise<number[]> {
  const { model, optimizer } = startTraining(plan);
  try {
    const order = seededPermutation(data.train.count, epochOrderSeed(plan.seed, 1));
    const losses: number[] = [];
    for (let step = 0; step < steps; step++) {
      const [xs, ys] = batchAt(data, order, step, plan.training.batchSize);
      losses.push((await model.trainOnBatch(xs, ys)) as number);
      tf.dispose([xs, ys]);
    }
    return losses;
  } finally {
    model.dispose();
    optimizer.dispose();
  }
}
