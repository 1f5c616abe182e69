import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as vega from 'vega';
import { math } from '../../../src/cost/formulas';
import { pointwiseToStandardRatio, separableToStandardRatio } from '../../../src/cost/symbolic';
import { ConvkitInputError } from '../../../src/core/errors';
import { readableExpression, vegaExpression } from '../../../src/plot/charts/separable-cost';

/** Evaluates a Vega expression on one datum, through Vega's own parser and code generator. */
function evaluateVega(expression: string, datum: Record<string, number>): number {
  const codegen = vega.codegenExpression({ allowed: ['datum'], fieldvar: 'datum', globalvar: 'global' });
  const { code } = codegen(vega.parseExpression(expression));
  return new Function('datum', `return ${code};`)(datum) as number;
}

const rowSymbols = { M: 'datum.M', K: 'datum.K', C: 'datum.C' };

test('the symbolic separable ratio 1 / M + 1 / K ^ 2 becomes a Vega expression over the row’s fields', () => {
  assert.equal(separableToStandardRatio().text, '1 / M + 1 / K ^ 2');
  assert.equal(vegaExpression(separableToStandardRatio().text, rowSymbols), '(1 / datum.M) + (1 / pow(datum.K, 2))');
  assert.equal(vegaExpression(pointwiseToStandardRatio().node, { K: 'K' }), '1 / pow(K, 2)');
});

test('the translation evaluates in Vega to what mathjs evaluates, for the cost ratios and random sizes', () => {
  const expressions = [separableToStandardRatio().text, pointwiseToStandardRatio().text, '(M - 1) * -K / (C + 2) ^ 0.5', 'sqrt(K) + max(M, C) - abs(-C)'];
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 1, max: 15 }), fc.integer({ min: 1, max: 2048 }), (M, K, C) => {
      for (const text of expressions) {
        const expected = math.evaluate(text, { M, K, C }) as number;
        const actual = evaluateVega(vegaExpression(text, rowSymbols), { M, K, C });
        assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `${text} at M=${M}, K=${K}, C=${C}: ${actual} vs ${expected}`);
      }
    }),
    { numRuns: 200 },
  );
});

test('precedence survives: every operation is parenthesised, so a − (b − c) stays distinct from (a − b) − c', () => {
  assert.equal(evaluateVega(vegaExpression('M - (K - C)', rowSymbols), { M: 10, K: 4, C: 1 }), 7);
  assert.equal(evaluateVega(vegaExpression('(M - K) - C', rowSymbols), { M: 10, K: 4, C: 1 }), 5);
  assert.equal(evaluateVega(vegaExpression('2 ^ K ^ 2', rowSymbols), { M: 0, K: 3, C: 0 }), 2 ** 9);
});

test('an unmapped symbol, an unsafe mapping or an untranslatable construct is an input error', () => {
  const isInputError = (field: string) => (e: unknown) => e instanceof ConvkitInputError && e.field === field;
  assert.throws(() => vegaExpression('1 / M + 1 / K ^ 2', { M: 'datum.M' }), isInputError('symbols.K'));
  assert.throws(() => vegaExpression('M', { M: 'datum.M; alert(1)' }), isInputError('symbols.M'));
  assert.throws(() => vegaExpression('M!', rowSymbols), isInputError('expression'));
  assert.throws(() => vegaExpression('M > K ? M : K', rowSymbols), isInputError('expression'));
  assert.throws(() => vegaExpression('1 / (', rowSymbols), isInputError('expression'));
});

test('labels spell the symbolic text the way the paper does: 1/M + 1/K²', () => {
  assert.equal(readableExpression(separableToStandardRatio().text), '1/M + 1/K²');
  assert.equal(readableExpression(pointwiseToStandardRatio().text), '1/K²');
  assert.equal(readableExpression('H * W ^ 10 - C'), 'H * W¹⁰ - C');
});
