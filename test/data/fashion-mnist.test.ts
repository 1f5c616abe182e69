import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  convertFashionMnist,
  FASHION_CLASSES,
  FASHION_IMAGES_PER_CLASS,
  FASHION_PIXEL_MEAN,
  fashionMnistSplit,
  identicalImages,
  loadFashionMnist,
  meanPixel,
} from '../../src/data/fashion-mnist';

const cacheFolder = mkdtempSync(join(tmpdir(), 'fashion-'));
const cachePath = join(cacheFolder, 'cache.bin');
// The first load converts the package into the cache.
const data = loadFashionMnist({ cachePath });
const countPerClass = (labels: ArrayLike<number>, images: ArrayLike<number>) => {
  const counts = new Array<number>(FASHION_CLASSES.length).fill(0);
  for (let k = 0; k < images.length; k++) counts[labels[images[k]]]++;
  return counts;
};

test('70,000 images, 7,000 per class in class order: the two empty records of class 0 are dropped', () => {
  assert.equal(data.count, 70000);
  assert.equal(data.pixels.length, 70000 * 28 * 28);
  const all = Array.from({ length: data.count }, (_, i) => i);
  assert.deepEqual(countPerClass(data.labels, all), new Array(10).fill(FASHION_IMAGES_PER_CLASS));
  assert.equal(data.labels[6999], 0);
  assert.equal(data.labels[7000], 1);
});

test('the cache is read back unchanged, and a damaged cache is converted again instead of used', () => {
  const again = loadFashionMnist({ cachePath });
  assert.deepEqual(again.labels, data.labels);
  assert.equal(Buffer.compare(Buffer.from(again.pixels), Buffer.from(data.pixels)), 0);
  const bytes = readFileSync(cachePath);
  bytes[70000 + 12345] ^= 0xff; // one pixel
  writeFileSync(cachePath, bytes);
  const repaired = loadFashionMnist({ cachePath });
  assert.equal(repaired.pixels[12345], data.pixels[12345]);
  assert.deepEqual(readFileSync(cachePath), Buffer.concat([Buffer.from(data.labels), Buffer.from(data.pixels)]));
});

test('the mean pixel is that of the data set (0.2862 over all 70,000; 0.2860 is often quoted for the official training part)', () => {
  const all = Array.from({ length: data.count }, (_, i) => i);
  assert.ok(Math.abs(meanPixel(data, all) - FASHION_PIXEL_MEAN) < 5e-6);
  const split = fashionMnistSplit(data, { seed: 0 });
  assert.ok(Math.abs(meanPixel(data, split.train) - 0.286) < 0.002, `training mean ${meanPixel(data, split.train)}`);
});

test('identical images: 54 pairs, one of them with two labels (T-shirt/top and Shirt)', () => {
  const groups = identicalImages(data);
  assert.equal(groups.length, 54);
  assert.ok(groups.every((g) => g.length === 2));
  const mixed = groups.filter((g) => data.labels[g[0]] !== data.labels[g[1]]);
  assert.deepEqual(
    mixed.map((g) => g.map((i) => FASHION_CLASSES[data.labels[i]])),
    [['T-shirt/top', 'Shirt']],
  );
});

test('the split is stratified 6,000/1,000 per class, disjoint, complete, and no test image has a copy anywhere', () => {
  const split = fashionMnistSplit(data, { seed: 0 });
  assert.deepEqual([split.train.length, split.test.length], [60000, 10000]);
  assert.deepEqual(countPerClass(data.labels, split.train), new Array(10).fill(6000));
  assert.deepEqual(countPerClass(data.labels, split.test), new Array(10).fill(1000));
  const seen = new Uint8Array(data.count);
  for (const i of [...split.train, ...split.test]) seen[i]++;
  assert.ok(
    seen.every((n) => n === 1),
    'every image is in exactly one part',
  );
  const repeated = new Set(identicalImages(data).flat());
  assert.ok(!split.test.some((i) => repeated.has(i)));
});

test('the split depends on its seed only: the same seed repeats it, another seed gives another', () => {
  const a = fashionMnistSplit(data, { seed: 7 });
  assert.deepEqual(fashionMnistSplit(data, { seed: 7 }).test, a.test);
  const b = fashionMnistSplit(data, { seed: 8 });
  const inA = new Set(a.test);
  const shared = b.test.filter((i) => inA.has(i)).length;
  // Two independent draws of 1,000 from ~6,900 per class share about 1/7 of their images.
  assert.ok(shared > 1000 && shared < 2000, `shared ${shared}`);
  assert.throws(() => fashionMnistSplit(data, { seed: -1 }), /seed/);
  assert.throws(() => fashionMnistSplit(data, { testPerClass: 4000 }), /testPerClass.*half of a class/);
});

test('a bad class file is reported with its path and the rule it breaks', () => {
  const folder = mkdtempSync(join(tmpdir(), 'fashion-bad-'));
  const image = new Array(784).fill(0);
  const write = (records: unknown) => {
    for (let label = 0; label < 10; label++) writeFileSync(join(folder, `${label}.json`), JSON.stringify({ data: records }));
  };
  write([image.slice(1)]);
  assert.throws(() => convertFashionMnist(folder), /0\.json.*record 0 has 783 values.*784 pixels/s);
  write([[...image.slice(1), 256]]);
  assert.throws(() => convertFashionMnist(folder), /record 0, pixel 783 is 256.*0\.\.255/s);
  write([image]);
  assert.throws(() => convertFashionMnist(folder), /1 images.*every class has 7000/s);
  writeFileSync(join(folder, '0.json'), '{not json');
  assert.throws(() => convertFashionMnist(folder), /0\.json.*not JSON/s);
  assert.throws(() => loadFashionMnist({ cachePath: join(folder, 'c.bin'), packageFolder: join(folder, 'missing') }), /missing/);
});
