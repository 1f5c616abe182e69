import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConvkitInputError, requireInteger, requirePositive } from '../../src/core/errors';

test('an input error names the field, the value and the rule', () => {
  const error = new ConvkitInputError('alpha', -1, 'must be a number greater than 0');
  assert.equal(error.message, 'alpha = -1: must be a number greater than 0');
  assert.equal(error.field, 'alpha');
});

test('requireInteger rejects zero, fractions and NaN', () => {
  assert.throws(() => requireInteger('stride', 0), /stride = 0: must be a positive integer/);
  assert.throws(() => requireInteger('stride', 1.5), /stride = 1.5/);
  assert.throws(() => requireInteger('stride', Number.NaN), /stride = NaN/);
  assert.equal(requireInteger('stride', 2), 2);
  assert.equal(requireInteger('padding', 0, 0), 0);
});

test('requirePositive rejects zero and infinity', () => {
  assert.throws(() => requirePositive('alpha', 0), /alpha = 0: must be a number greater than 0/);
  assert.throws(() => requirePositive('alpha', Infinity), /alpha = Infinity/);
  assert.equal(requirePositive('alpha', 0.25), 0.25);
});
