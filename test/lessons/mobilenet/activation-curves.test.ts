import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { activationCurves, LESSON_ACTIVATIONS } from '../../../src/lessons/mobilenet/activation-curves';
import { activationDerivative, activationValue } from '../../../src/layers/reference/activation';
import { hardSwish as hardSwishLayer } from '../../../src/layers/tf/elementwise-activation';
import { ConvkitInputError } from '../../../src/core/errors';

const kinks = [-3, 0, 3, 6];

test('each derivative matches a central finite difference away from the kinks', () => {
  fc.assert(
    fc.property(fc.double({ min: -8, max: 8, noNaN: true }), fc.constantFrom(...LESSON_ACTIVATIONS), (x, name) => {
      fc.pre(kinks.every((k) => Math.abs(x - k) > 1e-3));
      const h = 1e-5;
      const numeric = (activationValue(name, x + h) - activationValue(name, x - h)) / (2 * h);
      return Math.abs(numeric - activationDerivative(name, x)) < 1e-4;
    }),
  );
});

test('h-swish equals the TF.js HardSwish layer of the kit, and its slope equals tf.grad of it', () => {
  const xs = [-5, -3, -2.5, -1, -0.2, 0, 0.7, 2, 2.9, 4, 7];
  const layer = hardSwishLayer();
  const values = tf.tidy(() => (layer.apply(tf.tensor1d(xs)) as tf.Tensor).arraySync() as number[]);
  xs.forEach((x, i) => assert.ok(Math.abs(values[i] - activationValue('hardSwish', x)) < 1e-5, `x = ${x}`));
  const grad = tf.grad((t: tf.Tensor) => layer.apply(t) as tf.Tensor);
  const slopes = tf.tidy(() => grad(tf.tensor1d(xs.filter((x) => !kinks.includes(x)))).arraySync() as number[]);
  xs.filter((x) => !kinks.includes(x)).forEach((x, i) => assert.ok(Math.abs(slopes[i] - activationDerivative('hardSwish', x)) < 1e-5, `x = ${x}`));
});

test('h-swish is 0 below −3 and the identity above 3, like swish far from 0', () => {
  assert.ok(activationValue('hardSwish', -4) === 0); // −0 counts as 0
  assert.equal(activationValue('hardSwish', 5), 5);
  assert.ok(Math.abs(activationValue('swish', 10) - 10) < 1e-3);
});

test('the curves have one row per activation and x, from −6 to 6', () => {
  const rows = activationCurves(-6, 6, 12);
  assert.equal(rows.length, 3 * 13);
  assert.deepEqual([...new Set(rows.map((r) => r.activation))], ['ReLU6', 'swish', 'h-swish']);
  assert.equal(rows[0].x, -6);
  assert.equal(rows[12].x, 6);
});

test('bad ranges and names are input errors', () => {
  assert.throws(() => activationCurves(1, 1), ConvkitInputError);
  assert.throws(() => activationCurves(-1, 1, 0), ConvkitInputError);
  assert.throws(() => activationValue('gelu' as never, 0), ConvkitInputError);
});
