import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { ConvkitInputError } from '../../src/core/errors';
import { useBackend } from '../../src/backend';
import { timeMedian } from '../../src/backend/timing';

test('timing a computation runs it once more than asked, reports both clocks and leaves no tensor behind', async () => {
  await useBackend('wasm');
  const x = tf.ones([64, 64]);
  const before = tf.memory().numTensors;
  let calls = 0;
  const timing = await timeMedian(() => {
    calls++;
    return tf.matMul(tf.add(x, 1), x); // the intermediate add must be freed too
  }, 3);
  assert.equal(calls, 4);
  assert.equal(timing.runs, 3);
  assert.ok(timing.wallMs >= 0 && Number.isFinite(timing.wallMs));
  assert.ok(timing.cpuMs >= 0 && Number.isFinite(timing.cpuMs));
  assert.equal(tf.memory().numTensors, before);
  x.dispose();
});

test('zero timed runs are refused with an error that names runs', async () => {
  await assert.rejects(
    () => timeMedian(() => tf.scalar(1), 0),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'runs',
  );
});
