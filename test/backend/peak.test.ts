import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { ConvkitInputError } from '../../src/core/errors';
import { useBackend } from '../../src/backend';
import { measurePeakGflops } from '../../src/backend/peak';

test('the peak measurement returns a finite positive GFLOP/s and leaves no tensor behind', async () => {
  await useBackend('wasm');
  const before = tf.memory().numTensors;
  const gflops = await measurePeakGflops({ size: 64, repeats: 2 });
  assert.ok(Number.isFinite(gflops) && gflops > 0, `gflops = ${gflops}`);
  assert.equal(tf.memory().numTensors, before);
});

test('a non-integer matrix size is refused with an error that names size', async () => {
  await assert.rejects(
    () => measurePeakGflops({ size: 10.5 }),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'size',
  );
});
