/**
 * Two tiny networks of the same depth for the 8×8 digits: one built from
 * MobileNet's depthwise separable blocks (Howard et al. 2017,
 * arXiv:1704.04861, Fig. 3), one from standard 3×3 convolutions in the same
 * places. Same stem, strides and classifier, and at the same `width` the same
 * channel counts — the only difference is the block. Lesson 04 trains them at
 * different widths (8/16 separable, 4/8 standard) to cover a similar MAC range.
 *
 *   stem      3×3 conv → BN → ReLU, `width` channels
 *   blocks    (filters, stride): (2w, 1), (4w, 2), (4w, 1)
 *             separable: dw 3×3 → BN → ReLU → pw 1×1 → BN → ReLU
 *             standard:  3×3 conv → BN → ReLU
 *   head      global average pool → dense(10) → softmax
 */
import * as tf from '@tensorflow/tfjs';
import { summarize } from '../../cost/summary';
import { loadDigits, toTensors, trainTestSplit, type Digits } from '../../data/digits';
import { requireInteger, requirePositive } from '../../core/errors';
import { depthwiseSeparableBlock } from '../../models/blocks';
import { classifierHead } from '../../models/head';
import { INPUT, type LayerNode, type ModelSpec } from '../../core/spec';
import { buildTfModel } from '../../layers/tf/build-model';
import { trainSteps } from '../../layers/tf/train';

export interface TinyNetOptions {
  /** Channels of the stem; the blocks have 2× and 4×. Default 8. */
  readonly width?: number;
  /** Image side. Default 8 (the digits). */
  readonly inputSize?: number;
}

/** (filters as a multiple of width, stride) of the three blocks. */
const BLOCKS: readonly (readonly [widthFactor: number, strides: number])[] = [
  [2, 1],
  [4, 2],
  [4, 1],
];

function stem(width: number): LayerNode[] {
  const path = ['stem'];
  return [
    { name: 'conv1', layer: { kind: 'conv2d', filters: width, kernelSize: 3, padding: 'same' }, inputs: [INPUT], path },
    { name: 'conv1_bn', layer: { kind: 'batchNorm' }, inputs: ['conv1'], path },
    { name: 'conv1_relu', layer: { kind: 'activation', activation: 'relu' }, inputs: ['conv1_bn'], path },
  ];
}

function tinyNet(kind: 'separable' | 'standard', options: TinyNetOptions): ModelSpec {
  const width = requireInteger('width', options.width ?? 8);
  const inputSize = requireInteger('inputSize', options.inputSize ?? 8);
  const nodes = stem(width);
  let x = 'conv1_relu';
  let channels = width;
  BLOCKS.forEach(([factor, strides], i) => {
    const filters = factor * width;
    const prefix = `block_${i + 1}`;
    const path = ['blocks', prefix];
    if (kind === 'separable') {
      const block = depthwiseSeparableBlock({ prefix, input: x, inputChannels: channels, filters, strides, path });
      nodes.push(...block.nodes);
      x = block.output;
    } else {
      nodes.push(
        { name: `${prefix}_conv`, layer: { kind: 'conv2d', filters, kernelSize: 3, strides, padding: 'same' }, inputs: [x], path },
        { name: `${prefix}_bn`, layer: { kind: 'batchNorm' }, inputs: [`${prefix}_conv`], path },
        { name: `${prefix}_relu`, layer: { kind: 'activation', activation: 'relu' }, inputs: [`${prefix}_bn`], path },
      );
      x = `${prefix}_relu`;
    }
    channels = filters;
  });
  nodes.push(...classifierHead({ input: x, inputChannels: channels, classes: 10 }).nodes);
  return { name: `tiny-${kind === 'separable' ? 'mobilenet' : 'standard-cnn'} (width ${width})`, input: [inputSize, inputSize, 1], nodes };
}

/** Stem, three depthwise separable blocks, classifier. */
export function tinyMobileNet(options: TinyNetOptions = {}): ModelSpec {
  return tinyNet('separable', options);
}

/** The same network with a standard 3×3 conv in place of each separable block. */
export function tinyStandardCnn(options: TinyNetOptions = {}): ModelSpec {
  return tinyNet('standard', options);
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
 * Sets every batch-norm layer's moving mean and variance to the exact mean
 * and variance of its input over `xs`, layer after layer in graph order (so
 * each layer sees the already corrected layers before it).
 *
 * Why: Keras-style BN tracks its statistics with momentum 0.99, so after a
 * lesson-sized run of ~100 steps the moving averages are still far from the
 * true statistics (1 − 0.99¹⁰⁰ ≈ 63% of the way from their start at 0 and 1),
 * and inference-mode accuracy says more about that lag than about the
 * network. Recomputing the statistics once after training ("BN
 * recalibration") removes the lag without touching a learnt weight.
 */
export function recalibrateBatchNorm(model: tf.LayersModel, xs: tf.Tensor): void {
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'BatchNormalization') continue;
    const probe = tf.model({ inputs: model.inputs, outputs: layer.input as tf.SymbolicTensor });
    const [gamma, beta] = layer.getWeights();
    const [mean, variance] = tf.tidy(() => {
      const moments = tf.moments(probe.predict(xs) as tf.Tensor, [0, 1, 2]);
      return [moments.mean, moments.variance];
    });
    layer.setWeights([gamma, beta, mean, variance]);
    tf.dispose([mean, variance]);
  }
}

/** The digits split the lesson uses: 20% held out, seeded. */
export function digitsSplit(splitSeed = 0): { train: Digits; test: Digits } {
  return trainTestSplit(loadDigits(), { testFraction: 0.2, seed: splitSeed });
}

/**
 * Builds `spec` in TF.js (seeded), trains it on the digits with Adam for
 * `steps` batches and measures the accuracy on the held-out images. Call
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
  const trainTensors = toTensors(train);
  const testTensors = toTensors(test);
  const ys = trainTensors.ys.reshape([train.count, 1, 1, 10]);
  try {
    const started = performance.now();
    const { losses } = await trainSteps(model, { xs: trainTensors.xs, ys }, { steps, batchSize, learningRate });
    recalibrateBatchNorm(model, trainTensors.xs);
    const trainMs = performance.now() - started;
    const correct = tf.tidy(() => {
      const probabilities = (model.predict(testTensors.xs) as tf.Tensor).reshape([test.count, 10]);
      return probabilities.argMax(1).equal(testTensors.ys.argMax(1)).sum().dataSync()[0];
    });
    return {
      model: spec.name,
      macs: summary.macs,
      params: summary.params.total,
      countParams: model.countParams(),
      losses,
      testAccuracy: correct / test.count,
      testImages: test.count,
      trainMs,
    };
  } finally {
    tf.dispose([trainTensors.xs, trainTensors.ys, testTensors.xs, testTensors.ys, ys]);
    model.dispose();
  }
}
