import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPhoto, loadPng, type PhotoName } from '../../src/data/image';
import { dataPath } from '../../src/data/data-file';
import { encodePng } from '../../src/plot/png';
import { ConvkitInputError } from '../../src/core/errors';

const dir = mkdtempSync(join(tmpdir(), 'convkit-image-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the shipped photo is the file recorded in data/README.md (sha256, as in scikit-image’s registry)', () => {
  const sha = createHash('sha256')
    .update(readFileSync(dataPath('images', 'chelsea.png')))
    .digest('hex');
  assert.equal(sha, '596aa1e7cb875eb79f437e310381d26b338a81c2da23439704a73c4651e8c4bb');
  assert.match(readFileSync(dataPath('README.md'), 'utf8'), new RegExp(sha));
});

test('loadPhoto gives Chelsea as a 300x451x3 tensor in [0, 1] with real colour', () => {
  const photo = loadPhoto();
  assert.deepEqual([...photo.shape], [300, 451, 3]);
  assert.ok(photo.data.every((v) => v >= 0 && v <= 1));
  let redMinusBlue = 0;
  for (let p = 0; p < 300 * 451; p++) redMinusBlue += photo.data[p * 3] - photo.data[p * 3 + 2];
  assert.ok(redMinusBlue / (300 * 451) > 0.05, 'a ginger cat: red above blue on average');
});

test('loadPhoto with size 32 gives a 32x32x3 centre square whose mean colour is close to the full square’s', () => {
  const small = loadPhoto('chelsea', { size: 32 });
  assert.deepEqual([...small.shape], [32, 32, 3]);
  const full = loadPhoto();
  // Mean red of the centred 300x300 square vs of the small image.
  let fullRed = 0;
  for (let y = 0; y < 300; y++) for (let x = 75; x < 375; x++) fullRed += full.data[(y * 451 + x) * 3];
  let smallRed = 0;
  for (let p = 0; p < 32 * 32; p++) smallRed += small.data[p * 3];
  assert.ok(Math.abs(fullRed / 90000 - smallRed / 1024) < 0.02);
});

test('an unknown photo name is rejected, naming name', () => {
  assert.throws(
    () => loadPhoto('astronaut' as PhotoName),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'name',
  );
});

test('loadPng reads back a PNG written by encodePng', () => {
  const path = join(dir, 'ok.png');
  writeFileSync(path, encodePng({ shape: [1, 2, 3], data: new Float32Array([1, 0, 0, 0, 0, 1]) }));
  assert.deepEqual([...loadPng(path).data], [1, 0, 0, 0, 0, 1]);
});

test('a missing PNG and a corrupt PNG are both reported with their path', () => {
  const missing = join(dir, 'missing.png');
  assert.throws(
    () => loadPng(missing),
    (error: unknown) => error instanceof ConvkitInputError && error.field === missing,
  );
  const corrupt = join(dir, 'corrupt.png');
  const bytes = encodePng({ shape: [4, 4, 1], data: new Float32Array(16) });
  writeFileSync(corrupt, bytes.subarray(0, bytes.length - 20)); // truncated
  assert.throws(
    () => loadPng(corrupt),
    (error: unknown) => error instanceof ConvkitInputError && error.field === corrupt,
  );
});
