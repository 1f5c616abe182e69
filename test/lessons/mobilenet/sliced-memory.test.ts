import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { slicedPeakMemory, slicedPeakSweep } from '../../../src/lessons/mobilenet/sliced-memory';
import { summarize } from '../../../src/cost/summary';
import { invertedResidualSpec } from '../../../src/models/one-block';
import { ConvkitInputError } from '../../../src/core/errors';

const block = { size: 28, channels: 32, expansion: 6 };

test('whole, t slices and one channel at a time, written out for the 28×28×32 block with t = 6', () => {
  const [whole, six, single] = slicedPeakSweep(block, [1, 6, 192]);
  const map = 28 * 28 * 4;
  // Whole: input + expanded map + depthwise result (the output comes after the expanded map is freed).
  assert.equal(whole.peakBytes, map * 32 + 2 * map * 192);
  assert.equal(six.peakBytes, map * 32 + map * 32 + 2 * map * 32);
  assert.equal(single.peakBytes, map * 32 + map * 32 + 2 * map);
  assert.equal(single.sliceChannels, 1);
});

test('a strided block: the depthwise slice lives at the output resolution', () => {
  const p = slicedPeakMemory({ size: 28, channels: 16, expansion: 6, filters: 24, stride: 2 }, 4);
  assert.equal(p.sliceChannels, 24);
  assert.equal(p.peakBytes, 4 * (28 * 28 * 16 + 14 * 14 * 24 + 24 * (28 * 28 + 14 * 14)));
});

test('with t ≥ 2 more slices never need more memory, and the floor is input + output + one channel', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 16 }), fc.integer({ min: 2, max: 6 }), (size, channels, expansion) => {
      const options = { size, channels, expansion };
      const counts = Array.from({ length: channels * expansion }, (_, i) => i + 1);
      const peaks = slicedPeakSweep(options, counts).map((p) => p.peakBytes);
      const monotone = peaks.every((v, i) => i === 0 || v <= peaks[i - 1]);
      const last = slicedPeakMemory(options, channels * expansion);
      return monotone && last.peakBytes === last.inputBytes + last.outputBytes + 2 * size * size * 4;
    }),
  );
});

test('whole at stride 1 equals the cost model’s layer-by-layer peak (input + two expanded maps), and is at most it when strided', () => {
  const whole = slicedPeakMemory(block, 1);
  const costModel = summarize(invertedResidualSpec([28, 28, 32], { expansion: 6, filters: 32 })).memory.peakInferenceBytes;
  assert.equal(whole.peakBytes, costModel);
  const strided = slicedPeakMemory({ size: 28, channels: 32, expansion: 6, filters: 64, stride: 2 }, 1);
  const stridedModel = summarize(invertedResidualSpec([28, 28, 32], { expansion: 6, filters: 64, strides: 2 })).memory.peakInferenceBytes;
  assert.ok(strided.peakBytes <= stridedModel, `${strided.peakBytes} > ${stridedModel}`);
});

test('bad slice counts name the field and the rule', () => {
  assert.throws(() => slicedPeakMemory(block, 0), ConvkitInputError);
  assert.throws(() => slicedPeakMemory(block, 193), /slices = 193: must be at most the 192 expanded channels/);
  assert.throws(() => slicedPeakSweep(block, []), ConvkitInputError);
});
