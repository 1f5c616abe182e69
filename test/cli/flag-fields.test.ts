import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConvkitInputError } from '../../src/core/errors';
import { withFlagNames } from '../../src/cli/flag-fields';

const fail = (field: string) => () => {
  throw new ConvkitInputError(field, 7, 'some rule');
};

test('an error about a spec field the user set by a flag is re-said with the flag', () => {
  assert.throws(() => withFlagNames(['kernel'], fail('kernelSize')), { message: '--kernel = 7: some rule' });
  assert.throws(() => withFlagNames(['growth-rate'], fail('growthRate')), { message: '--growth-rate = 7: some rule' });
});

test('a field the command has no flag for keeps its own name', () => {
  assert.throws(() => withFlagNames(['alpha'], fail('filters')), { message: 'filters = 7: some rule' });
  assert.throws(() => withFlagNames(['kernel'], fail('conv1.kernelSize')), { message: 'conv1.kernelSize = 7: some rule' });
});

test('other errors pass through untouched, and results come back', () => {
  assert.throws(
    () =>
      withFlagNames(['kernel'], () => {
        throw new RangeError('boom');
      }),
    RangeError,
  );
  assert.equal(
    withFlagNames([], () => 42),
    42,
  );
});
