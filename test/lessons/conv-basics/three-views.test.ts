import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { assertViewsAgree, compareThreeViews, describeThreeViews } from '../../../src/lessons/conv-basics/three-views';
import { pointwiseAsMatMul } from '../../../src/lessons/conv-basics/pointwise-matmul';
import { randomTensor } from '../../../src/core/tensor';
import { randomWeights } from '../../../src/layers/reference/weights';
import type { LayerSpec } from '../../../src/core/spec';
import { ConvkitInputError } from '../../../src/core/errors';

before(async () => {
  await tf.setBackend('cpu');
  tf.enableProdMode();
});

const input = randomTensor([9, 9, 4], 21);

const layers: LayerSpec[] = [
  { kind: 'conv2d', kernelSize: 3, filters: 6, useBias: true },
  { kind: 'conv2d', kernelSize: 5, filters: 3, strides: 2, padding: 'valid' },
  { kind: 'depthwiseConv2d', kernelSize: 3, depthMultiplier: 2, useBias: true },
  { kind: 'depthwiseConv2d', kernelSize: 3, strides: 2 },
  { kind: 'pointwiseConv2d', filters: 5, useBias: true },
  { kind: 'separableConv2d', kernelSize: 3, filters: 7, useBias: true },
];

test('formula, counted MACs and TF.js agree for standard, depthwise, pointwise and separable layers', () => {
  for (const spec of layers) {
    const views = compareThreeViews(spec, input, randomWeights(spec, [input.shape], 22));
    assert.ok(views.agree, describeThreeViews(views));
    assert.equal(assertViewsAgree(views), views);
    assert.deepEqual(views.tfOutput.shape, views.outputShape);
  }
});

test('a disagreement is reported with what differs', () => {
  const spec: LayerSpec = { kind: 'conv2d', kernelSize: 3, filters: 2 };
  const views = compareThreeViews(spec, input, randomWeights(spec, [input.shape], 23));
  assert.throws(() => assertViewsAgree({ ...views, countedMacs: views.countedMacs + 1 }), /counted MACs/);
  assert.throws(() => assertViewsAgree({ ...views, tfParams: 0 }), /countParams/);
  assert.throws(() => assertViewsAgree({ ...views, maxAbsDifference: 1 }), /outputs differ/);
  assert.match(describeThreeViews(views), /agree: yes/);
});

test('layers without conv weights are an input error', () => {
  assert.throws(
    () => compareThreeViews({ kind: 'activation', activation: 'relu' }, input, undefined),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'spec.kind',
  );
});

test('a 1×1 convolution equals a matMul of the [H·W, C] pixels by the [C, M] kernel', () => {
  const kernel = randomTensor([1, 4, 6], 24).data;
  const result = pointwiseAsMatMul(input, kernel, 6);
  assert.deepEqual(result.matrixShape, [81, 4]);
  assert.ok(result.maxAbsDifference < 1e-5);
  assert.equal(result.macs, 81 * 4 * 6);
  assert.throws(
    () => pointwiseAsMatMul(input, kernel, 5),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'kernel.length',
  );
});
