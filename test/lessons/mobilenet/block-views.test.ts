import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBackend } from '../../../src/backend';
import { assertBlockViewsAgree, blockViews } from '../../../src/lessons/mobilenet/block-views';
import { invertedResidualSpec, separableBlockSpec, v3BottleneckSpec } from '../../../src/layers/tf/blocks';
import { randomTensor } from '../../../src/layers/reference/tensor';
import type { ModelSpec } from '../../../src/models/spec';

const input = randomTensor([8, 8, 6], 3);

test('formula, counted MACs and TF.js agree on a separable layer, a v1 block, a v2 block and a v3 block with SE', async () => {
  await useBackend('wasm');
  const separable: ModelSpec = { name: 'separable', input: input.shape, nodes: [{ name: 'sep', layer: { kind: 'separableConv2d', filters: 5, kernelSize: 3, useBias: true }, inputs: ['input'] }] };
  for (const spec of [
    separable,
    separableBlockSpec(input.shape, { filters: 12, strides: 2 }),
    invertedResidualSpec(input.shape, { expansion: 6, filters: 6 }),
    v3BottleneckSpec(input.shape, { expandedChannels: 24, filters: 6, kernelSize: 5, squeezeExcite: true, activation: 'hardSwish' }),
  ]) {
    const views = assertBlockViewsAgree(blockViews(spec, input, 2));
    assert.equal(views.formulaMacs, views.countedMacs);
    assert.ok(views.formulaMacs > 0);
  }
});

test('the comparison would notice outputs that differ: a zero tolerance is only met by exact agreement', async () => {
  await useBackend('wasm');
  const views = blockViews(invertedResidualSpec(input.shape, { expansion: 6, filters: 6 }), input, 2, 0);
  // float32 sums in a different order differ in the last bits, so exact equality fails and the assertion says why.
  if (views.maxAbsDifference > 0) assert.throws(() => assertBlockViewsAgree(views), /outputs differ/);
  else assert.equal(views.agree, true);
});

test('a disagreement in MACs is reported with both numbers', () => {
  const fake = { model: 'm', inputShape: [1, 1, 1], outputShape: [1, 1, 1], formulaMacs: 10, countedMacs: 9, formulaParams: 1, tfParams: 1, maxAbsDifference: 0, tolerance: 0, referenceOutput: input, agree: false } as const;
  assert.throws(() => assertBlockViewsAgree(fake as never), /formula MACs 10 ≠ counted 9/);
});
