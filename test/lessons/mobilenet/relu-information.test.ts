import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reluInformationLoss } from '../../../src/lessons/mobilenet/relu-information';
import { loadPhoto } from '../../../src/data/image';
import { ConvkitInputError } from '../../../src/errors';

const photo = loadPhoto('chelsea', { size: 24 });

test('ReLU in 3 dimensions loses much of the colours, in 30 dimensions almost nothing', () => {
  const [few, many] = reluInformationLoss(photo, [3, 30], 0, 3);
  assert.ok(few.relativeError > 0.2, `n = 3: ${few.relativeError}`);
  assert.ok(many.relativeError < 1e-6, `n = 30: ${many.relativeError}`);
});

test('the same seed gives the same numbers, another seed other matrices', () => {
  assert.deepEqual(reluInformationLoss(photo, [4, 8], 5), reluInformationLoss(photo, [4, 8], 5));
  assert.notDeepEqual(reluInformationLoss(photo, [4], 5), reluInformationLoss(photo, [4], 6));
});

test('fewer dimensions than channels is an input error', () => {
  assert.throws(() => reluInformationLoss(photo, [2]), ConvkitInputError);
  assert.throws(() => reluInformationLoss(photo, []), ConvkitInputError);
});
