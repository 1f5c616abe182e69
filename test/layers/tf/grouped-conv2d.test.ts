import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { groupedConv2d } from '../../../src/layers/tf';
import { layerCost } from '../../../src/cost/layer-cost';
import { ConvkitInputError } from '../../../src/core/errors';

before(async () => {
  await tf.setBackend('cpu');
  tf.enableProdMode();
});

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

test('a grouped conv equals separate convs on each channel slice, concatenated', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 3 }),
      fc.constantFrom<'same' | 'valid'>('same', 'valid'),
      fc.integer({ min: 1, max: 2 }),
      (groups, perGroupIn, perGroupOut, padding, stride) => {
        const c = groups * perGroupIn;
        const m = groups * perGroupOut;
        const layer = groupedConv2d({ filters: m, kernelSize: [3, 3], groups, padding, strides: [stride, stride], useBias: true, seed: 5 });
        const x = tf.randomNormal([2, 6, 5, c], 0, 1, 'float32', 9);
        const y = layer.apply(x) as tf.Tensor;
        const [kernel, bias] = layer.getWeights();
        const want = tf.tidy(() => {
          const parts = [];
          for (let g = 0; g < groups; g++) {
            const xg = tf.slice(x, [0, 0, 0, g * perGroupIn], [-1, -1, -1, perGroupIn]) as tf.Tensor4D;
            const kg = tf.slice(kernel, [0, 0, 0, g * perGroupOut], [-1, -1, -1, perGroupOut]) as tf.Tensor4D;
            parts.push(tf.conv2d(xg, kg, stride, padding));
          }
          return tf.add(tf.concat(parts, 3), bias);
        });
        assert.deepEqual(y.shape, want.shape);
        assert.ok(maxAbsDiff(y, want) < 1e-5);
        assert.equal(layer.countParams(), 9 * perGroupIn * m + m);
        tf.dispose([x, y, want]);
        layer.dispose();
      },
    ),
    { numRuns: 30 },
  );
});

test("a grouped conv's weight count equals the cost model's", () => {
  const layer = groupedConv2d({ filters: 64, kernelSize: [3, 3], groups: 8 });
  layer.apply(tf.input({ shape: [8, 8, 32] }));
  const cost = layerCost({ kind: 'conv2d', filters: 64, kernelSize: 3, groups: 8 }, [[8, 8, 32]]);
  assert.equal(layer.countParams(), cost.params.total);
  assert.equal(layer.countParams(), 3 * 3 * (32 / 8) * 64);
  layer.dispose();
});

test('groups that do not divide the channels are refused, naming groups', () => {
  assert.throws(
    () => groupedConv2d({ filters: 6, kernelSize: [3, 3], groups: 4 }),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'groups',
  );
  const layer = groupedConv2d({ filters: 8, kernelSize: [3, 3], groups: 4 });
  assert.throws(
    () => layer.apply(tf.input({ shape: [4, 4, 6] })),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'groups',
  );
});
