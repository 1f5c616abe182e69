/**
 * A three-views check must run with weights that differ per channel and per
 * filter: with the same Sobel kernel on every channel, a depthwise layer that
 * mixed up its channels would still "agree".
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { kernelSlices, requireDistinctSlices, weightsDifferPerChannelAndFilter, describeSlices } from '../../../src/lessons/conv-basics/distinct-weights';
import { depthwiseFilterBank, lumaFilterBank, perChannelFilterBank, standardFilterBank, LUMA_WEIGHTS } from '../../../src/lessons/conv-basics/photo-kernels';
import { compareThreeViews, describeThreeViews } from '../../../src/lessons/conv-basics/three-views';
import { conv2d } from '../../../src/layers/reference/conv2d';
import { depthwiseConv2d } from '../../../src/layers/reference/depthwise-conv2d';
import { randomTensor, valueAt } from '../../../src/core/tensor';
import { randomWeights } from '../../../src/layers/reference/weights';
import { summarize } from '../../../src/cost/summary';
import type { LayerSpec, ModelSpec } from '../../../src/core/spec';
import { ConvkitInputError } from '../../../src/core/errors';

before(async () => {
  await tf.setBackend('cpu');
  tf.enableProdMode();
});

const rgb = randomTensor([8, 8, 3], 31, 0, 1);
const EDGES = ['sobelVertical', 'sobelHorizontal', 'boxBlur'] as const;

/** The kernel with input channels a1 and a2 swapped ([K, K, A, B] layout): what a channel mix-up computes with. */
function swapChannels(kernel: Float32Array, taps: number, A: number, B: number, a1: number, a2: number): Float32Array {
  const out = kernel.slice();
  for (let t = 0; t < taps; t++) {
    for (let b = 0; b < B; b++) {
      out[(t * A + a1) * B + b] = kernel[(t * A + a2) * B + b];
      out[(t * A + a2) * B + b] = kernel[(t * A + a1) * B + b];
    }
  }
  return out;
}

test('one Sobel kernel on every channel repeats a kernel across channels, and a channel mix-up then computes the same output', () => {
  const depthwise: LayerSpec = { kind: 'depthwiseConv2d', kernelSize: 3 };
  const sameOnEvery = depthwiseFilterBank(['sobelVertical'], 3);
  const [slices] = kernelSlices(depthwise, rgb.shape, { kernel: sameOnEvery });
  assert.deepEqual(slices.firstRepeat, [
    [0, 0],
    [1, 0],
  ]);
  // why that matters: with the kernel of channels 0 and 1 swapped, the output does not change
  const swapped = swapChannels(sameOnEvery, 9, 3, 1, 0, 1);
  const a = depthwiseConv2d(rgb, depthwise, { kernel: sameOnEvery }).output.data;
  const b = depthwiseConv2d(rgb, depthwise, { kernel: swapped }).output.data;
  assert.deepEqual(Array.from(a), Array.from(b));
  // lesson 01's old channel-average bank has the same flaw
  assert.equal(weightsDifferPerChannelAndFilter({ kind: 'conv2d', filters: 3, kernelSize: 3 }, rgb.shape, { kernel: standardFilterBank(EDGES, 3) }), false);
});

test('compareThreeViews refuses such weights with one line naming the weight and the equal slices', () => {
  assert.throws(
    () => compareThreeViews({ kind: 'depthwiseConv2d', kernelSize: 3 }, rgb, { kernel: depthwiseFilterBank(['sobelVertical'], 3) }),
    (e: unknown) =>
      e instanceof ConvkitInputError &&
      e.field === 'weights.kernel' &&
      /weights\.kernel has slice \(channel 1, multiplier 0\) equal to slice \(channel 0, multiplier 0\): a three-views check/.test(e.message) &&
      !e.message.includes('\n'),
  );
  assert.throws(
    () => compareThreeViews({ kind: 'conv2d', filters: 3, kernelSize: 3 }, rgb, { kernel: standardFilterBank(EDGES, 3) }),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'weights.kernel',
  );
  // a kernel of the wrong size is named too, before any view runs
  assert.throws(
    () => requireDistinctSlices({ kind: 'conv2d', filters: 3, kernelSize: 3 }, rgb.shape, { kernel: new Float32Array(5) }),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'weights.kernel.length',
  );
});

test('the lesson banks differ per channel and per filter, and then a channel mix-up changes the output', () => {
  const luma = lumaFilterBank(EDGES);
  const conv: LayerSpec = { kind: 'conv2d', filters: 3, kernelSize: 3 };
  assert.ok(weightsDifferPerChannelAndFilter(conv, rgb.shape, { kernel: luma }));
  // channel c of filter m is the pattern times the luma weight of c
  assert.ok(Math.abs(luma[(3 * 3 + 1) * 3 + 0] - -2 * LUMA_WEIGHTS[1]) < 1e-7); // tap (1, 0) of sobelVertical, green
  const swapped = swapChannels(luma, 9, 3, 3, 0, 1);
  const a = conv2d(rgb, conv, { kernel: luma }).output.data;
  const b = conv2d(rgb, conv, { kernel: swapped }).output.data;
  assert.notDeepEqual(Array.from(a), Array.from(b));

  const perChannel = perChannelFilterBank(EDGES);
  const depthwise: LayerSpec = { kind: 'depthwiseConv2d', kernelSize: 3 };
  assert.ok(weightsDifferPerChannelAndFilter(depthwise, rgb.shape, { kernel: perChannel }));
  const out = depthwiseConv2d(rgb, depthwise, { kernel: perChannel }).output;
  const alone = depthwiseConv2d(rgb, depthwise, { kernel: depthwiseFilterBank(['sobelHorizontal'], 3) }).output;
  assert.ok(Math.abs(valueAt(out, 3, 4, 1) - valueAt(alone, 3, 4, 1)) < 1e-6, 'channel 1 runs the second kernel');
});

test('seeded random weights of every conv kind differ per channel and per filter, as the lessons use them', () => {
  const specs: LayerSpec[] = [
    { kind: 'conv2d', filters: 16, kernelSize: 3, strides: 2, useBias: true },
    { kind: 'depthwiseConv2d', kernelSize: 3, depthMultiplier: 2, strides: 2, useBias: true },
    { kind: 'pointwiseConv2d', filters: 32, useBias: true },
    { kind: 'separableConv2d', filters: 8, kernelSize: 3 },
  ];
  for (const [i, spec] of specs.entries()) assert.ok(weightsDifferPerChannelAndFilter(spec, [28, 28, 16], randomWeights(spec, [[28, 28, 16]], i)), spec.kind);
  // lesson 04 checks its separable layer with blockViews(spec, photo, 4): node i gets LeCun weights with seed 4 + i
  const lesson04: ModelSpec = {
    name: 'separable layer',
    input: [64, 64, 3],
    nodes: [{ name: 'sep', layer: { kind: 'separableConv2d', filters: 8, kernelSize: 3 }, inputs: ['input'] }],
  };
  summarize(lesson04).rows.forEach((row, i) => {
    const w = randomWeights(row.layer, row.inputShapes, 4 + i, 'lecun');
    if (w !== undefined) assert.ok(weightsDifferPerChannelAndFilter(row.layer, row.inputShapes[0], w), row.name);
  });
});

test('the printed weights line says how many slices were compared', () => {
  const views = compareThreeViews({ kind: 'conv2d', filters: 3, kernelSize: 3 }, rgb, { kernel: lumaFilterBank(EDGES) });
  assert.match(describeThreeViews(views), /\n {2}weights {5}9 slices of 3×3 \(3 input channels × 3 filters\), no two equal\n {2}agree: yes$/);
  const separable: LayerSpec = { kind: 'separableConv2d', filters: 2, kernelSize: 3 };
  const slices = kernelSlices(separable, rgb.shape, randomWeights(separable, [rgb.shape], 3));
  assert.equal(
    describeSlices(slices),
    'depthwiseKernel: 3 slices of 3×3 (3 channels × 1 multiplier), no two equal; pointwiseKernel: 6 weights (3 input channels × 2 filters), no two equal',
  );
  assert.deepEqual(kernelSlices({ kind: 'activation', activation: 'relu' }, rgb.shape, undefined), []);
});
