import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../src/cost/summary';
import { stageSummaries } from '../../src/cost/stages';
import { ConvkitInputError } from '../../src/core/errors';
import { denseNet, denseNetCifar } from '../../src/models/densenet';
import type { ModelSummary } from '../../src/cost/types';

const summary121 = summarize(denseNet(121));

test('DenseNet-121 walks through the channels and resolutions of Table 1, stage by stage', () => {
  const stages = stageSummaries(summary121);
  assert.deepEqual(
    stages.map((s) => s.stage),
    ['stem', 'dense_block_1', 'transition_1', 'dense_block_2', 'transition_2', 'dense_block_3', 'transition_3', 'dense_block_4', 'head'],
  );
  assert.deepEqual(
    stages.map((s) => s.outputShape.join('×')),
    ['56×56×64', '56×56×256', '28×28×128', '28×28×512', '14×14×256', '14×14×1024', '7×7×512', '7×7×1024', '1×1×1000'],
  );
  // Two convolutions (1×1 and 3×3) per bottleneck layer: 6, 12, 24, 16 layers.
  assert.deepEqual(
    stages.filter((s) => s.stage.startsWith('dense')).map((s) => s.convLayers / 2),
    [6, 12, 24, 16],
  );
});

test("the stages add up to the model's MACs and trainable parameters", () => {
  for (const summary of [summary121, summarize(denseNetCifar(true))]) {
    const stages = stageSummaries(summary);
    assert.equal(
      stages.reduce((s, r) => s + r.macs, 0),
      summary.macs,
    );
    assert.equal(
      stages.reduce((s, r) => s + r.trainableParams, 0),
      summary.params.trainable,
    );
  }
});

test('a summary without rows is refused with the field name', () => {
  assert.throws(
    () => stageSummaries({ model: 'empty', rows: [] } as unknown as ModelSummary),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'summary',
  );
});
