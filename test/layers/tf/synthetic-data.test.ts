import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { syntheticImages } from '../../../src/layers/tf';
import { ConvkitInputError } from '../../../src/core/errors';

before(async () => {
  tf.enableProdMode();
  await tf.setBackend('cpu');
});

test('synthetic images come with one-hot labels shaped like the classifier output, class i mod classes', () => {
  const { xs, ys } = syntheticImages({ count: 25, inputShape: [8, 8, 1], classes: 10, seed: 3 });
  assert.deepEqual(xs.shape, [25, 8, 8, 1]);
  assert.deepEqual(ys.shape, [25, 1, 1, 10]);
  const labels = tf.tidy(() => Array.from(tf.argMax(tf.reshape(ys, [25, 10]), 1).dataSync()));
  assert.deepEqual(
    labels,
    Array.from({ length: 25 }, (_, i) => i % 10),
  );
  assert.equal(
    tf.tidy(() => tf.sum(ys).dataSync()[0]),
    25,
  );
  tf.dispose([xs, ys]);
});

test('examples of one class are closer to each other than to another class', () => {
  const { xs, ys } = syntheticImages({ count: 30, inputShape: [4, 4, 2], classes: 3, seed: 1, noise: 0.3 });
  const [d00, d01] = tf.tidy(() => {
    const v = tf.reshape(xs, [30, 32]);
    const dist = (i: number, j: number) => tf.norm(tf.sub(v.slice(i, 1), v.slice(j, 1))).dataSync()[0];
    return [dist(0, 3), dist(0, 1)]; // 0 and 3 share class 0; 1 is class 1
  });
  assert.ok(d00 < d01, `${d00} vs ${d01}`);
  tf.dispose([xs, ys]);
});

test('the same seed gives the same images, another seed others', () => {
  const a = syntheticImages({ count: 4, inputShape: [3, 3, 1], seed: 2 });
  const b = syntheticImages({ count: 4, inputShape: [3, 3, 1], seed: 2 });
  const c = syntheticImages({ count: 4, inputShape: [3, 3, 1], seed: 9 });
  assert.deepEqual(Array.from(a.xs.dataSync()), Array.from(b.xs.dataSync()));
  assert.notDeepEqual(Array.from(a.xs.dataSync()), Array.from(c.xs.dataSync()));
  tf.dispose([a.xs, a.ys, b.xs, b.ys, c.xs, c.ys]);
});

test('bad sizes are refused, naming the field', () => {
  assert.throws(
    () => syntheticImages({ count: 0, inputShape: [3, 3, 1] }),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'count',
  );
  assert.throws(
    () => syntheticImages({ count: 2, inputShape: [3, 0, 1] }),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'inputShape',
  );
  assert.throws(
    () => syntheticImages({ count: 2, inputShape: [3, 3, 1], noise: -1 }),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'noise',
  );
});
