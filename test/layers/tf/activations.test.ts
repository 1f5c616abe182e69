import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { hardSigmoid, HardSigmoid, hardSwish, HardSwish, swish, Swish } from '../../../src/layers/tf';

before(async () => {
  await tf.setBackend('cpu');
  tf.enableProdMode();
});

/** The formulas written out in plain numbers, independent of tf. */
const relu6 = (x: number): number => Math.min(Math.max(x, 0), 6);
const expected = {
  hardSwish: (x: number) => (x * relu6(x + 3)) / 6,
  hardSigmoid: (x: number) => relu6(x + 3) / 6,
  swish: (x: number) => x / (1 + Math.exp(-x)),
};

function applyLayer(layer: tf.layers.Layer, values: number[]): number[] {
  return tf.tidy(() => Array.from((layer.apply(tf.tensor1d(values)) as tf.Tensor).dataSync()));
}

for (const [name, make] of [
  ['hardSwish', () => hardSwish()],
  ['hardSigmoid', () => hardSigmoid()],
  ['swish', () => swish()],
] as const) {
  test(`the ${name} layer computes its formula at any point`, () => {
    const layer = make();
    fc.assert(
      fc.property(fc.array(fc.float({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 20 }), (xs) => {
        const got = applyLayer(layer, xs);
        got.forEach((y, i) => assert.ok(Math.abs(y - expected[name](xs[i])) <= 1e-5 * (1 + Math.abs(y)), `${name}(${xs[i]}) = ${y}`));
      }),
      { numRuns: 200 },
    );
  });
}

test('hard swish is 0 below -3, the identity above 3, and x(x+3)/6 between', () => {
  const got = applyLayer(hardSwish(), [-5, -3, 0, 1.5, 3, 7]);
  const want = [0, 0, 0, (1.5 * 4.5) / 6, 3, 7];
  got.forEach((y, i) => assert.ok(Math.abs(y - want[i]) < 1e-6, `at ${i}: ${y} vs ${want[i]}`));
});

test("hard sigmoid has MobileNet v3's slope 1/6, unlike tf's Keras-2 hard sigmoid (0.2x + 0.5)", () => {
  const ours = applyLayer(hardSigmoid(), [1])[0];
  const keras2 = tf.tidy(() => (tf.layers.activation({ activation: 'hardSigmoid' }).apply(tf.tensor1d([1])) as tf.Tensor).dataSync()[0]);
  assert.ok(Math.abs(ours - 4 / 6) < 1e-6);
  assert.ok(Math.abs(keras2 - 0.7) < 1e-6);
});

test('the activation layers have no weights and keep the input shape', () => {
  for (const layer of [new HardSwish(), new HardSigmoid(), new Swish()]) {
    const out = layer.apply(tf.input({ shape: [4, 5, 3] })) as tf.SymbolicTensor;
    assert.deepEqual(out.shape, [null, 4, 5, 3]);
    assert.equal(layer.countParams(), 0);
  }
});

test('a model with the activation layers survives a JSON round trip through the class registry', async () => {
  const input = tf.input({ shape: [3] });
  const output = new Swish().apply(new HardSigmoid().apply(new HardSwish().apply(input))) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output });
  const json = model.toJSON(undefined, false) as Parameters<typeof tf.models.modelFromJSON>[0];
  const copy = await tf.models.modelFromJSON(json);
  const classNames = copy.layers.map((l) => l.getClassName());
  assert.deepEqual(classNames, ['InputLayer', 'HardSwish', 'HardSigmoid', 'Swish']);
  const x = tf.tensor2d([[-4, 0.5, 5]]);
  const a = (model.predict(x) as tf.Tensor).arraySync();
  const b = (copy.predict(x) as tf.Tensor).arraySync();
  assert.deepEqual(a, b);
  tf.dispose([x]);
  model.dispose();
  copy.dispose();
});
