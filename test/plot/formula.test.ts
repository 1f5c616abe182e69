import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formulaBundle } from '../../src/plot/formula';
import { MIME } from '../../src/plot/mime-bundle';

test('a formula bundle wraps the LaTeX in $$…$$ and keeps it as plain text', () => {
  const bundle = formulaBundle('\\frac{1}{M} + \\frac{1}{K^2}');
  assert.deepEqual(bundle, { [MIME.latex]: '$$\\frac{1}{M} + \\frac{1}{K^2}$$', [MIME.plain]: '\\frac{1}{M} + \\frac{1}{K^2}' });
});

test('delimiters the caller already wrote are not doubled', () => {
  assert.equal(formulaBundle('$$ H W C M $$')[MIME.latex], '$$H W C M$$');
  assert.equal(formulaBundle('$K^2$')[MIME.latex], '$$K^2$$');
});

test('an empty formula is an input error', () => {
  assert.throws(() => formulaBundle('  '), /latex = " {2}": must be a non-empty LaTeX string/);
  assert.throws(() => formulaBundle(42 as never), /latex = 42/);
});
