import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { zeroPadShortcut } from '../../../src/layers/tf';
import { ConvkitInputError } from '../../../src/core/errors';

before(async () => {
  await tf.setBackend('cpu');
  tf.enableProdMode();
});

test('the zero-pad shortcut keeps every s-th pixel and appends zero channels', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 7 }),
      fc.integer({ min: 1, max: 7 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 0, max: 4 }),
      fc.integer({ min: 1, max: 3 }),
      (h, w, c, extra, s) => {
        const layer = zeroPadShortcut({ filters: c + extra, strides: s });
        const x = tf.randomUniform([1, h, w, c], -1, 1, 'float32', h * 100 + w * 10 + c);
        const y = layer.apply(x) as tf.Tensor;
        assert.deepEqual(y.shape, [1, Math.ceil(h / s), Math.ceil(w / s), c + extra]);
        const xv = (x.arraySync() as number[][][][])[0];
        const yv = (y.arraySync() as number[][][][])[0];
        yv.forEach((row, i) => row.forEach((pixel, j) => pixel.forEach((value, ch) => assert.equal(value, ch < c ? xv[i * s][j * s][ch] : 0))));
        tf.dispose([x, y]);
      },
    ),
    { numRuns: 100 },
  );
});

test('the zero-pad shortcut has no weights', () => {
  const layer = zeroPadShortcut({ filters: 32, strides: 2 });
  const out = layer.apply(tf.input({ shape: [8, 8, 16] })) as tf.SymbolicTensor;
  assert.deepEqual(out.shape, [null, 4, 4, 32]);
  assert.equal(layer.countParams(), 0);
});

test('the zero-pad shortcut refuses to drop channels, naming filters', () => {
  const layer = zeroPadShortcut({ filters: 8 });
  assert.throws(
    () => layer.apply(tf.input({ shape: [4, 4, 16] })),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'filters',
  );
  assert.throws(
    () => zeroPadShortcut({ filters: 8, strides: 0 }),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'strides',
  );
});

test('gradients flow through the zero-pad shortcut to the kept pixels only', () => {
  const layer = zeroPadShortcut({ filters: 3, strides: 2 });
  const x = tf.ones([1, 3, 3, 2]);
  const grad = tf.grad((t: tf.Tensor) => tf.sum(layer.apply(t) as tf.Tensor))(x);
  const g = (grad.arraySync() as number[][][][])[0];
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let c = 0; c < 2; c++) assert.equal(g[i][j][c], i % 2 === 0 && j % 2 === 0 ? 1 : 0);
  tf.dispose([x, grad]);
});
