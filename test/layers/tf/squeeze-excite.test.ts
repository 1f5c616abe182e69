import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { squeezeExcite } from '../../../src/layers/tf';
import { layerCost } from '../../../src/cost/layer-cost';
import { ConvkitInputError } from '../../../src/core/errors';

before(async () => {
  await tf.setBackend('cpu');
  tf.enableProdMode();
});

test('squeeze-excite holds 2·C·S + S + C trainable weights, as the cost model counts', () => {
  for (const [channels, squeeze] of [
    [16, 8],
    [72, 24],
    [5, 3],
  ]) {
    const layer = squeezeExcite({ squeezeChannels: squeeze });
    layer.apply(tf.input({ shape: [4, 4, channels] }));
    assert.equal(layer.countParams(), 2 * channels * squeeze + squeeze + channels);
    const cost = layerCost({ kind: 'squeezeExcite', squeezeChannels: squeeze }, [[4, 4, channels]]);
    assert.equal(layer.countParams(), cost.params.total);
    layer.dispose();
  }
});

test('squeeze-excite rescales each channel by the gate computed from its pooled mean', () => {
  const [n, h, w, c, s] = [2, 3, 4, 5, 3];
  const layer = squeezeExcite({ squeezeChannels: s, innerActivation: 'relu', gateActivation: 'sigmoid', seed: 7 });
  const x = tf.randomNormal([n, h, w, c], 0, 1, 'float32', 1);
  const y = layer.apply(x) as tf.Tensor;
  // Recompute by hand from the layer's own weights, in plain numbers.
  const [k1, b1, k2, b2] = layer.getWeights().map((t) => t.arraySync()) as [number[][], number[], number[][], number[]];
  const xv = x.arraySync() as number[][][][];
  const yv = y.arraySync() as number[][][][];
  for (let b = 0; b < n; b++) {
    const mean = Array.from({ length: c }, (_, ch) => {
      let sum = 0;
      for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) sum += xv[b][i][j][ch];
      return sum / (h * w);
    });
    const inner = Array.from({ length: s }, (_, q) => Math.max(0, b1[q] + mean.reduce((acc, m, ch) => acc + m * k1[ch][q], 0)));
    const gate = Array.from({ length: c }, (_, ch) => 1 / (1 + Math.exp(-(b2[ch] + inner.reduce((acc, v, q) => acc + v * k2[q][ch], 0)))));
    for (let i = 0; i < h; i++)
      for (let j = 0; j < w; j++)
        for (let ch = 0; ch < c; ch++) {
          const want = xv[b][i][j][ch] * gate[ch];
          assert.ok(Math.abs(yv[b][i][j][ch] - want) < 1e-5, `at ${b},${i},${j},${ch}: ${yv[b][i][j][ch]} vs ${want}`);
        }
  }
  tf.dispose([x, y]);
  layer.dispose();
});

test('squeeze-excite with the same seed starts from the same weights', () => {
  const weights = (seed: number) => {
    const layer = squeezeExcite({ squeezeChannels: 4, seed });
    layer.apply(tf.input({ shape: [2, 2, 8] }));
    const values = layer.getWeights().map((t) => Array.from(t.dataSync()));
    layer.dispose();
    return values;
  };
  assert.deepEqual(weights(3), weights(3));
  assert.notDeepEqual(weights(3), weights(4));
});

test('squeeze-excite rejects a bad squeeze width or activation, naming the field', () => {
  assert.throws(
    () => squeezeExcite({ squeezeChannels: 0 }),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'squeezeChannels',
  );
  assert.throws(
    () => squeezeExcite({ squeezeChannels: 2, gateActivation: 'tanh' as never }),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'gateActivation',
  );
});
