import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../src/backend';
import { FASHION_PIXEL_MEAN, loadFashionMnist } from '../../src/data/fashion-mnist';
import { disposeFashionTensors, fashionTensors, imagePixels, planImages } from '../../src/experiments/fashion-tensors';

const data = loadFashionMnist();

test('a subset keeps the classes balanced and comes first in the split order; the same plan gives the same images', () => {
  const plan = { resolution: 14 as const, trainPerClass: 30, testPerClass: 10, splitSeed: 0, trainEvalImages: 50 };
  const images = planImages(data, plan);
  const perClass = (indices: Int32Array) => Array.from({ length: 10 }, (_, c) => indices.filter((i) => data.labels[i] === c).length);
  assert.deepEqual(perClass(images.train), new Array(10).fill(30));
  assert.deepEqual(perClass(images.test), new Array(10).fill(10));
  // The training-accuracy subset: training images, 5 per class, interleaved 0, 1, …, 9, 0, … (so any 10k-prefix is stratified).
  const trainSet = new Set(images.train);
  assert.ok(images.trainEval.every((i) => trainSet.has(i)));
  assert.deepEqual(
    Array.from(images.trainEval, (i) => data.labels[i]),
    Array.from({ length: 50 }, (_, k) => k % 10),
  );
  assert.equal(new Set(images.trainEval).size, 50);
  assert.throws(() => planImages(data, { ...plan, trainEvalImages: 55 }), /trainEvalImages = 55: must be a positive multiple of 10/);
  assert.deepEqual(Array.from(planImages(data, plan).train), Array.from(images.train));
  assert.notDeepEqual(Array.from(planImages(data, { ...plan, splitSeed: 1 }).train), Array.from(images.train));
  assert.throws(() => planImages(data, { ...plan, trainEvalImages: 301 }), /trainEvalImages/);
});

test('14×14 pixels are the 2×2 means of the 28×28 ones; both are scaled to [0, 1] and centred on the data set mean', () => {
  const full = imagePixels(data, [123], 28);
  const half = imagePixels(data, [123], 14);
  const up = (v: number) => v + FASHION_PIXEL_MEAN;
  for (const [r, c] of [
    [0, 0],
    [6, 9],
    [13, 13],
  ]) {
    const mean =
      (up(full[2 * r * 28 + 2 * c]) + up(full[2 * r * 28 + 2 * c + 1]) + up(full[(2 * r + 1) * 28 + 2 * c]) + up(full[(2 * r + 1) * 28 + 2 * c + 1])) / 4;
    assert.ok(Math.abs(up(half[r * 14 + c]) - mean) < 1e-6);
  }
  assert.ok(full.every((v) => up(v) >= -1e-6 && up(v) <= 1 + 1e-6));
  assert.throws(() => imagePixels(data, [0], 20), /resolution/);
});

test("the tensors have the models' shapes: images [N, H, W, 1], one-hot labels [N, 1, 1, 10]", async () => {
  await useBackend('wasm');
  const tensors = fashionTensors({ resolution: 14, trainPerClass: 5, testPerClass: 3, splitSeed: 0, trainEvalImages: 20 }, data);
  try {
    assert.deepEqual(tensors.train.xs.shape, [50, 14, 14, 1]);
    assert.deepEqual(tensors.train.ys.shape, [50, 1, 1, 10]);
    assert.deepEqual(tensors.test.xs.shape, [30, 14, 14, 1]);
    const labels = tf.tidy(() => Array.from(tensors.train.ys.reshape([50, 10]).argMax(1).dataSync()));
    assert.deepEqual(labels, Array.from(tensors.train.labels));
  } finally {
    disposeFashionTensors(tensors);
  }
});
