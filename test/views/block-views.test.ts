import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBackend } from '../../src/backend';
import { assertBlockViewsAgree, blockViews, describeBlockViews } from '../../src/views/block-views';
import { invertedResidualSpec, separableBlockSpec, v3BottleneckSpec } from '../../src/models/one-block';
import { randomTensor } from '../../src/core/tensor';
import type { ModelSpec } from '../../src/core/spec';

const input = randomTensor([8, 8, 6], 3);

test('formula, counted MACs and TF.js agree on a separable layer, a v1 block, a v2 block and a v3 block with SE', async () => {
  await useBackend('wasm');
  const separable: ModelSpec = {
    name: 'separable',
    input: input.shape,
    nodes: [{ name: 'sep', layer: { kind: 'separableConv2d', filters: 5, kernelSize: 3, useBias: true }, inputs: ['input'] }],
  };
  for (const spec of [
    separable,
    separableBlockSpec(input.shape, { filters: 12, strides: 2 }),
    invertedResidualSpec(input.shape, { expansion: 6, filters: 6 }),
    v3BottleneckSpec(input.shape, { expandedChannels: 24, filters: 6, kernelSize: 5, squeezeExcite: true, activation: 'hardSwish' }),
  ]) {
    const views = assertBlockViewsAgree(blockViews(spec, input, 2));
    assert.equal(views.agree, true);
    assert.equal(views.formulaMacs, views.countedMacs);
    assert.ok(views.formulaMacs > 0);
    assert.match(describeBlockViews(views), /agree: yes/);
  }
});

test('outputs that differ by more than the tolerance are reported, naming the block', async () => {
  await useBackend('wasm');
  const views = blockViews(invertedResidualSpec(input.shape, { expansion: 6, filters: 6 }), input, 2);
  assert.throws(
    () => assertBlockViewsAgree({ ...views, maxAbsDifference: 1 }),
    new RegExp(`the three views of ${views.model} disagree: reference and TF\\.js outputs differ by 1 > 0\\.0001`),
  );
  assert.match(describeBlockViews({ ...views, maxAbsDifference: 1 }), /agree: NO/);
});

test('a disagreement in MACs or parameters is reported with both numbers', async () => {
  await useBackend('wasm');
  const views = blockViews(separableBlockSpec(input.shape, { filters: 12 }), input, 2);
  assert.throws(() => assertBlockViewsAgree({ ...views, formulaMacs: 10, countedMacs: 9 }), /formula MACs 10 ≠ counted MACs 9/);
  assert.throws(() => assertBlockViewsAgree({ ...views, tfParams: 1 }), new RegExp(`formula params ${views.formulaParams} ≠ TF\\.js countParams 1`));
});
