// The four wasm gradient kernels with unequal strides ([2, 1], [1, 3], …)
// against TF.js's cpu backend. Equal strides cannot tell the two axes
// apart: a kernel that swapped strideHeight and strideWidth passed every
// earlier test. Here the height and width, kernel and strides all differ per
// axis, so a swap changes the shapes or the values and fails.
//
// Dilation: TF.js's own gradient functions refuse dilation > 1 for conv2d
// and depthwiseConv2d on every backend, so there is nothing to compare
// against; convkit's kernels refuse it too, and the last tests check that
// each refusal names the kernel and the attribute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../../src/backend';
import { conv2dBackpropFilter } from '../../../src/backend/kernels/conv2d-backprop-filter';
import { conv2dBackpropInput } from '../../../src/backend/kernels/conv2d-backprop-input';
import { depthwiseConv2dBackpropFilter } from '../../../src/backend/kernels/depthwise-conv2d-backprop-filter';
import { depthwiseConv2dBackpropInput } from '../../../src/backend/kernels/depthwise-conv2d-backprop-input';
import { ConvkitInputError } from '../../../src/core/errors';
import { computeOn, disagreement, seededValues } from './compare-backends';

type Stride2 = [number, number];
type Padding = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];

interface Case {
  readonly kind: 'conv2d' | 'depthwise';
  readonly xShape: [number, number, number, number];
  readonly wShape: [number, number, number, number];
  readonly strides: Stride2;
  readonly padding: Padding;
  readonly seed: number;
}

/** dL/dx and dL/dW for L = Σ conv(x, W) ⊙ R, with R random so dy is not all ones. */
function gradients(c: Case): tf.Tensor[] {
  const x = tf.tensor4d(seededValues(tf.util.sizeFromShape(c.xShape), c.seed), c.xShape);
  const w = tf.tensor4d(seededValues(tf.util.sizeFromShape(c.wShape), c.seed + 1), c.wShape);
  const forward = (input: tf.Tensor, filter: tf.Tensor) =>
    c.kind === 'conv2d'
      ? tf.conv2d(input as tf.Tensor4D, filter as tf.Tensor4D, c.strides, c.padding)
      : tf.depthwiseConv2d(input as tf.Tensor4D, filter as tf.Tensor4D, c.strides, c.padding);
  const yShape = forward(x, w).shape;
  const r = tf.tensor(seededValues(tf.util.sizeFromShape(yShape), c.seed + 2), yShape);
  return tf.grads((input: tf.Tensor, filter: tf.Tensor) => tf.sum(tf.mul(forward(input, filter), r)) as tf.Scalar)([x, w]);
}

async function compare(c: Case): Promise<void> {
  const cpu = await computeOn('cpu', () => gradients(c));
  const wasm = await computeOn('wasm', () => gradients(c));
  assert.equal(disagreement(wasm[0]!, cpu[0]!), null, `input gradient, ${JSON.stringify(c)}`);
  assert.equal(disagreement(wasm[1]!, cpu[1]!), null, `filter gradient, ${JSON.stringify(c)}`);
}

const UNEQUAL: readonly Stride2[] = [
  [2, 1],
  [1, 3],
  [3, 2],
  [1, 2],
];
const PADDINGS: ReadonlyArray<[string, Padding]> = [
  ['same', 'same'],
  ['valid', 'valid'],
  [
    'explicit',
    [
      [0, 0],
      [2, 0],
      [1, 3],
      [0, 0],
    ],
  ],
];

for (const kind of ['conv2d', 'depthwise'] as const) {
  for (const strides of UNEQUAL) {
    for (const [paddingName, padding] of PADDINGS) {
      test(`${kind}, strides [${strides.join(', ')}], ${paddingName} padding: wasm input and filter gradients equal the cpu backend's`, async () => {
        // Height ≠ width, Kh ≠ Kw, so nothing is symmetric in the two axes.
        const wShape: [number, number, number, number] = kind === 'conv2d' ? [3, 2, 3, 4] : [3, 2, 3, 2];
        await compare({ kind, xShape: [2, 11, 7, 3], wShape, strides, padding, seed: 31 + strides[0] * 7 + strides[1] });
      });
    }
  }
}

test('random shapes with random unequal strides: all four gradient kernels agree with the cpu backend', async () => {
  const arb = fc
    .record({
      kind: fc.constantFrom('conv2d' as const, 'depthwise' as const),
      batch: fc.integer({ min: 1, max: 2 }),
      height: fc.integer({ min: 3, max: 10 }),
      width: fc.integer({ min: 3, max: 10 }),
      channels: fc.integer({ min: 1, max: 4 }),
      out: fc.integer({ min: 1, max: 3 }),
      kh: fc.integer({ min: 1, max: 3 }),
      kw: fc.integer({ min: 1, max: 3 }),
      strides: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })).filter(([a, b]) => a !== b),
      padding: fc.constantFrom('same' as const, 'valid' as const),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    })
    .filter((c) => c.padding === 'same' || (c.kh <= c.height && c.kw <= c.width));
  await fc.assert(
    fc.asyncProperty(arb, async (c) => {
      await compare({
        kind: c.kind,
        xShape: [c.batch, c.height, c.width, c.channels],
        wShape: [c.kh, c.kw, c.channels, c.out],
        strides: c.strides,
        padding: c.padding,
        seed: c.seed,
      });
    }),
    { seed: 20261203, numRuns: 40 },
  );
});

test("TF.js's own gradients refuse dilation > 1 (so there is no cpu result to compare with)", async () => {
  await useBackend('cpu');
  const x = tf.ones([1, 8, 8, 2]) as tf.Tensor4D;
  const w = tf.ones([3, 3, 2, 2]) as tf.Tensor4D;
  for (const dilations of [
    [2, 1],
    [1, 3],
  ] as Stride2[]) {
    assert.throws(() => tf.grad((f: tf.Tensor) => tf.sum(tf.conv2d(x, f as tf.Tensor4D, 1, 'same', 'NHWC', dilations)))(w), /dilation/);
    assert.throws(() => tf.grad((f: tf.Tensor) => tf.sum(tf.depthwiseConv2d(x, f as tf.Tensor4D, 1, 'same', 'NHWC', dilations)))(w), /dilation/);
  }
  tf.dispose([x, w]);
});

test('each of the four wasm gradient kernels refuses unequal dilations with an error naming the kernel and dilations', async () => {
  await useBackend('wasm');
  const x = tf.zeros([1, 8, 8, 2]) as tf.Tensor4D;
  const dyConv = tf.zeros([1, 8, 8, 3]) as tf.Tensor4D;
  const dyDepthwise = tf.zeros([1, 8, 8, 2]) as tf.Tensor4D;
  const wConv = tf.zeros([3, 3, 2, 3]) as tf.Tensor4D;
  const wDepthwise = tf.zeros([3, 3, 2, 1]) as tf.Tensor4D;
  for (const dilations of [
    [2, 1],
    [1, 3],
  ] as Stride2[]) {
    const attrs = { strides: 1, pad: 'same' as const, dilations };
    const calls: Array<[string, () => unknown]> = [
      ['Conv2DBackpropFilter', () => conv2dBackpropFilter(x, dyConv, { ...attrs, filterShape: [3, 3, 2, 3] })],
      ['Conv2DBackpropInput', () => conv2dBackpropInput(dyConv, wConv, { ...attrs, inputShape: [1, 8, 8, 2] })],
      ['DepthwiseConv2dNativeBackpropFilter', () => depthwiseConv2dBackpropFilter(x, dyDepthwise, { ...attrs, filterShape: [3, 3, 2, 1] })],
      ['DepthwiseConv2dNativeBackpropInput', () => depthwiseConv2dBackpropInput(dyDepthwise, wDepthwise, { ...attrs, inputShape: [1, 8, 8, 2] })],
    ];
    for (const [kernel, call] of calls) {
      assert.throws(
        call,
        (error: unknown) =>
          error instanceof ConvkitInputError &&
          error.field === `${kernel}.dilations` &&
          /^[^\n]+\.dilations = \[\d, \d\]: must be 1: convkit's wasm gradient kernels handle undilated convolutions only/.test(error.message),
        `${kernel} dilations [${dilations.join(', ')}]`,
      );
    }
  }
  tf.dispose([x, dyConv, dyDepthwise, wConv, wDepthwise]);
});
