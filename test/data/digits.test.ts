import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { classCounts, digitsPath, loadDigits, trainTestSplit, upsample, type Digits } from '../../src/data/digits';
import { ConvkitInputError } from '../../src/core/errors';

let digits: Digits;
let dir: string;

before(async () => {
  await tf.setBackend('cpu');
  digits = loadDigits();
  dir = mkdtempSync(join(tmpdir(), 'convkit-digits-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('the shipped file is the one recorded in data/README.md (sha256)', () => {
  const sha = createHash('sha256').update(readFileSync(digitsPath())).digest('hex');
  assert.equal(sha, '46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a');
  assert.match(readFileSync(join(__dirname, '../../data/README.md'), 'utf8'), new RegExp(sha));
});

test('loadDigits gives 1,797 images of 8x8 in [0, 1] with labels 0–9, every class present', () => {
  assert.equal(digits.count, 1797);
  assert.equal(digits.images.length, 1797 * 64);
  assert.equal(digits.labels.length, 1797);
  assert.ok(digits.images.every((v) => v >= 0 && v <= 1));
  assert.ok(
    digits.images.some((v) => v === 1),
    'the largest count 16 maps to 1',
  );
  const counts = classCounts(digits);
  assert.equal(
    counts.reduce((a, b) => a + b, 0),
    1797,
  );
  assert.deepEqual(counts, [178, 182, 177, 183, 181, 182, 181, 179, 174, 180], 'the class counts recorded in data/README.md');
});

test('the first image is a 0: inked ring, empty centre column', () => {
  assert.equal(digits.labels[0], 0);
  const at = (y: number, x: number) => digits.images[y * 8 + x] * 16;
  // The file's first row starts 0,0,5,13,9,1,0,0 (the top of the ring).
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5, 6, 7].map((x) => at(0, x)),
    [0, 0, 5, 13, 9, 1, 0, 0],
  );
});

test('trainTestSplit is deterministic for a seed, partitions the set, and sizes the test part by the fraction', () => {
  fc.assert(
    fc.property(fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.integer({ min: 0, max: 1_000_000 }), (testFraction, seed) => {
      const a = trainTestSplit(digits, { testFraction, seed });
      const b = trainTestSplit(digits, { testFraction, seed });
      assert.deepEqual(a.test.labels, b.test.labels);
      assert.equal(a.test.count, Math.round(1797 * testFraction));
      assert.equal(a.train.count + a.test.count, 1797);
      // Same multiset of labels as the whole set: nothing lost or duplicated.
      const merged = classCounts(a.train).map((n, k) => n + classCounts(a.test)[k]);
      assert.deepEqual(merged, classCounts(digits));
    }),
    { numRuns: 20 },
  );
  const other = trainTestSplit(digits, { testFraction: 0.2, seed: 2 });
  assert.notDeepEqual(other.test.labels, trainTestSplit(digits, { testFraction: 0.2, seed: 1 }).test.labels);
});

test('trainTestSplit rejects a test fraction of 0 or 1, naming testFraction', () => {
  for (const testFraction of [0, 1, Number.NaN]) {
    assert.throws(
      () => trainTestSplit(digits, { testFraction, seed: 1 }),
      (error: unknown) => error instanceof ConvkitInputError && error.field === 'testFraction',
    );
  }
});

test('nearest upsampling 8 → 16 turns every pixel into a 2x2 block of the same value', () => {
  const first = { ...digits, images: digits.images.subarray(0, 2 * 64), labels: digits.labels.subarray(0, 2), count: 2 };
  const big = upsample(first, 16);
  assert.equal(big.height, 16);
  for (let n = 0; n < 2; n++) {
    for (let y = 0; y < 16; y++) {
      for (let x = 0; x < 16; x++) {
        assert.equal(big.images[n * 256 + y * 16 + x], first.images[n * 64 + (y >> 1) * 8 + (x >> 1)]);
      }
    }
  }
  assert.deepEqual(big.labels, first.labels);
});

test('bilinear upsampling equals tf.image.resizeBilinear with half-pixel centres', () => {
  const few = { ...digits, images: digits.images.subarray(0, 5 * 64), labels: digits.labels.subarray(0, 5), count: 5 };
  for (const size of [12, 16, 20]) {
    const mine = upsample(few, size, 'bilinear');
    const theirs = tf.tidy(() => tf.image.resizeBilinear(tf.tensor4d(few.images, [5, 8, 8, 1]), [size, size], false, true).dataSync());
    let worst = 0;
    for (let i = 0; i < theirs.length; i++) worst = Math.max(worst, Math.abs(theirs[i] - mine.images[i]));
    assert.ok(worst < 1e-5, `size ${size}: max difference ${worst}`);
  }
});

function writeGz(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, gzipSync(Buffer.from(text)));
  return path;
}

const goodRow = [...new Array(64).fill(3), 7].join(',');

test('a digits file in the right format loads from any path', () => {
  const path = writeGz('two.csv.gz', `${goodRow}\n${goodRow}\n`);
  const data = loadDigits(path);
  assert.equal(data.count, 2);
  assert.equal(data.images[0], 3 / 16);
  assert.deepEqual(Array.from(data.labels), [7, 7]);
});

test('a missing digits file is reported with its path', () => {
  const path = join(dir, 'nope.csv.gz');
  assert.throws(
    () => loadDigits(path),
    (error: unknown) => error instanceof ConvkitInputError && error.field === path && /missing/.test(error.message),
  );
});

test('a file that is not gzip is reported with its path', () => {
  const path = join(dir, 'plain.csv.gz');
  writeFileSync(path, goodRow);
  assert.throws(
    () => loadDigits(path),
    (error: unknown) => error instanceof ConvkitInputError && error.field === path && /gzip/.test(error.message),
  );
});

test('a row with 63 values is reported with the path and the row number', () => {
  const short = [...new Array(62).fill(0), 1].join(',');
  const path = writeGz('short.csv.gz', `${goodRow}\n${short}\n`);
  assert.throws(
    () => loadDigits(path),
    (error: unknown) => error instanceof ConvkitInputError && error.field === path && /row 2 has 63 values/.test(error.message),
  );
});

test('a pixel above 16, a label of 10 or a non-number are reported with the path', () => {
  const cases = [[17, ...new Array(63).fill(0), 1].join(','), [...new Array(64).fill(0), 10].join(','), ['x', ...new Array(63).fill(0), 1].join(',')];
  cases.forEach((row, n) => {
    const path = writeGz(`bad${n}.csv.gz`, `${row}\n`);
    assert.throws(
      () => loadDigits(path),
      (error: unknown) => error instanceof ConvkitInputError && error.field === path,
    );
  });
});

test('an empty digits file is reported with its path', () => {
  const path = writeGz('empty.csv.gz', '\n');
  assert.throws(
    () => loadDigits(path),
    (error: unknown) => error instanceof ConvkitInputError && error.field === path && /no rows/.test(error.message),
  );
});
