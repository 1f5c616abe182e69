import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { ConvkitInputError } from '../../../src/core/errors';
import { useBackend } from '../../../src/backend';
import { cropForWindow, gradientGeometry, spreadByStride } from '../../../src/backend/kernels/gradient-geometry';

test('spreading dy by stride 2 puts each value at even positions with zeros between', async () => {
  await useBackend('wasm');
  const dy = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
  const spread = spreadByStride(dy, 2, 2);
  assert.deepEqual(spread.shape, [1, 4, 4, 1]);
  assert.deepEqual(Array.from(spread.dataSync()), [1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4, 0, 0, 0, 0, 0]);
  tf.dispose([dy, spread]);
});

test('cropping for a window cuts rows for negative amounts and returns padding for positive ones', async () => {
  await useBackend('wasm');
  const x = tf.reshape(tf.range(0, 16), [1, 4, 4, 1]) as tf.Tensor4D;
  const { cropped, padding } = cropForWindow(x, 1, -1, -2, 0);
  assert.deepEqual(cropped.shape, [1, 3, 2, 1]);
  assert.deepEqual(Array.from(cropped.dataSync()), [2, 3, 6, 7, 10, 11]);
  assert.deepEqual(padding, [
    [0, 0],
    [1, 0],
    [0, 0],
    [0, 0],
  ]);
  tf.dispose([x, cropped]);
});

test("'same' padding of a 3×3 stride-2 convolution on an even input puts no zero row on top", () => {
  // TF's SAME pads (out−1)·s + K − H = 1 row in total, with the odd one at the bottom.
  const geometry = gradientGeometry('test', [1, 8, 8, 1], [3, 3, 1, 1], [1, 4, 4, 1], { strides: 2, pad: 'same' }, false);
  assert.deepEqual(geometry, { strideHeight: 2, strideWidth: 2, padTop: 0, padLeft: 0, outHeight: 4, outWidth: 4 });
});

test('a zero stride is refused with an error that names the kernel and strides', () => {
  assert.throws(
    () => gradientGeometry('Conv2DBackpropFilter', [1, 8, 8, 1], [3, 3, 1, 1], [1, 8, 8, 1], { strides: [1, 0], pad: 'same' }, false),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'Conv2DBackpropFilter.strides[1]' && error.value === 0,
  );
});
