import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { useBackend } from '../../src/backend';
import { agreementProblems, assertAgreement, compareViews, describeAgreement, outputDifference } from '../../src/views/agreement';
import { randomTensor } from '../../src/core/tensor';
import { randomWeights } from '../../src/layers/reference/weights';
import { ConvkitInputError } from '../../src/core/errors';
import type { LayerSpec, ModelSpec } from '../../src/core/spec';

before(async () => {
  await useBackend('wasm');
});

const input = randomTensor([7, 7, 3], 5);
const convLayer: LayerSpec = { kind: 'conv2d', kernelSize: 3, filters: 4, useBias: true };
const oneConv: ModelSpec = { name: 'one conv', input: input.shape, nodes: [{ name: 'conv', layer: convLayer, inputs: ['input'] }] };
const convWeights = { conv: randomWeights(convLayer, [input.shape], 6, 'lecun') };

test('a conv layer run with the same weights agrees in all three views', () => {
  const views = compareViews(oneConv, input, convWeights);
  assert.equal(views.agree, true, describeAgreement('conv', views));
  assert.equal(views.formulaMacs, 7 * 7 * 3 * 3 * 3 * 4);
  assert.equal(views.countedMacs, views.formulaMacs);
  assert.equal(views.tfParams, 3 * 3 * 3 * 4 + 4);
  assert.deepEqual(views.tfOutput.shape, [7, 7, 4]);
  assert.ok(views.maxAbsDifference <= 1e-5);
  assert.equal(assertAgreement('conv', views), views);
});

test('each kind of disagreement is named with both numbers', () => {
  const views = compareViews(oneConv, input, convWeights);
  assert.throws(() => assertAgreement('m', { ...views, countedMacs: 9, formulaMacs: 10 }), /the three views of m disagree: formula MACs 10 ≠ counted MACs 9/);
  assert.throws(() => assertAgreement('m', { ...views, tfParams: 0 }), new RegExp(`formula params ${views.formulaParams} ≠ TF.js countParams 0`));
  assert.throws(() => assertAgreement('m', { ...views, maxAbsDifference: 1 }), /outputs differ by 1 > 0\.0001/);
  assert.throws(
    () => assertAgreement('m', { ...views, tfOutput: { ...views.tfOutput, shape: [7, 7, 5] } }),
    /output shapes differ: formula 7×7×4, reference 7×7×4, TF\.js 7×7×5/,
  );
  assert.match(describeAgreement('m', { ...views, maxAbsDifference: 1 }), /agree: NO/);
});

test('an output difference of NaN or of unequal lengths never counts as agreement', () => {
  assert.ok(Number.isNaN(outputDifference([1, Number.NaN], [1, 2])));
  assert.equal(outputDifference([1, 2], [1, 2, 3]), Number.POSITIVE_INFINITY);
  assert.equal(outputDifference([1, 2], [1.5, 1]), 1);
  const views = compareViews(oneConv, input, convWeights);
  assert.equal(agreementProblems({ ...views, maxAbsDifference: Number.NaN }).length, 1);
});

test('a changed weight reaches both implementations: the output changes and the two still agree', () => {
  const kernel = Float32Array.from((convWeights.conv as { kernel: Float32Array }).kernel);
  const views = compareViews(oneConv, input, convWeights);
  kernel[0] += 0.5;
  // Were the weights not copied into TF.js, its own initialiser would make the outputs differ.
  const shifted = compareViews(oneConv, input, { conv: { ...(convWeights.conv as object), kernel } as never });
  assert.ok(shifted.agree, describeAgreement('shifted', shifted));
  assert.notDeepEqual(Array.from(shifted.referenceOutput.data), Array.from(views.referenceOutput.data));
});

test('missing weights and a negative tolerance are input errors', () => {
  assert.throws(
    () => compareViews(oneConv, input, {}),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'weights.conv',
  );
  assert.throws(
    () => compareViews(oneConv, input, convWeights, -1),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'tolerance',
  );
});
