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
  squeezeExciteParams,
  simplifiesToZero,
} from '../../src/cost';
import { math, substitute } from '../../src/cost/formulas';
import type { MathNode } from 'mathjs';

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

test('the standard conv formula reads as H_out·W_out·K_h·K_w·(C/g)·M', () => {
  assert.equal(conv2dMacs.expression, 'Hout * Wout * Kh * Kw * (C / g) * M');
  assert.deepEqual([...conv2dMacs.symbols], ['Hout', 'Wout', 'Kh', 'Kw', 'C', 'g', 'M']);
});

const size = fc.integer({ min: 1, max: 64 });

const sum = (...terms: MathNode[]): MathNode => terms.reduce((acc, term) => new math.OperatorNode('+', 'add', [acc, term]));

/** Each sum written out in formulas.ts, and the same sum built from the formulas of its parts. */
const WRITTEN_SUMS = [
  {
    formula: separableMacs,
    text: 'Hout * Wout * Kh * Kw * C * d + Hout * Wout * C * d * M',
    parts: sum(depthwiseMacs.node, substitute(pointwiseMacs.node, { H: 'Hout', W: 'Wout', C: 'C * d' })),
  },
  {
    formula: separableParams,
    text: 'Kh * Kw * C * d + C * d * M + b * M',
    parts: sum(substitute(depthwiseParams.node, { b: '0' }), substitute(pointwiseParams.node, { C: 'C * d' })),
  },
  {
    formula: squeezeExciteMacs,
    text: 'C * S + S * C',
    parts: sum(substitute(pointwiseMacs.node, { H: '1', W: '1', M: 'S' }), substitute(pointwiseMacs.node, { H: '1', W: '1', C: 'S', M: 'C' })),
  },
  {
    formula: squeezeExciteParams,
    text: 'C * S + S + S * C + C',
    parts: sum(substitute(pointwiseParams.node, { M: 'S', b: '1' }), substitute(pointwiseParams.node, { C: 'S', M: 'C', b: '1' })),
  },
];

test('the composed formulas are written out as mathematics, and equal the sum of their parts symbolically', () => {
  for (const { formula, text, parts } of WRITTEN_SUMS) {
    assert.equal(formula.expression, text, formula.name);
    assert.ok(simplifiesToZero(formula.node, parts), `${formula.name}: ${text} is not ${parts.toString()}`);
  }
  // The check can fail: dropping the pointwise term's d is caught.
  assert.ok(!simplifiesToZero(separableMacs.node, sum(depthwiseMacs.node, substitute(pointwiseMacs.node, { H: 'Hout', W: 'Wout' }))));
});

test('the composed formulas equal the sum of their parts at random sizes', () => {
  fc.assert(
    fc.property(size, size, size, size, size, fc.integer({ min: 1, max: 4 }), size, size, fc.boolean(), (Hout, Wout, Kh, Kw, C, d, M, S, bias) => {
      const scope = { Hout, Wout, Kh, Kw, C, d, M, S, b: bias ? 1 : 0 };
      for (const { formula, parts } of WRITTEN_SUMS) {
        const symbols = Object.fromEntries(formula.symbols.map((symbol) => [symbol, scope[symbol as keyof typeof scope]]));
        assert.equal(formula.evaluate(scope), parts.evaluate(symbols), formula.name);
      }
    }),
    { numRuns: 500 },
  );
});

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
