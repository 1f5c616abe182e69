import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeLatencyRun } from '../../../src/lessons/mobilenet/latency-reading';
import type { ConvKind, LatencyRow } from '../../../src/lessons/mobilenet/latency';
import { ConvkitInputError } from '../../../src/core/errors';

/** Rows as measureConvLatency builds them, from MACs, bytes and milliseconds. */
function rows(ms: Record<ConvKind, number>): LatencyRow[] {
  const sizes: Record<ConvKind, [number, number]> = {
    standard: [462_422_016, 3_800_000],
    depthwise: [3_612_672, 3_215_360],
    pointwise: [51_380_224, 3_276_800],
    separable: [54_992_896, 3_281_408],
  };
  return (Object.keys(sizes) as ConvKind[]).map((kind) => {
    const [macs, bytesMoved] = sizes[kind];
    return {
      kind,
      macs,
      bytesMoved,
      macsPerByte: macs / bytesMoved,
      fastestMs: ms[kind],
      theoreticalSpeedup: sizes.standard[0] / macs,
      measuredSpeedup: ms.standard / ms[kind],
      gmacsPerSecond: macs / (ms[kind] * 1e6),
    };
  });
}

test('the committed run of lesson 04: the standard conv had the higher rate, and the sentences say so', () => {
  const lines = describeLatencyRun(rows({ standard: 31.18, depthwise: 1.52, pointwise: 4.36, separable: 5.17 }));
  assert.equal(lines[0], 'In this run, highest rate first: standard 14.83 GMAC/s, pointwise 11.78 GMAC/s, separable 10.64 GMAC/s, depthwise 2.38 GMAC/s.');
  assert.equal(
    lines[1],
    'The standard 3×3 ran at a higher rate than the pointwise matrix product (GEMM): 14.83 GMAC/s against 11.78 GMAC/s; a matrix product is not the fastest layer per se, and the standard layer does 7.8× as many MACs per byte.',
  );
  assert.match(lines[2], /had the lowest rate .*speed-up over the standard layer was 20\.5×, short of the 128\.0× its MACs promise/);
  assert.match(lines[3], /was 6\.0×: it fell short of the 8\.4× its MACs promise in this run/);
  assert.match(lines[4], /depthwise step has 6\.6% of the MACs and took 25\.9% of the time .*a larger share of the time than of the work/);
  for (const line of lines) assert.doesNotMatch(line, /runs? best/);
});

test('another run, another reading: the pointwise GEMM ahead and the separable layer beating its promise', () => {
  const lines = describeLatencyRun(rows({ standard: 143.78, depthwise: 1.72, pointwise: 10.14, separable: 15.0 }));
  assert.match(lines[0], /^In this run, highest rate first: pointwise/);
  assert.match(lines[1], /^The pointwise matrix product \(GEMM\) ran at a higher rate than the standard 3×3: 5\.07 GMAC\/s against 3\.22 GMAC\/s\.$/);
  assert.match(lines[3], /was 9\.6×: it reached the 8\.4×/);
  // a depthwise layer that is not the slowest is not called the slowest
  const fastDepthwise = describeLatencyRun(rows({ standard: 31, depthwise: 0.1, pointwise: 4, separable: 5 }));
  assert.match(fastDepthwise[2], /not the lowest rate/);
  assert.match(fastDepthwise[2], /at or above the 128\.0×/);
});

test('rows without one of the four kinds are an input error naming the kind', () => {
  const partial = rows({ standard: 31, depthwise: 1.5, pointwise: 4, separable: 5 }).filter((r) => r.kind !== 'pointwise');
  assert.throws(
    () => describeLatencyRun(partial),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'rows' && /pointwise/.test(e.message),
  );
  assert.throws(
    () => describeLatencyRun(undefined as never),
    (e: unknown) => e instanceof ConvkitInputError,
  );
});
