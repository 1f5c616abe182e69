import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodePng } from '../../src/data/png';
import { encodePng } from '../../src/plot/png';
import { randomTensor } from '../../src/core/tensor';
import { ConvkitInputError } from '../../src/core/errors';

test('an RGB tensor survives encode → decode to within half an 8-bit level', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.nat(1000), (h, w, seed) => {
      const image = randomTensor([h, w, 3], seed, 0, 1);
      const back = decodePng(encodePng(image), 'memory');
      assert.deepEqual([...back.shape], [h, w, 3]);
      for (let i = 0; i < image.data.length; i++) assert.ok(Math.abs(back.data[i] - image.data[i]) <= 0.5 / 255 + 1e-7);
    }),
    { numRuns: 30 },
  );
});

test("a grey tensor decodes with R = G = B, and 'auto' range stretches min..max to black..white", () => {
  const image = { shape: [1, 3, 1] as const, data: new Float32Array([-2, 0, 2]) };
  const back = decodePng(encodePng(image, { range: 'auto' }), 'memory');
  assert.deepEqual(
    back.data,
    Float32Array.from([0, 0, 0, 128, 128, 128, 255, 255, 255], (level) => level / 255),
  );
});

test('values outside [0, 1] are clamped under the default range', () => {
  const image = { shape: [1, 2, 1] as const, data: new Float32Array([-5, 5]) };
  const back = decodePng(encodePng(image), 'memory');
  assert.deepEqual([back.data[0], back.data[3]], [0, 1]);
});

test('decodePng reports bytes that are not a PNG with the file name', () => {
  assert.throws(
    () => decodePng(Buffer.from('not a png'), 'photo.png'),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'photo.png' && /not a valid PNG/.test(error.message),
  );
});
