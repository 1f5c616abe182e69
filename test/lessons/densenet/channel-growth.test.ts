import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ConvkitInputError } from '../../../src/core/errors';
import { denseBlockSpec } from '../../../src/models/one-block';
import { randomTensor } from '../../../src/core/tensor';
import {
  assertGrowthMatchesFormula,
  channelMap,
  channelsAfterLayer,
  inputChannelsCarriedThrough,
  traceDenseBlock,
} from '../../../src/lessons/densenet/channel-growth';
import { plainLayerMacs } from '../../../src/lessons/densenet/layer-formulas';

test('a dense block run through the reference loops has k0 + l·k channels after layer l and keeps its height and width', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 5 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 2, max: 5 }),
      (k0, k, layers, side) => {
        const input = randomTensor([side, side, k0], 3);
        const steps = traceDenseBlock(denseBlockSpec(input.shape, { layers, growthRate: k, bottleneck: false }), input, k);
        assert.equal(steps.length, layers + 1);
        assertGrowthMatchesFormula(steps);
        steps.forEach((step, l) => assert.equal(step.channels, k0 + l * k));
      },
    ),
    { numRuns: 25, seed: 6 },
  );
});

test('the multiply-adds counted per plain dense layer equal the per-layer formula 9·H·W·(k0 + (l−1)k)·k', () => {
  const input = randomTensor([6, 5, 4], 1);
  const steps = traceDenseBlock(denseBlockSpec(input.shape, { layers: 3, growthRate: 2, bottleneck: false }), input, 2);
  for (const step of steps.slice(1)) {
    assert.equal(step.countedMacs, plainLayerMacs.evaluate({ H: 6, W: 5, k0: 4, k: 2, l: step.layer }));
  }
});

test('the block output carries the block input through unchanged in its first k0 channels', () => {
  const input = randomTensor([5, 5, 3], 2);
  const spec = denseBlockSpec(input.shape, { layers: 2, growthRate: 2, bottleneck: true });
  const steps = traceDenseBlock(spec, input, 2);
  assert.equal(steps[2].channels, 7);
  // Build the output by running the block again through the reference loops.
  const { runModel } = require('../../../src/layers/reference/run-model') as typeof import('../../../src/layers/reference/run-model');
  const output = runModel(spec, input).output;
  assert.equal(inputChannelsCarriedThrough(input, output), 0);
  const changed = { shape: output.shape, data: output.data.map((v, i) => (i % 7 === 0 ? v + 1 : v)) };
  assert.ok(Math.abs(inputChannelsCarriedThrough(input, changed) - 1) < 1e-6);
});

test('a growth trace that breaks the rule is reported with the layer and both channel counts', () => {
  assert.throws(
    () =>
      assertGrowthMatchesFormula([
        { layer: 0, channels: 4, formulaChannels: 4, height: 3, width: 3, countedMacs: 0 },
        { layer: 1, channels: 9, formulaChannels: 8, height: 3, width: 3, countedMacs: 1 },
      ]),
    /layer 1: 9 channels ran, the formula k0 \+ l·k says 8/,
  );
});

test('bad inputs name the field, the value and the rule', () => {
  assert.throws(
    () => channelsAfterLayer(16, 0, 1),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'growthRate',
  );
  assert.throws(
    () => channelsAfterLayer(16, 12, -1),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'layer',
  );
  assert.throws(
    () => channelMap(randomTensor([2, 2, 3], 1), 3),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'channel',
  );
  const input = randomTensor([3, 3, 2], 1);
  assert.throws(
    () => traceDenseBlock({ name: 'no block', input: [3, 3, 2], nodes: [{ name: 'bn', layer: { kind: 'batchNorm' }, inputs: ['input'] }] }, input, 2),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'spec',
  );
});

test('channelMap picks one channel of an NHWC tensor', () => {
  const t = { shape: [1, 2, 3] as const, data: Float32Array.from([0, 1, 2, 3, 4, 5]) };
  assert.deepEqual([...channelMap(t, 1).data], [1, 4]);
});
