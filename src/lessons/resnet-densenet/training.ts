/**
 * ResNet against DenseNet-BC on the 8×8 digits, same data, same budget:
 * the same seeded split, the same seeded batch order, the same optimiser
 * (Adam), the same number of epochs, the same batch size.
 *
 *   for each epoch:
 *     shuffle the training images (seed + epoch) ──► batches ──► trainOnBatch
 *     recompute the BN statistics on the training images (see below)
 *     measure train loss (mean over the epoch's batches), train and test accuracy
 *     print ONE progress line
 *
 * Why recompute BN statistics: Keras-style BN follows its batch statistics
 * with momentum 0.99, so after an epoch of ~45 steps its moving averages are
 * still far from the true ones and inference-mode accuracy would measure that
 * lag, not the network (recalibrateBatchNorm in src/layers/tf/train.ts
 * explains it). Recalibration changes no learnt weight.
 *
 * Every random thing is seeded: the split (splitSeed), the weights (seed) and
 * the batch order (seed + epoch). On the wasm backend a run repeats its
 * printed numbers exactly (test/lessons/resnet-densenet/training.test.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { summarize } from '../../cost/summary';
import { DIGIT_CLASSES, type Digits } from '../../data/digits';
import { toTensors } from '../../layers/tf/labelled-images';
import { ConvkitInputError, requireInteger, requirePositive } from '../../core/errors';
import { buildTfModel } from '../../layers/tf/build-model';
import { classificationAccuracy, recalibrateBatchNorm, trainSteps } from '../../layers/tf/train';
import type { ModelSpec } from '../../core/spec';
import { digitsSplit } from '../digits-training';

export interface EpochRecord {
  /** 1, 2, … */
  readonly epoch: number;
  /** Mean cross-entropy of the epoch's batches (each measured before its update). */
  readonly trainLoss: number;
  /** Share of training images classified correctly after the epoch, 0..1. */
  readonly trainAccuracy: number;
  /** Share of held-out test images classified correctly after the epoch, 0..1. */
  readonly testAccuracy: number;
}

export interface TrainingRun {
  /** The spec's name. */
  readonly model: string;
  /** Keras total parameters (cost model; equals model.countParams()). */
  readonly params: number;
  /** Multiply-adds of one forward pass on one image (cost model). */
  readonly macs: number;
  readonly epochs: readonly EpochRecord[];
  readonly testImages: number;
  /** Wall time of the whole run in ms. Varies between runs: never print it in a compared output. */
  readonly trainMs: number;
}

export interface CompareTrainingOptions {
  /** Passes over the training images. Default 4. */
  readonly epochs?: number;
  /** Default 32. */
  readonly batchSize?: number;
  /** Adam's learning rate. Default 0.01. */
  readonly learningRate?: number;
  /** Seed of the weights and of the batch order. Default 0. */
  readonly seed?: number;
  /** Seed of the train/test split (20% held out). Default 0. */
  readonly splitSeed?: number;
  /** Receives one line per epoch (default: console.log). */
  readonly log?: (line: string) => void;
}

export interface TrainedModel {
  readonly run: TrainingRun;
  /** The trained TF.js model; the caller disposes it. */
  readonly model: tf.LayersModel;
}

interface CheckedOptions {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seed: number;
  readonly splitSeed: number;
  readonly log: (line: string) => void;
}

function checkOptions(options: CompareTrainingOptions): CheckedOptions {
  return {
    epochs: requireInteger('epochs', options.epochs ?? 4),
    batchSize: requireInteger('batchSize', options.batchSize ?? 32),
    learningRate: requirePositive('learningRate', options.learningRate ?? 0.01),
    seed: requireInteger('seed', options.seed ?? 0, 0),
    splitSeed: requireInteger('splitSeed', options.splitSeed ?? 0, 0),
    log: options.log ?? ((line: string) => console.log(line)),
  };
}

/** Images the BN statistics are recomputed on after each epoch (the first ones of the shuffled training set). */
const RECALIBRATION_IMAGES = 512;

/** The one progress line of an epoch, fixed formatting so runs compare as text. */
export function progressLine(name: string, record: EpochRecord, epochs: number): string {
  return (
    `${name}  epoch ${String(record.epoch).padStart(String(epochs).length)}/${epochs}  ` +
    `loss ${record.trainLoss.toFixed(4)}  train acc ${(100 * record.trainAccuracy).toFixed(1)}%  ` +
    `test acc ${(100 * record.testAccuracy).toFixed(1)}%`
  );
}

/**
 * Builds `spec` (seeded) and trains it on `train` epoch by epoch, printing a
 * progress line after each. Returns the run and the trained model.
 */
export async function trainEpochs(
  spec: ModelSpec,
  data: { readonly train: Digits; readonly test: Digits },
  options: CompareTrainingOptions = {},
  label: string = spec.name,
): Promise<TrainedModel> {
  const o = checkOptions(options);
  const { train, test } = data;
  const [height, width, channels] = spec.input;
  if (height !== train.height || width !== train.width || channels !== 1) {
    throw new ConvkitInputError('spec.input', [...spec.input], `must be [${train.height}, ${train.width}, 1] to read the digits`);
  }
  if (o.batchSize > train.count) throw new ConvkitInputError('batchSize', o.batchSize, `must be <= the training images (${train.count})`);
  const summary = summarize(spec);
  const model = buildTfModel(spec, { seed: o.seed });
  const trainTensors = toTensors(train, DIGIT_CLASSES);
  const testTensors = toTensors(test, DIGIT_CLASSES);
  const classes = trainTensors.ys.shape[1];
  const trainYs = trainTensors.ys.reshape([train.count, 1, 1, classes]);
  const epochs: EpochRecord[] = [];
  const started = performance.now();
  try {
    const batches = Math.floor(train.count / o.batchSize);
    // Each epoch is one pass of the loop in a seeded order (seed + epoch), measured when it ends.
    const onPass = (epoch: number, losses: readonly number[]): void => {
      const probe = tf.slice(trainTensors.xs, 0, Math.min(RECALIBRATION_IMAGES, train.count));
      recalibrateBatchNorm(model, probe);
      probe.dispose();
      const record: EpochRecord = {
        epoch,
        trainLoss: losses.reduce((sum, loss) => sum + loss, 0) / batches,
        trainAccuracy: classificationAccuracy(model, trainTensors.xs, trainTensors.ys),
        testAccuracy: classificationAccuracy(model, testTensors.xs, testTensors.ys),
      };
      epochs.push(record);
      o.log(progressLine(label, record, o.epochs));
    };
    await trainSteps(
      model,
      { xs: trainTensors.xs, ys: trainYs },
      { steps: o.epochs * batches, batchSize: o.batchSize, learningRate: o.learningRate, shuffleSeed: o.seed, onPass },
    );
  } catch (error) {
    model.optimizer?.dispose();
    model.dispose();
    throw error;
  } finally {
    tf.dispose([trainTensors.xs, trainTensors.ys, testTensors.xs, testTensors.ys, trainYs]);
  }
  // Adam's moment estimates are of no use after training; model.dispose() would leave them behind.
  model.optimizer?.dispose();
  const run: TrainingRun = {
    model: spec.name,
    params: summary.params.total,
    macs: summary.macs,
    epochs,
    testImages: test.count,
    trainMs: performance.now() - started,
  };
  return { run, model };
}

/**
 * Trains each spec in turn on the same seeded digits split with the same
 * options. Returns the runs and the trained models (the caller disposes them).
 */
export async function compareTraining(specs: Readonly<Record<string, ModelSpec>>, options: CompareTrainingOptions = {}): Promise<Record<string, TrainedModel>> {
  const data = digitsSplit(requireInteger('splitSeed', options.splitSeed ?? 0, 0));
  const out: Record<string, TrainedModel> = {};
  for (const [label, spec] of Object.entries(specs)) out[label] = await trainEpochs(spec, data, options, label);
  return out;
}
