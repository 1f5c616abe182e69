import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { computeOn, seededValues } from './compare-backends';
import { useBuiltInWasmKernels } from '../../../src/backend/kernels/register';
import { sliceConfig, splitVConfig } from '../../../src/backend/kernels/slice-split';

/** A shape of rank 1–5 and, for every axis, a begin and a size inside it. */
const sliceCase = fc
  .array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 5 })
  .chain((shape) =>
    fc.tuple(
      fc.constant(shape),
      fc.tuple(...shape.map((n) => fc.integer({ min: 0, max: n }).chain((b) => fc.tuple(fc.constant(b), fc.integer({ min: 0, max: n - b }))))),
    ),
  );

test('convkit Slice and SplitV are the ones registered on wasm', async () => {
  await computeOn('wasm', () => []);
  assert.equal(tf.getKernel('Slice', 'wasm')?.kernelFunc, sliceConfig.kernelFunc);
  assert.equal(tf.getKernel('SplitV', 'wasm')?.kernelFunc, splitVConfig.kernelFunc);
});

test('wasm Slice (read in place) equals the cpu backend for every begin and size, float32 and int32', async () => {
  await fc.assert(
    fc.asyncProperty(sliceCase, fc.constantFrom('float32', 'int32'), async ([shape, cut], dtype) => {
      const begin = cut.map(([b]) => b);
      const size = cut.map(([, s]) => s);
      const count = shape.reduce((a, b) => a * b, 1);
      const values = Array.from(seededValues(count, count), (v) => Math.round(v * 1000));
      const run = () => [tf.slice(tf.tensor(values, shape, dtype as 'float32' | 'int32'), begin, size)];
      const [onWasm] = await computeOn('wasm', run);
      const [onCpu] = await computeOn('cpu', run);
      assert.deepEqual(Array.from(onWasm), Array.from(onCpu), `shape ${shape}, begin ${begin}, size ${size}`);
    }),
    { numRuns: 150, seed: 11 },
  );
});

test('wasm SplitV equals the cpu backend along every axis, with empty pieces', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 }),
      fc.nat(3),
      fc.array(fc.nat(3), { minLength: 1, maxLength: 4 }),
      async (base, axisSeed, pieces) => {
        const axis = axisSeed % base.length;
        const shape = [...base];
        shape[axis] = pieces.reduce((a, b) => a + b, 0);
        if (shape[axis] === 0) return;
        const count = shape.reduce((a, b) => a * b, 1);
        const run = () => tf.split(tf.tensor(seededValues(count, 3), shape), pieces, axis);
        const onWasm = await computeOn('wasm', run);
        const onCpu = await computeOn('cpu', run);
        assert.equal(onWasm.length, pieces.length);
        onWasm.forEach((piece, i) => assert.deepEqual(Array.from(piece), Array.from(onCpu[i]), `shape ${shape}, axis ${axis}, pieces ${pieces}`));
      },
    ),
    { numRuns: 100, seed: 12 },
  );
});

test('the gradient of a channel concatenation on wasm equals the cpu one', async () => {
  const a = seededValues(2 * 3 * 3 * 5, 1);
  const b = seededValues(2 * 3 * 3 * 7, 2);
  const w = seededValues(2 * 3 * 3 * 12, 3);
  const run = () => {
    const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.concat([x, y], 3), tf.tensor4d(w, [2, 3, 3, 12])));
    return tf.grads(f)([tf.tensor4d(a, [2, 3, 3, 5]), tf.tensor4d(b, [2, 3, 3, 7])]);
  };
  const onWasm = await computeOn('wasm', run);
  const onCpu = await computeOn('cpu', run);
  onWasm.forEach((g, i) => assert.deepEqual(Array.from(g), Array.from(onCpu[i])));
});

test("useBuiltInWasmKernels puts the built-in Slice back and convkit's again, with the same values either way", async () => {
  await computeOn('wasm', () => []);
  const run = () => [tf.slice(tf.tensor4d(seededValues(2 * 4 * 4 * 6, 9), [2, 4, 4, 6]), [0, 1, 0, 2], [2, 2, 4, 3])];
  const ours = await computeOn('wasm', run);
  useBuiltInWasmKernels(['Slice']);
  try {
    assert.notEqual(tf.getKernel('Slice', 'wasm')?.kernelFunc, sliceConfig.kernelFunc);
    assert.equal(tf.getKernel('SplitV', 'wasm')?.kernelFunc, splitVConfig.kernelFunc);
    // Not computeOn: its useBackend would register convkit's kernels again.
    const [sliced] = tf.tidy(run);
    const theirs = Array.from(sliced.dataSync());
    sliced.dispose();
    assert.deepEqual(theirs, Array.from(ours[0]));
  } finally {
    useBuiltInWasmKernels([]);
  }
  assert.equal(tf.getKernel('Slice', 'wasm')?.kernelFunc, sliceConfig.kernelFunc);
});
