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
 * lag, not the network (the mobilenet lesson's recalibrateBatchNorm explains
 * it). Recalibration changes no learnt weight. It is done here in ONE forward
 * pass through the graph (recalibrateInOnePass), not one probe model per BN
 * layer, which on a DenseNet with dozens of BN layers is ~10× faster.
 *
 * Every random thing is seeded: the split (splitSeed), the weights (seed) and
 * the batch order (seed + epoch). On the wasm backend a run repeats its
 * printed numbers exactly (test/lessons/resnet-densenet/training.test.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { summarize } from '../../cost/summary';
import { toTensors, type Digits } from '../../data/digits';
import { ConvkitInputError, requireInteger, requirePositive } from '../../core/errors';
import { seededPermutation } from '../../core/random';
import { buildTfModel } from '../../layers/tf/build-model';
import type { ModelSpec } from '../../core/spec';
import { digitsSplit } from '../mobilenet/tiny-nets';

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

/**
 * Sets every BN layer's moving mean and variance to the exact statistics of
 * its input over `xs`, walking the graph once in topological order: each BN
 * layer sees the already corrected layers before it. Frees every
 * intermediate tensor after its last use.
 */
export function recalibrateInOnePass(model: tf.LayersModel, xs: tf.Tensor): void {
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
        if (value === undefined) throw new Error(`recalibrateInOnePass: ${layer.name} reads ${name} before it was computed`);
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

/** Images the BN statistics are recomputed on after each epoch (the first ones of the shuffled training set). */
const RECALIBRATION_IMAGES = 512;

/** Share of images whose arg-max prediction equals the label (inference mode). */
function accuracy(model: tf.LayersModel, xs: tf.Tensor4D, ys: tf.Tensor2D): number {
  return tf.tidy(() => {
    const count = xs.shape[0];
    const probabilities = (model.predict(xs) as tf.Tensor).reshape([count, ys.shape[1]]);
    return probabilities.argMax(1).equal(ys.argMax(1)).sum().dataSync()[0] / count;
  });
}

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
  const trainTensors = toTensors(train);
  const testTensors = toTensors(test);
  const classes = trainTensors.ys.shape[1];
  const trainYs = trainTensors.ys.reshape([train.count, 1, 1, classes]);
  model.compile({ optimizer: tf.train.adam(o.learningRate), loss: 'categoricalCrossentropy' });
  const epochs: EpochRecord[] = [];
  const started = performance.now();
  try {
    const batches = Math.floor(train.count / o.batchSize);
    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      const order = seededPermutation(train.count, o.seed + epoch);
      let lossSum = 0;
      for (let b = 0; b < batches; b++) {
        const indices = tf.tensor1d(order.subarray(b * o.batchSize, (b + 1) * o.batchSize), 'int32');
        const xs = tf.gather(trainTensors.xs, indices);
        const ys = tf.gather(trainYs, indices);
        const loss = await model.trainOnBatch(xs, ys);
        lossSum += Array.isArray(loss) ? loss[0] : loss;
        tf.dispose([indices, xs, ys]);
      }
      const probe = tf.slice(trainTensors.xs, 0, Math.min(RECALIBRATION_IMAGES, train.count));
      recalibrateInOnePass(model, probe);
      probe.dispose();
      const record: EpochRecord = {
        epoch,
        trainLoss: lossSum / batches,
        trainAccuracy: accuracy(model, trainTensors.xs, trainTensors.ys),
        testAccuracy: accuracy(model, testTensors.xs, testTensors.ys),
      };
      epochs.push(record);
      o.log(progressLine(label, record, o.epochs));
    }
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
export async function compareTraining(
  specs: Readonly<Record<string, ModelSpec>>,
  options: CompareTrainingOptions = {},
): Promise<Record<string, TrainedModel>> {
  const data = digitsSplit(requireInteger('splitSeed', options.splitSeed ?? 0, 0));
  const out: Record<string, TrainedModel> = {};
  for (const [label, spec] of Object.entries(specs)) out[label] = await trainEpochs(spec, data, options, label);
  return out;
}
