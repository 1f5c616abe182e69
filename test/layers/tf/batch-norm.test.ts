import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../../src/backend';
import { batchNorm, useBatchNormGradient, type BatchNormGradient } from '../../../src/layers/tf/batch-norm';
import { disagreement, seededValues } from '../../backend/kernels/compare-backends';

interface Outcome {
  readonly y: Float32Array;
  readonly dx: Float32Array;
  readonly dGamma: Float32Array;
  readonly dBeta: Float32Array;
  readonly movingMean: Float32Array;
  readonly movingVariance: Float32Array;
}

/** One training-mode forward and backward pass of a fresh BN layer over `shape`, with seeded γ, β and loss weights. */
function trainingPass(shape: number[], gradient: BatchNormGradient, epsilon: number): Outcome {
  const previous = useBatchNormGradient(gradient);
  try {
    const channels = shape[shape.length - 1];
    const count = shape.reduce((a, b) => a * b, 1);
    const layer = batchNorm({ epsilon });
    layer.build(shape);
    tf.tidy(() =>
      layer.setWeights([tf.tensor1d(seededValues(channels, 3)).add(1), tf.tensor1d(seededValues(channels, 4)), tf.zeros([channels]), tf.ones([channels])]),
    );
    // Values with a mean far from 0 and unequal spread, as after a convolution.
    const x = tf.tidy(() => tf.tensor(seededValues(count, 1), shape).mul(3).add(2));
    const w = tf.tensor(seededValues(count, 2), shape);
    const [gamma, beta] = layer.trainableWeights.map((v) => (v as unknown as { val: tf.Variable }).val);
    const loss = (input: tf.Tensor) => tf.sum(tf.mul(layer.apply(input, { training: true }) as tf.Tensor, w)) as tf.Scalar;
    const { value, grads } = tf.variableGrads(() => loss(x), [gamma, beta]);
    const dx = tf.grad(loss)(x);
    const y = tf.tidy(() => (layer.apply(x, { training: true }) as tf.Tensor).dataSync() as Float32Array);
    const [, , movingMean, movingVariance] = tf.tidy(() => layer.getWeights().map((t) => t.dataSync() as Float32Array));
    const outcome = {
      y,
      dx: dx.dataSync() as Float32Array,
      dGamma: grads[gamma.name].dataSync() as Float32Array,
      dBeta: grads[beta.name].dataSync() as Float32Array,
      movingMean,
      movingVariance,
    };
    tf.dispose([x, w, dx, value, ...Object.values(grads)]);
    for (const weight of layer.weights) weight.dispose();
    return outcome;
  } finally {
    useBatchNormGradient(previous);
  }
}

test('closed-form BN training (values, gradients, moving statistics) agrees with tfjs-layers for any NHWC shape', async () => {
  await useBackend('wasm');
  await fc.assert(
    fc.property(
      fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 9 })),
      fc.constantFrom(1e-3, 1.001e-5),
      (shape, epsilon) => {
        if (shape[0] * shape[1] * shape[2] < 2) return; // one value per channel: σ² = 0, nothing to normalise
        const ours = trainingPass(shape, 'closed-form', epsilon);
        const theirs = trainingPass(shape, 'tfjs', epsilon);
        for (const key of Object.keys(ours) as (keyof Outcome)[]) {
          const message = disagreement(ours[key], theirs[key], 1e-4, 2e-4);
          assert.equal(message, null, `${key} at shape ${shape}: ${message}`);
        }
      },
    ),
    { numRuns: 60, seed: 21 },
  );
});

test('closed-form BN leaves no tensor behind and keeps the layer a BatchNormalization with Keras weights', async () => {
  await useBackend('wasm');
  trainingPass([2, 3, 3, 4], 'closed-form', 1e-3);
  const before = tf.memory().numTensors;
  trainingPass([2, 3, 3, 4], 'closed-form', 1e-3);
  assert.equal(tf.memory().numTensors, before);
  const layer = batchNorm({ name: 'bn' });
  layer.build([1, 2, 2, 3]);
  assert.equal(layer.getClassName(), 'BatchNormalization');
  assert.deepEqual(
    layer.weights.map((w) => w.originalName.split('/').pop()),
    ['gamma', 'beta', 'moving_mean', 'moving_variance'],
  );
  for (const weight of layer.weights) weight.dispose();
});

test('inference-mode BN is tfjs-layers own: the same numbers with either gradient choice', async () => {
  await useBackend('wasm');
  const x = tf.tensor4d(seededValues(2 * 3 * 3 * 4, 5), [2, 3, 3, 4]);
  const outputs = (['closed-form', 'tfjs'] as const).map((kind) => {
    const previous = useBatchNormGradient(kind);
    const layer = batchNorm({});
    layer.build(x.shape);
    layer.setWeights([tf.fill([4], 1.5), tf.fill([4], 0.25), tf.fill([4], 0.1), tf.fill([4], 2)]);
    const y = (layer.apply(x, { training: false }) as tf.Tensor).dataSync();
    for (const weight of layer.weights) weight.dispose();
    useBatchNormGradient(previous);
    return Array.from(y);
  });
  assert.deepEqual(outputs[0], outputs[1]);
  x.dispose();
});
