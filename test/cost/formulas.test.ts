/**
 * The mathjs formulas: every one yields LaTeX with readable symbol names,
 * the composed ones equal the sum of their parts, and evaluation is exact.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import katex from 'katex';
import {
  FORMULAS,
  SYMBOLS,
  conv2dMacs,
  depthwiseMacs,
  pointwiseMacs,
  pointwiseParams,
  depthwiseParams,
  separableMacs,
  separableParams,
  squeezeExciteMacs,
} from '../../src/cost';

test('every formula has LaTeX that KaTeX can render, using subscripted names', () => {
  for (const formula of Object.values(FORMULAS)) {
    assert.ok(formula.tex.length > 0, formula.name);
    assert.doesNotThrow(() => katex.renderToString(formula.tex, { throwOnError: true }), formula.name);
    assert.ok(!formula.tex.includes('mathrm'), `${formula.name} prints a symbol as a unit: ${formula.tex}`);
    for (const symbol of formula.symbols) assert.ok(symbol in SYMBOLS, `${formula.name}: ${symbol}`);
  }
  assert.match(conv2dMacs.tex, /H_\{out\}/);
  assert.match(conv2dMacs.tex, /K_h/);
  assert.match(conv2dMacs.tex, /\\frac\{\{C\}\}\{\{g\}\}/);
});

test('the standard conv formula reads as the task states it', () => {
  assert.equal(conv2dMacs.expression, 'Hout * Wout * Kh * Kw * (C / g) * M');
  assert.deepEqual([...conv2dMacs.symbols], ['Hout', 'Wout', 'Kh', 'Kw', 'C', 'g', 'M']);
});

const size = fc.integer({ min: 1, max: 64 });

test('separable MACs and params equal depthwise plus pointwise on the depthwise output', () => {
  fc.assert(
    fc.property(size, size, size, size, size, fc.integer({ min: 1, max: 4 }), size, fc.boolean(), (Hout, Wout, Kh, Kw, C, d, M, bias) => {
      const b = bias ? 1 : 0;
      const scope = { Hout, Wout, Kh, Kw, C, d, M, b };
      const dw = depthwiseMacs.evaluate(scope);
      const pw = pointwiseMacs.evaluate({ H: Hout, W: Wout, C: C * d, M });
      assert.equal(separableMacs.evaluate(scope), dw + pw);
      const params = depthwiseParams.evaluate({ Kh, Kw, C, d, b: 0 }) + pointwiseParams.evaluate({ C: C * d, M, b });
      assert.equal(separableParams.evaluate(scope), params);
    }),
    { numRuns: 1000 },
  );
});

test('squeeze-and-excite MACs are two pointwise convs on a 1x1 map', () => {
  fc.assert(
    fc.property(size, size, (C, S) => {
      assert.equal(squeezeExciteMacs.evaluate({ C, S }), 2 * C * S);
    }),
    { numRuns: 1000 },
  );
});

test('formula results are exact integers for realistic sizes', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 512 }),
      fc.integer({ min: 1, max: 11 }),
      fc.integer({ min: 1, max: 2048 }),
      fc.integer({ min: 1, max: 2048 }),
      (H, K, C, M) => {
        const macs = conv2dMacs.evaluate({ Hout: H, Wout: H, Kh: K, Kw: K, C, g: 1, M });
        assert.ok(Number.isSafeInteger(macs));
        assert.equal(macs, H * H * K * K * C * M);
      },
    ),
    { numRuns: 1000 },
  );
});

test('evaluating without a needed symbol names the formula and the symbol', () => {
  assert.throws(() => pointwiseMacs.evaluate({ H: 1, W: 1, C: 1 }), /pointwiseMacs\.M \(not given\): must be given/);
});
