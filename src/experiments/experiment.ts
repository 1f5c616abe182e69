/**
 * What an experiment is, and what it records (docs/design.md#experiments).
 *
 * An experiment is a claim from a paper, a set of runs (one network each,
 * trained with the same data and budget) and the seeds each run is repeated
 * with. `plan(quick)` says exactly what to train; the campaign
 * (./campaign.ts) trains every run × seed, epoch by epoch, and writes an
 * ExperimentRecord as JSON to data/experiments/NAME.json. The lessons read
 * that record, never a live number, unless they run the quick slice.
 */
import type { ModelSpec } from '../core/spec';

/** The images a plan trains and tests on (./fashion-data.ts). */
export interface DataPlan {
  /** Side of the images: 28 (as stored) or 14 (2×2 averages, a quarter of the compute). */
  readonly resolution: 28 | 14;
  /** Training images per class taken from the 6,000 of the split (stratified); the whole split when absent. */
  readonly trainPerClass?: number;
  /** Test images per class (at most 1,000); all 1,000 when absent. */
  readonly testPerClass?: number;
  /** Seed of fashionMnistSplit. */
  readonly splitSeed: number;
  /** Training images measured for the training accuracy after each epoch: a fixed stratified subset, interleaved by class (a multiple of 10). */
  readonly trainEvalImages: number;
}

/** How every run of a plan trains. */
export interface TrainingPlan {
  readonly epochs: number;
  readonly batchSize: number;
  /** Adam's learning rate, constant. */
  readonly learningRate: number;
  /**
   * Before every measurement, each BN layer's moving mean and variance are
   * recomputed exactly over this many training images (the first ones of
   * the training-accuracy subset; a multiple of 10 keeps them stratified),
   * so the accuracies are the trained network's, not the lag of BN's moving
   * averages (docs/design.md#experiments).
   */
  readonly recalibrationImages: number;
}

/** One network of an experiment. */
export interface RunPlan {
  /** Unique within the experiment, stable across versions: the key results are filed under. */
  readonly id: string;
  /** What a chart's legend says. */
  readonly label: string;
  readonly spec: ModelSpec;
  /** The run's coordinates for the lesson's charts (family, depth, width, α, resolution, …). */
  readonly facts: Readonly<Record<string, string | number | boolean>>;
  /** Something to measure on the trained network besides accuracy (e.g. feature reuse), stored under `extra`. */
  readonly measure?: string;
  /** Image side this run trains and tests at, when it differs from the data plan's (an experiment over resolutions). */
  readonly resolution?: 28 | 14;
}

export interface ExperimentPlan {
  readonly data: DataPlan;
  readonly training: TrainingPlan;
  readonly runs: readonly RunPlan[];
  /** Seeds of each run when --seeds is not given. */
  readonly defaultSeeds: number;
}

/**
 * The quick slice of a full plan: the same runs, resolution, split and
 * learning rate on 40 training and 20 test images per class, one epoch at
 * batch 32, BN recalibrated on the 200 training-accuracy images, one
 * seed: seconds, for the lessons' live runs and the tests.
 */
export function quickSlice(full: ExperimentPlan): ExperimentPlan {
  return {
    data: { resolution: full.data.resolution, trainPerClass: 40, testPerClass: 20, splitSeed: full.data.splitSeed, trainEvalImages: 200 },
    training: { epochs: 1, batchSize: 32, learningRate: full.training.learningRate, recalibrationImages: 200 },
    runs: full.runs,
    defaultSeeds: 1,
  };
}

export interface Experiment {
  /** The name the command takes: `npx convkit experiment NAME`. */
  readonly name: string;
  readonly title: string;
  /** The paper, figure or table whose claim is tested. */
  readonly source: string;
  /** The claim, in one sentence, as the lesson tests it. */
  readonly claim: string;
  /** The full plan, or (quick) a slice that trains in seconds, for the lessons and the tests. */
  plan(quick: boolean): ExperimentPlan;
}

/** One epoch of one run with one seed. */
export interface EpochRecord {
  readonly epoch: number;
  /** Mean loss of the epoch's training batches (each measured before its update). */
  readonly trainLoss: number;
  /** Share of the fixed training subset classified correctly after the epoch (inference mode), 0..1. */
  readonly trainAccuracy: number;
  /** Share of the test images classified correctly after the epoch, 0..1. */
  readonly testAccuracy: number;
  /** Wall time of the epoch (training and measuring), in seconds; varies from run to run. */
  readonly seconds: number;
}

/**
 * Training images BN is recalibrated on before each measurement in the full
 * plans: 500 images are 98,000 values per channel at 14×14 (24,500 at the
 * 7×7 stage, 8,000 at 4×4), and the one forward pass over them costs the
 * work of roughly 170 training images: under 2% of an epoch of the plans
 * (10,000 to 30,000 training images).
 */
export const RECALIBRATION_IMAGES = 500;

/** How many of a job's first step losses are recorded for the reproduction test. */
export const RECORDED_FIRST_STEPS = 3;

/** One run trained with one seed. */
export interface SeedRecord {
  readonly seed: number;
  readonly epochs: readonly EpochRecord[];
  /** The first RECORDED_FIRST_STEPS step losses, in full precision: `npm test` retrains them and compares bit for bit. */
  readonly firstLosses: readonly number[];
  /** What the run's `measure` found on the trained network. */
  readonly extra?: unknown;
}

export interface RunRecord {
  readonly id: string;
  readonly label: string;
  readonly model: string;
  readonly facts: Readonly<Record<string, string | number | boolean>>;
  /** Cost model (src/cost) of the network: parameters (Keras total, BN statistics included), the trainable ones, and multiply-adds of one forward pass on one image. */
  readonly params: number;
  readonly trainableParams: number;
  readonly macs: number;
  /** The run's image side, when it differs from the data plan's. */
  readonly resolution?: number;
  readonly seeds: readonly SeedRecord[];
}

/** The JSON file an experiment writes. */
export interface ExperimentRecord {
  readonly experiment: string;
  readonly title: string;
  readonly source: string;
  readonly claim: string;
  readonly quick: boolean;
  /** The command that produced the file. */
  readonly command: string;
  readonly data: DataPlan & { readonly set: string; readonly trainImages: number; readonly testImages: number };
  readonly training: TrainingPlan & { readonly optimizer: 'adam'; readonly loss: 'categorical cross-entropy' };
  readonly seeds: readonly number[];
  readonly runs: readonly RunRecord[];
  readonly environment: {
    readonly convkit: string;
    readonly tfjs: string;
    readonly node: string;
    readonly backend: string;
    readonly cpu: string;
    readonly cores: number;
    readonly workers: number;
  };
  /** Wall time of the campaign that produced this record, in seconds (resumed: the sum of the sittings). */
  readonly wallSeconds: number;
  /** The experiments trained together in that campaign, sharing its workers (`convkit experiment all`: all five). */
  readonly campaign: readonly string[];
  /** Time this experiment's own jobs trained and measured, summed over its jobs (one thread each), in seconds. */
  readonly jobSeconds: number;
  readonly finishedAt: string;
}
