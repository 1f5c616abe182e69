import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../../src/backend';
import { summarize } from '../../../src/cost/summary';
import { buildTfModel } from '../../../src/layers/tf/build-model';
import { recalibrateBatchNorm, tinyMobileNet, tinyStandardCnn, trainOnDigits } from '../../../src/lessons/mobilenet/tiny-nets';

const convKinds = new Set(['conv2d', 'depthwiseConv2d', 'pointwiseConv2d']);

test('the two tiny nets have the same stem, block outputs and head; only the block differs', () => {
  const mobile = summarize(tinyMobileNet());
  const standard = summarize(tinyStandardCnn());
  const blockOutputs = (s: typeof mobile) => s.rows.filter((r) => /^block_\d+_(pw_)?relu$/.test(r.name)).map((r) => r.outputShape.join('x'));
  assert.deepEqual(blockOutputs(mobile), ['8x8x16', '4x4x32', '4x4x32']);
  assert.deepEqual(blockOutputs(standard), blockOutputs(mobile));
  assert.deepEqual(mobile.rows.at(-1)!.outputShape, [1, 1, 10]);
  assert.equal(mobile.rows.filter((r) => r.layer.kind === 'depthwiseConv2d').length, 3);
  assert.equal(standard.rows.filter((r) => convKinds.has(r.layer.kind)).length, 4);
  assert.ok(mobile.macs < standard.macs / 4);
});

test('training is seeded: two runs give the same losses and accuracy, and the parameters match TF.js', async () => {
  await useBackend('wasm');
  const a = await trainOnDigits(tinyStandardCnn({ width: 4 }), { steps: 3 });
  const b = await trainOnDigits(tinyStandardCnn({ width: 4 }), { steps: 3 });
  assert.deepEqual(a.losses, b.losses);
  assert.equal(a.testAccuracy, b.testAccuracy);
  assert.equal(a.params, a.countParams);
});

test('BN recalibration sets the moving mean to the mean of the layer input', async () => {
  await useBackend('wasm');
  const model = buildTfModel(tinyStandardCnn({ width: 4 }), { seed: 1 });
  const xs = tf.randomUniform([16, 8, 8, 1], 0, 1, 'float32', 3);
  recalibrateBatchNorm(model, xs);
  const bn = model.getLayer('conv1_bn');
  const conv = tf.model({ inputs: model.inputs, outputs: model.getLayer('conv1').output as tf.SymbolicTensor });
  const expected = tf.tidy(() => tf.moments(conv.predict(xs) as tf.Tensor, [0, 1, 2]).mean.arraySync() as number[]);
  const actual = bn.getWeights()[2].arraySync() as number[];
  expected.forEach((m, i) => assert.ok(Math.abs(m - actual[i]) < 1e-5));
  tf.dispose(xs);
  model.dispose();
});
