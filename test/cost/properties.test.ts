/**
 * fast-check properties, 1,000 random layers per layer kind. Output shapes are
 * checked against an independent brute-force rule (stepping a window across
 * the input and counting positions), and MACs against factor identities that
 * hold between kinds, rather than against the formulas themselves.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { layerCost, separableVsStandard, ACTIVATION_OPS, type LayerCost } from '../../src/cost';
import { ConvkitInputError } from '../../src/core/errors';
import { ACTIVATIONS, type Padding, type Shape3 } from '../../src/core/spec';

const RUNS = { numRuns: 1000 };

/** Window positions along one axis, counted by stepping (not by the ceil/floor formulas). */
function countPositions(n: number, kernel: number, stride: number, dilation: number, padding: Padding, axis: 0 | 1): number {
  let count = 0;
  if (padding === 'same') {
    // TF "SAME": one window starts at every stride step inside the input.
    for (let p = 0; p < n; p += stride) count++;
    return count;
  }
  const before = padding === 'valid' ? 0 : axis === 0 ? padding.top : padding.left;
  const after = padding === 'valid' ? 0 : axis === 0 ? padding.bottom : padding.right;
  const span = (kernel - 1) * dilation + 1;
  for (let p = 0; p + span <= n + before + after; p += stride) count++;
  return count;
}

const small = fc.integer({ min: 1, max: 24 });
const kernelSize = fc.integer({ min: 1, max: 7 });
const stride = fc.integer({ min: 1, max: 4 });
const dilation = fc.integer({ min: 1, max: 3 });
/** [stride, dilation]: one of them 1 (src/models/defaults.ts requireDilationOrStrideOne; tested in test/models/dilation-stride.test.ts). */
const strideAndDilation = fc.oneof(fc.tuple(stride, fc.constant(1)), fc.tuple(fc.constant(1), dilation));
const side = fc.integer({ min: 0, max: 3 });
const padding: fc.Arbitrary<Padding> = fc.oneof(
  fc.constant('same' as const),
  fc.constant('valid' as const),
  fc.record({ top: side, bottom: side, left: side, right: side }),
);
const bytesPerElement = fc.constantFrom(1, 2, 4, 8);

/** Invariants every layer cost keeps: exact non-negative counts, bytes = elements × width. */
function checkInvariants(cost: LayerCost, bpe: number): void {
  for (const count of [cost.macs, cost.elementwiseOps, cost.params.trainable, cost.params.nonTrainable, cost.params.total]) {
    assert.ok(Number.isSafeInteger(count) && count >= 0, `count ${count}`);
  }
  assert.equal(cost.params.total, cost.params.trainable + cost.params.nonTrainable);
  assert.equal(cost.outputElements, cost.outputShape[0] * cost.outputShape[1] * cost.outputShape[2]);
  assert.equal(cost.outputBytes, bpe * cost.outputElements);
  assert.equal(cost.weightBytes, bpe * cost.params.total);
}

/** Runs `fn`; if brute force says no window fits, expects the kernel-size error instead. */
function expectFitsOrRejected(fits: boolean, field: string, fn: () => void): void {
  if (fits) fn();
  else assert.throws(fn, (e: unknown) => e instanceof ConvkitInputError && e.field === field);
}

test('conv2d: output shape by stepping, and MACs = output pixels x weights', () => {
  fc.assert(
    fc.property(
      small,
      small,
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 4 }),
      kernelSize,
      kernelSize,
      strideAndDilation,
      padding,
      bytesPerElement,
      (H, W, groups, perGroupIn, perGroupOut, Kh, Kw, [s, d], pad, bpe) => {
        const C = groups * perGroupIn;
        const M = groups * perGroupOut;
        const Ho = countPositions(H, Kh, s, d, pad, 0);
        const Wo = countPositions(W, Kw, s, d, pad, 1);
        expectFitsOrRejected(Ho > 0 && Wo > 0, 'kernelSize', () => {
          const cost = layerCost({ kind: 'conv2d', filters: M, kernelSize: [Kh, Kw], strides: s, dilation: d, padding: pad, groups }, [[H, W, C]], {
            bytesPerElement: bpe,
          });
          assert.deepEqual(cost.outputShape, [Ho, Wo, M]);
          // Each weight is used once per output pixel (no bias here).
          assert.equal(cost.macs, Ho * Wo * cost.params.total);
          checkInvariants(cost, bpe);
        });
      },
    ),
    RUNS,
  );
});

test('depthwiseConv2d: shape by stepping, and depthwise MACs = standard MACs / C for the same output channels', () => {
  fc.assert(
    fc.property(
      small,
      small,
      fc.integer({ min: 1, max: 16 }),
      fc.integer({ min: 1, max: 3 }),
      kernelSize,
      stride,
      padding,
      bytesPerElement,
      (H, W, C, depthMultiplier, K, s, pad, bpe) => {
        const Ho = countPositions(H, K, s, 1, pad, 0);
        const Wo = countPositions(W, K, s, 1, pad, 1);
        expectFitsOrRejected(Ho > 0 && Wo > 0, 'kernelSize', () => {
          const spec = { kernelSize: K, strides: s, padding: pad };
          const dw = layerCost({ kind: 'depthwiseConv2d', depthMultiplier, ...spec }, [[H, W, C]], { bytesPerElement: bpe });
          assert.deepEqual(dw.outputShape, [Ho, Wo, C * depthMultiplier]);
          // A standard conv to M = C·d channels sums over all C inputs; depthwise over one.
          const standard = layerCost({ kind: 'conv2d', filters: C * depthMultiplier, ...spec }, [[H, W, C]]);
          assert.equal(dw.macs * C, standard.macs);
          if (depthMultiplier === 1) assert.equal(dw.macs, standard.macs / standard.outputShape[2]);
          checkInvariants(dw, bpe);
        });
      },
    ),
    RUNS,
  );
});

test('pointwiseConv2d: MACs = standard K x K same-padded stride-1 MACs / K^2', () => {
  fc.assert(
    fc.property(small, small, small, small, kernelSize, fc.boolean(), bytesPerElement, (H, W, C, M, K, useBias, bpe) => {
      const pw = layerCost({ kind: 'pointwiseConv2d', filters: M, useBias }, [[H, W, C]], { bytesPerElement: bpe });
      const standard = layerCost({ kind: 'conv2d', filters: M, kernelSize: K }, [[H, W, C]]);
      assert.deepEqual(pw.outputShape, [H, W, M]);
      assert.equal(pw.macs * K * K, standard.macs);
      assert.equal(pw.params.total, C * M + (useBias ? M : 0));
      checkInvariants(pw, bpe);
    }),
    RUNS,
  );
});

test('separableConv2d: MACs = depthwise + pointwise, and the ratio to standard is d/M + d/K^2', () => {
  fc.assert(
    fc.property(small, small, small, small, fc.integer({ min: 1, max: 3 }), kernelSize, stride, bytesPerElement, (H, W, C, M, d, K, s, bpe) => {
      const comparison = separableVsStandard([H, W, C], { filters: M, kernelSize: K, strides: s, depthMultiplier: d }, { bytesPerElement: bpe });
      assert.equal(comparison.separable.macs, comparison.depthwise.macs + comparison.pointwise.macs);
      assert.equal(comparison.separable.params.total, comparison.depthwise.params.total + comparison.pointwise.params.total);
      assert.deepEqual(comparison.separable.outputShape, comparison.standard.outputShape);
      assert.ok(Math.abs(comparison.macsRatio - (d / M + d / (K * K))) < 1e-12);
      checkInvariants(comparison.separable, bpe);
    }),
    RUNS,
  );
});

test('batchNorm: 2C trainable, 2C non-trainable, shape kept, 2 ops per element', () => {
  fc.assert(
    fc.property(small, small, fc.integer({ min: 1, max: 4096 }), bytesPerElement, (H, W, C, bpe) => {
      const cost = layerCost({ kind: 'batchNorm' }, [[H, W, C]], { bytesPerElement: bpe });
      assert.deepEqual(cost.outputShape, [H, W, C]);
      assert.deepEqual(cost.params, { trainable: 2 * C, nonTrainable: 2 * C, total: 4 * C });
      assert.equal(cost.elementwiseOps, 2 * H * W * C);
      checkInvariants(cost, bpe);
    }),
    RUNS,
  );
});

test('activation: shape kept, no MACs or params, ops proportional to elements', () => {
  fc.assert(
    fc.property(small, small, small, fc.constantFrom(...ACTIVATIONS), bytesPerElement, (H, W, C, activation, bpe) => {
      const cost = layerCost({ kind: 'activation', activation }, [[H, W, C]], { bytesPerElement: bpe });
      assert.deepEqual(cost.outputShape, [H, W, C]);
      assert.equal(cost.macs + cost.params.total, 0);
      assert.equal(cost.elementwiseOps, H * W * C * ACTIVATION_OPS[activation]);
      checkInvariants(cost, bpe);
    }),
    RUNS,
  );
});

for (const kind of ['maxPool', 'avgPool'] as const) {
  test(`${kind}: output shape by stepping, channels kept, no params`, () => {
    fc.assert(
      fc.property(
        small,
        small,
        small,
        kernelSize,
        kernelSize,
        fc.option(stride, { nil: undefined }),
        padding,
        bytesPerElement,
        (H, W, C, Ph, Pw, s, pad, bpe) => {
          const sh = s ?? Ph;
          const sw = s ?? Pw;
          const Ho = countPositions(H, Ph, sh, 1, pad, 0);
          const Wo = countPositions(W, Pw, sw, 1, pad, 1);
          expectFitsOrRejected(Ho > 0 && Wo > 0, 'poolSize', () => {
            const cost = layerCost({ kind, poolSize: [Ph, Pw], strides: s, padding: pad }, [[H, W, C]], { bytesPerElement: bpe });
            assert.deepEqual(cost.outputShape, [Ho, Wo, C]);
            assert.equal(cost.macs + cost.params.total, 0);
            const window = Ph * Pw;
            assert.equal(cost.elementwiseOps, Ho * Wo * C * (kind === 'maxPool' ? window - 1 : window));
            checkInvariants(cost, bpe);
          });
        },
      ),
      RUNS,
    );
  });
}

test('globalAvgPool: always 1x1xC, H·W·C ops', () => {
  fc.assert(
    fc.property(small, small, fc.integer({ min: 1, max: 2048 }), bytesPerElement, (H, W, C, bpe) => {
      const cost = layerCost({ kind: 'globalAvgPool' }, [[H, W, C]], { bytesPerElement: bpe });
      assert.deepEqual(cost.outputShape, [1, 1, C]);
      assert.equal(cost.elementwiseOps, H * W * C);
      checkInvariants(cost, bpe);
    }),
    RUNS,
  );
});

test('dense: MACs = positions x weights, equal to a pointwise conv with the same units', () => {
  fc.assert(
    fc.property(small, small, small, small, fc.boolean(), bytesPerElement, (H, W, C, U, useBias, bpe) => {
      const cost = layerCost({ kind: 'dense', units: U, useBias }, [[H, W, C]], { bytesPerElement: bpe });
      const pointwise = layerCost({ kind: 'pointwiseConv2d', filters: U, useBias }, [[H, W, C]]);
      assert.deepEqual(cost.outputShape, [H, W, U]);
      assert.equal(cost.macs, H * W * (cost.params.total - (useBias ? U : 0)));
      assert.equal(cost.macs, pointwise.macs);
      assert.equal(cost.params.total, pointwise.params.total);
      checkInvariants(cost, bpe);
    }),
    RUNS,
  );
});

test('add: equal shapes pass with (n − 1) ops per element; any differing size is rejected', () => {
  fc.assert(
    fc.property(
      small,
      small,
      small,
      fc.integer({ min: 2, max: 5 }),
      fc.integer({ min: 0, max: 2 }),
      fc.integer({ min: 1, max: 3 }),
      bytesPerElement,
      (H, W, C, n, axis, delta, bpe) => {
        const shape: Shape3 = [H, W, C];
        const cost = layerCost(
          { kind: 'add' },
          Array.from({ length: n }, () => shape),
          { bytesPerElement: bpe },
        );
        assert.deepEqual(cost.outputShape, shape);
        assert.equal(cost.elementwiseOps, (n - 1) * H * W * C);
        checkInvariants(cost, bpe);
        const other = [...shape] as [number, number, number];
        other[axis] += delta;
        assert.throws(
          () => layerCost({ kind: 'add' }, [shape, other]),
          (e: unknown) => e instanceof ConvkitInputError && e.field === 'inputShapes[1]',
        );
      },
    ),
    RUNS,
  );
});

test('concat: channels add up; a different height or width is rejected', () => {
  fc.assert(
    fc.property(
      small,
      small,
      fc.array(small, { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 1, max: 3 }),
      bytesPerElement,
      (H, W, channels, delta, bpe) => {
        const cost = layerCost(
          { kind: 'concat' },
          channels.map((c): Shape3 => [H, W, c]),
          { bytesPerElement: bpe },
        );
        assert.deepEqual(cost.outputShape, [H, W, channels.reduce((a, b) => a + b, 0)]);
        checkInvariants(cost, bpe);
        assert.throws(
          () =>
            layerCost({ kind: 'concat' }, [
              [H, W, 1],
              [H + delta, W, 1],
            ]),
          ConvkitInputError,
        );
      },
    ),
    RUNS,
  );
});

test('squeezeExcite: shape kept, params = MACs + biases (S + C)', () => {
  fc.assert(
    fc.property(small, small, fc.integer({ min: 1, max: 512 }), fc.integer({ min: 1, max: 128 }), bytesPerElement, (H, W, C, S, bpe) => {
      const cost = layerCost({ kind: 'squeezeExcite', squeezeChannels: S }, [[H, W, C]], { bytesPerElement: bpe });
      assert.deepEqual(cost.outputShape, [H, W, C]);
      // Each 1x1 conv weight is used exactly once on the pooled 1x1 vector.
      assert.equal(cost.params.total, cost.macs + S + C);
      checkInvariants(cost, bpe);
    }),
    RUNS,
  );
});

test('zeroPadShortcut: spatial size by stepping, channels = filters, free', () => {
  fc.assert(
    fc.property(small, small, small, fc.integer({ min: 0, max: 16 }), stride, bytesPerElement, (H, W, C, extra, s, bpe) => {
      const cost = layerCost({ kind: 'zeroPadShortcut', filters: C + extra, strides: s }, [[H, W, C]], { bytesPerElement: bpe });
      assert.deepEqual(cost.outputShape, [countPositions(H, 1, s, 1, 'same', 0), countPositions(W, 1, s, 1, 'same', 1), C + extra]);
      assert.equal(cost.macs + cost.elementwiseOps + cost.params.total, 0);
      checkInvariants(cost, bpe);
    }),
    RUNS,
  );
});
