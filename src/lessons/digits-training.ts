/**
 * The 8×8 digits as the lessons train on them: one seeded split (20% held
 * out) shared by lesson 04's tiny nets and lesson 08's ResNet/DenseNet runs
 * and gradient measurements, and lesson 04's short run of one spec, which
 * reports the cost model's size next to the loss and the test accuracy.
 */
import * as tf from '@tensorflow/tfjs';
import { summarize } from '../cost/summary';
import { DIGIT_CLASSES, loadDigits, trainTestSplit, type Digits } from '../data/digits';
import { toTensors } from '../layers/tf/labelled-images';
import { requireInteger, requirePositive } from '../core/errors';
import type { ModelSpec } from '../core/spec';
import { buildTfModel } from '../layers/tf/build-model';
import { classificationAccuracy, recalibrateBatchNorm, trainSteps } from '../layers/tf/train';

/** The digits split the lessons use: 20% held out, seeded. */
export function digitsSplit(splitSeed = 0): { train: Digits; test: Digits } {
  return trainTestSplit(loadDigits(), { testFraction: 0.2, seed: splitSeed });
}

export interface DigitsTrainingOptions {
  /** Optimiser steps (Adam). Default 90 (two passes over the training images at batch 32). */
  readonly steps?: number;
  /** Default 32. */
  readonly batchSize?: number;
  /** Default 0.01. */
  readonly learningRate?: number;
  /** Seed of the weights. Default 0. */
  readonly seed?: number;
  /** Seed of the train/test split. Default 0. */
  readonly splitSeed?: number;
}

export interface DigitsTrainingResult {
  readonly model: string;
  /** Multiply-adds of one forward pass on one image (cost model). */
  readonly macs: number;
  /** Parameters, Keras total (cost model; equals model.countParams()). */
  readonly params: number;
  readonly countParams: number;
  /** Loss of every step's batch. */
  readonly losses: readonly number[];
  /** Share of held-out test images classified correctly, 0..1. */
  readonly testAccuracy: number;
  readonly testImages: number;
  /** Wall time of training, in ms (varies from run to run). */
  readonly trainMs: number;
}

/**
 * Builds `spec` in TF.js (seeded), trains it on the digits with Adam for
 * `steps` batches taken in order, recalibrates its BN statistics on the
 * training images and measures the accuracy on the held-out images. Call
 * `useBackend('wasm')` first. Frees every tensor it made.
 */
export async function trainOnDigits(spec: ModelSpec, options: DigitsTrainingOptions = {}): Promise<DigitsTrainingResult> {
  const steps = requireInteger('steps', options.steps ?? 90);
  const batchSize = requireInteger('batchSize', options.batchSize ?? 32);
  const learningRate = requirePositive('learningRate', options.learningRate ?? 0.01);
  const seed = requireInteger('seed', options.seed ?? 0, 0);
  const { train, test } = digitsSplit(requireInteger('splitSeed', options.splitSeed ?? 0, 0));
  const summary = summarize(spec);
  const model = buildTfModel(spec, { seed });
  const trainTensors = toTensors(train, DIGIT_CLASSES);
  const testTensors = toTensors(test, DIGIT_CLASSES);
  const ys = trainTensors.ys.reshape([train.count, 1, 1, 10]);
  try {
    const started = performance.now();
    const { losses } = await trainSteps(model, { xs: trainTensors.xs, ys }, { steps, batchSize, learningRate });
    recalibrateBatchNorm(model, trainTensors.xs);
    const trainMs = performance.now() - started;
    return {
      model: spec.name,
      macs: summary.macs,
      params: summary.params.total,
      countParams: model.countParams(),
      losses,
      testAccuracy: classificationAccuracy(model, testTensors.xs, testTensors.ys),
      testImages: test.count,
      trainMs,
    };
  } finally {
    tf.dispose([trainTensors.xs, trainTensors.ys, testTensors.xs, testTensors.ys, ys]);
    model.dispose();
  }
}
