import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { outputValueBreakdown } from '../../../src/lessons/conv-basics/one-output-value';
import { runLayer } from '../../../src/layers/reference/run-layer';
import { randomTensor, valueAt } from '../../../src/core/tensor';
import { randomWeights } from '../../../src/layers/reference/weights';
import type { LayerSpec } from '../../../src/core/spec';
import { ConvkitInputError } from '../../../src/core/errors';

type Weights = { kernel: Float32Array; bias?: Float32Array };

const layers = fc.oneof(
  fc.record({
    kind: fc.constant('conv2d' as const),
    filters: fc.integer({ min: 1, max: 4 }),
    kernelSize: fc.constantFrom(1, 3, 5),
    strides: fc.constantFrom(1, 2),
    padding: fc.constantFrom('same' as const, 'valid' as const),
    useBias: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('depthwiseConv2d' as const),
    kernelSize: fc.constantFrom(1, 3),
    strides: fc.constantFrom(1, 2),
    depthMultiplier: fc.integer({ min: 1, max: 3 }),
    useBias: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('pointwiseConv2d' as const), filters: fc.integer({ min: 1, max: 4 }), useBias: fc.boolean() }),
);

test('the taken-apart value equals the reference layer output at that position, with one MAC per tap', () => {
  fc.assert(
    fc.property(layers, fc.integer({ min: 5, max: 8 }), fc.integer({ min: 1, max: 3 }), fc.nat(1000), (spec: LayerSpec, side, channels, seed) => {
      const input = randomTensor([side, side, channels], seed);
      const weights = randomWeights(spec, [input.shape], seed) as unknown as Weights;
      const out = runLayer(spec, [input], weights as never).output;
      const [rows, cols, outChannels] = out.shape;
      const position = { row: seed % rows, col: (seed * 7) % cols, channel: (seed * 3) % outChannels };
      const parts = outputValueBreakdown(input, spec as never, weights.kernel, position, weights.bias);
      assert.ok(Math.abs(parts.value - valueAt(out, position.row, position.col, position.channel)) < 1e-4);
      const k = spec.kind === 'pointwiseConv2d' ? 1 : (spec as { kernelSize: number }).kernelSize;
      const perValue = spec.kind === 'depthwiseConv2d' ? k * k : k * k * channels;
      assert.equal(parts.macs, perValue);
      assert.equal(parts.taps.length, perValue);
    }),
    { numRuns: 60 },
  );
});

test('taps on the zero padding read 0 and are still counted', () => {
  const input = randomTensor([4, 4, 2], 1);
  const spec: LayerSpec = { kind: 'conv2d', filters: 1, kernelSize: 3 };
  const weights = randomWeights(spec, [input.shape], 1) as unknown as Weights;
  const corner = outputValueBreakdown(input, spec, weights.kernel, { row: 0, col: 0, channel: 0 });
  const padded = corner.taps.filter((t) => t.padded);
  assert.equal(padded.length, 5 * 2); // 5 of the 9 window positions lie outside, 2 channels each
  assert.ok(padded.every((t) => t.input === 0 && t.product === 0));
  assert.equal(corner.macs, 3 * 3 * 2);
});

test('positions outside the output and wrong kernels are input errors that name the field', () => {
  const input = randomTensor([4, 4, 1], 2);
  const spec: LayerSpec = { kind: 'conv2d', filters: 2, kernelSize: 3 };
  const kernel = new Float32Array(3 * 3 * 1 * 2);
  assert.throws(
    () => outputValueBreakdown(input, spec, kernel, { row: 4, col: 0, channel: 0 }),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'position.row',
  );
  assert.throws(
    () => outputValueBreakdown(input, spec, kernel, { row: 0, col: 0, channel: 2 }),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'position.channel',
  );
  assert.throws(
    () => outputValueBreakdown(input, spec, new Float32Array(3), { row: 0, col: 0, channel: 0 }),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'kernel.length',
  );
});
