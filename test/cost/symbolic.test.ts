/**
 * The symbolic ratios mathjs derives from the formulas (MobileNet paper,
 * Howard et al. 2017, eq. (5)): separable / standard = 1/M + 1/K².
 * Equivalence is shown twice: by evaluating at random points, and by the
 * structure of the simplified expression.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import katex from 'katex';
import { depthwiseToStandardRatio, pointwiseToStandardRatio, separableToStandardRatio, simplifiesToZero } from '../../src/cost';

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));

test('separable over standard simplifies to a function of M and K only', () => {
  const ratio = separableToStandardRatio();
  // H, W and C cancel: the ratio does not depend on the feature map.
  assert.deepEqual([...ratio.symbols].sort(), ['K', 'M']);
  assert.equal(ratio.text, '1 / M + 1 / K ^ 2');
  assert.doesNotThrow(() => katex.renderToString(ratio.tex, { throwOnError: true }));
});

test('separable over standard is symbolically equal to 1/M + 1/K^2', () => {
  const ratio = separableToStandardRatio();
  assert.ok(simplifiesToZero(ratio.node, '1/M + 1/K^2'));
  // and the check can fail: it is not 1/M + 1/K.
  assert.ok(!simplifiesToZero(ratio.node, '1/M + 1/K'));
});

test('separable over standard equals 1/M + 1/K^2 at random points', () => {
  const ratio = separableToStandardRatio();
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 1, max: 15 }), (M, K) => {
      assert.ok(close(ratio.evaluate({ M, K }), 1 / M + 1 / (K * K)));
    }),
    { numRuns: 1000 },
  );
});

test('depthwise over standard is 1/M and pointwise over standard is 1/K^2', () => {
  assert.ok(simplifiesToZero(depthwiseToStandardRatio().node, '1/M'));
  assert.ok(simplifiesToZero(pointwiseToStandardRatio().node, '1/K^2'));
  assert.equal(depthwiseToStandardRatio().text, '1 / M');
  assert.equal(pointwiseToStandardRatio().text, '1 / K ^ 2');
});

test('the stride-one forms of the cost formulas read as in the MobileNet paper and still evaluate the same', async () => {
  const { strideOneForm } = await import('../../src/cost/symbolic');
  const F = await import('../../src/cost/formulas');
  assert.equal(strideOneForm(F.conv2dMacs).text, 'H * W * K * K * C * M');
  assert.equal(strideOneForm(F.depthwiseMacs).text, 'H * W * K * K * C');
  assert.equal(strideOneForm(F.pointwiseMacs).text, 'H * W * C * M');
  assert.equal(strideOneForm(F.conv2dParams).text, 'K * K * C * M + b * M');
  const scope = { H: 7, W: 5, K: 3, C: 4, M: 6 };
  const specialised = F.math.evaluate(strideOneForm(F.conv2dMacs).text, { ...scope });
  assert.equal(specialised, F.conv2dMacs.evaluate({ Hout: 7, Wout: 5, Kh: 3, Kw: 3, C: 4, g: 1, M: 6 }));
});
