/**
 * Fashion-MNIST as the experiments train on it: the seeded stratified split
 * of src/data/fashion-mnist.ts (NOT the official one), optionally fewer
 * images per class and a lower resolution, as tensors.
 *
 * - Pixels are scaled to [0, 1] and the data set's mean pixel is subtracted
 *   (FASHION_PIXEL_MEAN), so the first layer sees values around zero.
 * - Resolution 14 averages each 2×2 block of pixels: a quarter of the
 *   compute of 28×28, which is what lets the deeper nets of the degradation
 *   experiment train for several epochs within the campaign's hour.
 * - A subset of `trainPerClass` images per class takes the first ones of
 *   each class in the split's (seeded, shuffled) order, so it stays
 *   stratified and the same seed gives the same subset.
 * - The training-accuracy subset takes `trainEvalImages / 10` training
 *   images of each class (the first ones in the split's order), interleaved
 *   class by class (0, 1, …, 9, 0, 1, …): fixed, so every epoch is measured
 *   on the same images, and stratified, as is any prefix of it whose length
 *   is a multiple of 10 — the images BN is recalibrated on (train-job.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { ConvkitInputError } from '../core/errors';
import { FASHION_CLASSES, FASHION_PIXEL_MEAN, FASHION_SIZE, fashionMnistSplit, loadFashionMnist, type FashionMnist } from '../data/fashion-mnist';
import type { DataPlan } from './experiment';

/** Images and labels: xs [N, H, W, 1]; ys one-hot [N, 1, 1, 10] (the models' output shape). */
export interface ImageTensors {
  readonly xs: tf.Tensor4D;
  readonly ys: tf.Tensor4D;
  readonly labels: Int32Array;
  readonly count: number;
}

export interface FashionTensors {
  readonly train: ImageTensors;
  readonly trainEval: ImageTensors;
  readonly test: ImageTensors;
  readonly resolution: number;
}

const CLASSES = FASHION_CLASSES.length;

/** The first `perClass` images of each class, in the given order. */
function firstPerClass(data: FashionMnist, images: Int32Array, perClass: number | undefined): Int32Array {
  if (perClass === undefined) return images;
  const taken = new Array<number>(CLASSES).fill(0);
  const kept: number[] = [];
  for (const i of images) {
    if (taken[data.labels[i]] < perClass) {
      taken[data.labels[i]]++;
      kept.push(i);
    }
  }
  return Int32Array.from(kept);
}

/**
 * `count` of `images` (a multiple of 10), the first ones of each class in the
 * given order, interleaved: position k holds a class k mod 10 image.
 */
function interleavedByClass(data: FashionMnist, images: Int32Array, count: number): Int32Array {
  const perClass = count / CLASSES;
  if (!Number.isInteger(perClass) || perClass < 1) {
    throw new ConvkitInputError('trainEvalImages', count, `must be a positive multiple of ${CLASSES}, so that every class has the same share`);
  }
  const byClass = Array.from({ length: CLASSES }, () => [] as number[]);
  for (const i of images) if (byClass[data.labels[i]].length < perClass) byClass[data.labels[i]].push(i);
  const short = byClass.findIndex((members) => members.length < perClass);
  if (short >= 0) throw new ConvkitInputError('trainEvalImages', count, `must be <= 10 × the ${byClass[short].length} training images of class ${short}`);
  return Int32Array.from({ length: count }, (_, k) => byClass[k % CLASSES][Math.floor(k / CLASSES)]);
}

/** The images `indices` at `resolution` (28, or 14 by 2×2 averaging), scaled and centred. */
export function imagePixels(data: FashionMnist, indices: ArrayLike<number>, resolution: number): Float32Array {
  if (resolution !== FASHION_SIZE && resolution !== FASHION_SIZE / 2) {
    throw new ConvkitInputError('resolution', resolution, `must be ${FASHION_SIZE} or ${FASHION_SIZE / 2}`);
  }
  const factor = FASHION_SIZE / resolution;
  const out = new Float32Array(indices.length * resolution * resolution);
  const scale = 1 / (255 * factor * factor);
  let w = 0;
  for (let k = 0; k < indices.length; k++) {
    const base = indices[k] * FASHION_SIZE * FASHION_SIZE;
    for (let r = 0; r < resolution; r++) {
      for (let c = 0; c < resolution; c++) {
        let sum = 0;
        for (let dr = 0; dr < factor; dr++) {
          const row = base + (r * factor + dr) * FASHION_SIZE + c * factor;
          for (let dc = 0; dc < factor; dc++) sum += data.pixels[row + dc];
        }
        out[w++] = sum * scale - FASHION_PIXEL_MEAN;
      }
    }
  }
  return out;
}

function toImageTensors(data: FashionMnist, indices: Int32Array, resolution: number): ImageTensors {
  const labels = Int32Array.from(indices, (i) => data.labels[i]);
  const xs = tf.tensor4d(imagePixels(data, indices, resolution), [indices.length, resolution, resolution, 1]);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES).toFloat().reshape([indices.length, 1, 1, CLASSES]) as tf.Tensor4D);
  return { xs, ys, labels, count: indices.length };
}

/** The image numbers a plan trains and tests on (no tensors): what the record's counts come from. */
export function planImages(data: FashionMnist, plan: DataPlan): { train: Int32Array; trainEval: Int32Array; test: Int32Array } {
  const split = fashionMnistSplit(data, { seed: plan.splitSeed });
  const train = firstPerClass(data, split.train, plan.trainPerClass);
  const test = firstPerClass(data, split.test, plan.testPerClass);
  if (plan.trainEvalImages > train.length) {
    throw new ConvkitInputError('trainEvalImages', plan.trainEvalImages, `must be <= the ${train.length} training images`);
  }
  return { train, trainEval: interleavedByClass(data, train, plan.trainEvalImages), test };
}

/** Loads Fashion-MNIST (from its cache) and makes the plan's tensors. The caller disposes them (disposeFashionTensors). */
export function fashionTensors(plan: DataPlan, data: FashionMnist = loadFashionMnist()): FashionTensors {
  const images = planImages(data, plan);
  return {
    train: toImageTensors(data, images.train, plan.resolution),
    trainEval: toImageTensors(data, images.trainEval, plan.resolution),
    test: toImageTensors(data, images.test, plan.resolution),
    resolution: plan.resolution,
  };
}

export function disposeFashionTensors(tensors: FashionTensors): void {
  for (const part of [tensors.train, tensors.trainEval, tensors.test]) tf.dispose([part.xs, part.ys]);
}
