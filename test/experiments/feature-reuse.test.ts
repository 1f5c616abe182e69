import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { ConvkitInputError } from '../../src/core/errors';
import { buildTfModel } from '../../src/layers/tf/build-model';
import { smallDenseNetBC } from '../../src/models/small';
import { featureReuse, meanAbsOverInputChannels, reuseTargets } from '../../src/experiments/feature-reuse';

test('the mean |w| over a channel slice averages exactly the weights of those input channels', () => {
  // 1×1 kernel, 3 input channels, 2 filters: rows are input channels.
  const kernel = Float32Array.from([1, -1, 2, -2, 4, 8]);
  assert.equal(meanAbsOverInputChannels(kernel, [1, 1, 3, 2], 0, 1), 1);
  assert.equal(meanAbsOverInputChannels(kernel, [1, 1, 3, 2], 1, 3), (2 + 2 + 4 + 8) / 4);
  assert.throws(() => meanAbsOverInputChannels(kernel, [1, 1, 3, 2], 2, 4), ConvkitInputError);
  assert.throws(() => meanAbsOverInputChannels(kernel, [1, 1, 2, 2], 0, 1), ConvkitInputError);
});

test('each dense layer reads k0 + (l−1)·k channels split into one slice per source, and the transition reads them all', () => {
  const k = 6;
  const targets = reuseTargets(smallDenseNetBC({ inputSize: 8, growthRate: k, layersPerBlock: 3 }));
  const block1 = targets.filter((t) => t.block === 1);
  assert.deepEqual(
    block1.map((t) => t.target),
    ['layer 1', 'layer 2', 'layer 3', 'transition'],
  );
  block1.forEach((target, l) => {
    assert.equal(target.slices.length, l + 1);
    assert.equal(target.slices[target.slices.length - 1].end, 2 * k + l * k);
    target.slices.slice(1).forEach((slice) => assert.equal(slice.end - slice.start, k));
  });
  // The last block has no transition after it.
  assert.deepEqual(
    targets.filter((t) => t.block === 3).map((t) => t.target),
    ['layer 1', 'layer 2', 'layer 3'],
  );
});

test('the reuse cells of a built network read the TF.js kernels of the convs that read each concatenation', () => {
  const spec = smallDenseNetBC({ inputSize: 8, growthRate: 4, layersPerBlock: 2, blocks: 2 });
  const model = buildTfModel(spec, { seed: 1, kernelInitializer: 'glorotUniform' });
  try {
    const cells = featureReuse(model, spec);
    // Block 1: layer 1 (1 source), layer 2 (2), transition (3); block 2: layer 1 (1), layer 2 (2).
    assert.equal(cells.length, 1 + 2 + 3 + 1 + 2);
    const first = cells[0];
    const kernel = model.getLayer('conv2_block1_1_conv').getWeights()[0];
    const expected = tf.tidy(() => tf.mean(tf.abs(kernel)).dataSync()[0]);
    assert.ok(Math.abs(first.meanAbsWeight - expected) < 1e-6, `${first.meanAbsWeight} vs ${expected}`);
    assert.ok(cells.every((c) => Number.isFinite(c.meanAbsWeight) && c.meanAbsWeight > 0));
  } finally {
    model.dispose();
  }
});

test('a spec without a dense block is an input error', () => {
  assert.throws(
    () => reuseTargets({ name: 'plain', input: [4, 4, 1], nodes: [{ name: 'c', layer: { kind: 'conv2d', filters: 2, kernelSize: 3 }, inputs: ['input'] }] }),
    ConvkitInputError,
  );
});
