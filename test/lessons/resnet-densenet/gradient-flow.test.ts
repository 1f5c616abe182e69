import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../../src/backend';
import { ConvkitInputError } from '../../../src/core/errors';
import { smallPlainCnn, smallResNet } from '../../../src/models/small';
import { convolutionNames, gradientNormsAtInit } from '../../../src/lessons/resnet-densenet/gradient-flow';

function batch(): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  const xs = tf.randomNormal([16, 8, 8, 1], 0, 1, 'float32', 5) as tf.Tensor4D;
  const ys = tf
    .oneHot(
      tf.tensor1d(
        Array.from({ length: 16 }, (_, i) => i % 10),
        'int32',
      ),
      10,
    )
    .toFloat() as tf.Tensor2D;
  return { xs, ys };
}

test('there is one gradient norm per convolution, in graph order, positive and finite', async () => {
  await useBackend('wasm');
  const spec = smallResNet({ inputSize: 8, blocks: 1 });
  const { xs, ys } = batch();
  const before = tf.memory().numTensors;
  const norms = gradientNormsAtInit(spec, xs, ys, 0);
  assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
  assert.deepEqual(
    norms.map((n) => n.layer),
    convolutionNames(spec),
  );
  assert.deepEqual(
    norms.map((n) => n.position),
    norms.map((_, i) => i + 1),
  );
  assert.ok(norms.every((n) => Number.isFinite(n.gradientNorm) && n.gradientNorm > 0));
  tf.dispose([xs, ys]);
});

test('the same seed gives the same gradients and another seed different ones', async () => {
  await useBackend('wasm');
  const spec = smallPlainCnn({ inputSize: 8, blocks: 1, width: 4 });
  const { xs, ys } = batch();
  const a = gradientNormsAtInit(spec, xs, ys, 3);
  const b = gradientNormsAtInit(spec, xs, ys, 3);
  assert.deepEqual(a, b);
  const c = gradientNormsAtInit(spec, xs, ys, 4);
  assert.notDeepEqual(
    a.map((n) => n.gradientNorm),
    c.map((n) => n.gradientNorm),
  );
  tf.dispose([xs, ys]);
});

test('mismatched labels and a spec without convolutions are input errors', async () => {
  await useBackend('wasm');
  const { xs, ys } = batch();
  const few = tf.slice(ys, 0, 4) as tf.Tensor2D;
  assert.throws(() => gradientNormsAtInit(smallResNet({ inputSize: 8 }), xs, few), ConvkitInputError);
  const dense = { name: 'dense only', input: [8, 8, 1] as const, nodes: [{ name: 'fc', layer: { kind: 'dense' as const, units: 10 }, inputs: ['input'] }] };
  assert.throws(() => gradientNormsAtInit(dense, xs, ys), ConvkitInputError);
  tf.dispose([xs, ys, few]);
});
