import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { buildTfModel } from '../../../src/layers/tf';
import { summarize } from '../../../src/cost/summary';
import { ConvkitInputError } from '../../../src/core/errors';
import { smallDenseNetBC, smallPlainCnn, smallResNet } from '../../../src/models/small';
import type { ModelSpec } from '../../../src/core/spec';

/** Layers with weights that count towards a network's depth in the papers: convolutions and the classifier. */
function depthOf(spec: ModelSpec): number {
  return spec.nodes.filter((n) => n.layer.kind === 'conv2d' || n.layer.kind === 'pointwiseConv2d' || n.layer.kind === 'dense').length;
}

test('the default small ResNet, plain CNN and DenseNet-BC have similar parameter counts', () => {
  const resnet = summarize(smallResNet()).params.total;
  const plain = summarize(smallPlainCnn()).params.total;
  const densenet = summarize(smallDenseNetBC()).params.total;
  assert.equal(resnet, 19_314);
  assert.equal(plain, resnet, 'option-A shortcuts add no parameters');
  assert.equal(densenet, 20_858);
  assert.ok(Math.abs(densenet / resnet - 1) < 0.1, `${densenet} vs ${resnet}`);
});

test('the small ResNet and plain CNN have depth 6n + 2 and equal parameters for any width and input', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 16 }), fc.constantFrom(8, 16), (blocks, width, inputSize) => {
      const resnet = smallResNet({ blocks, width, inputSize });
      const plain = smallPlainCnn({ blocks, width, inputSize });
      assert.equal(depthOf(resnet), 6 * blocks + 2);
      assert.equal(depthOf(plain), 6 * blocks + 2);
      assert.equal(summarize(resnet).params.total, summarize(plain).params.total);
      assert.deepEqual(summarize(resnet).rows.at(-1)?.outputShape, [1, 1, 10]);
    }),
    { numRuns: 40 },
  );
});

test('the small DenseNet-BC has depth 2·L·B + (B - 1) + 2 and ends with 10 class scores', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), (growthRate, layersPerBlock, blocks) => {
      const spec = smallDenseNetBC({ growthRate, layersPerBlock, blocks, inputSize: 8 });
      assert.equal(depthOf(spec), 2 * layersPerBlock * blocks + (blocks - 1) + 2);
      assert.deepEqual(summarize(spec).rows.at(-1)?.outputShape, [1, 1, 10]);
    }),
    { numRuns: 40 },
  );
});

test('a projection-shortcut small ResNet has more parameters than the plain CNN (its 1x1 convs)', () => {
  const projection = summarize(smallResNet({ shortcut: 'projection' })).params.total;
  const plain = summarize(smallPlainCnn()).params.total;
  // Two projections: 1×1 conv 8→16 and 16→32, each with a BN (4 numbers per channel).
  assert.equal(projection - plain, 8 * 16 + 4 * 16 + 16 * 32 + 4 * 32);
});

test('the small models build in TF.js with the cost model’s parameter counts', async () => {
  tf.enableProdMode();
  await tf.setBackend('cpu');
  for (const spec of [smallResNet(), smallPlainCnn(), smallDenseNetBC(), smallResNet({ blocks: 3, inputSize: 8 })]) {
    const model = buildTfModel(spec);
    assert.equal(model.countParams(), summarize(spec).params.total, spec.name);
    model.dispose();
  }
});

test('small models refuse inputs they cannot use, naming the field', () => {
  const isInputError = (field: string) => (e: unknown) => e instanceof ConvkitInputError && e.field === field;
  assert.throws(() => smallResNet({ inputSize: 3 }), isInputError('inputSize'));
  assert.throws(() => smallDenseNetBC({ blocks: 4, inputSize: 4 }), isInputError('inputSize'));
  assert.throws(() => smallDenseNetBC({ growthRate: 0 }), isInputError('growthRate'));
  assert.throws(() => smallPlainCnn({ width: 2.5 }), isInputError('width'));
  assert.throws(() => smallResNet({ classes: -1 }), isInputError('classes'));
  assert.throws(() => smallDenseNetBC({ compression: 0 }), isInputError('compression'));
});
