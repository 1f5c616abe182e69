/**
 * The 8×8 handwritten digits: 1,797 greyscale images of the digits 0–9, the
 * test part of UCI's "Optical Recognition of Handwritten Digits" (Alpaydin &
 * Kaynak 1998, CC BY 4.0) as shipped by scikit-learn. Small enough to train a
 * CNN on the pure-JS backend in a lesson. Provenance: data/README.md.
 *
 * The file data/digits/digits.csv.gz has one image per row: 64 pixel counts
 * (0..16, row by row; each is how many of a 4×4 block's pixels were inked in
 * the original 32×32 bitmap) and then the label 0..9 — 65 integers.
 *
 * Pipeline of a lesson:
 *   loadDigits()                        N×8×8×1 in [0, 1], labels
 *   → trainTestSplit(d, { testFraction, seed })   seeded shuffle, deterministic
 *   → upsample(train, 16)               16×16 so a few stride-2 layers fit
 *   → toTensors(train, DIGIT_CLASSES)   { xs: [N, 16, 16, 1], ys: one-hot [N, 10] }  (src/layers/tf/labelled-images.ts)
 */
import { gunzipSync } from 'node:zlib';
import { ConvkitInputError, requireInteger } from '../core/errors';
import { seededPermutation } from '../core/random';
import { requireAllocatable } from '../core/tensor';
import { dataFileError, dataPath, readDataFile } from './data-file';
import { resizeInto, type ResizeMethod } from './resize';

/** Side of the original images, in pixels. */
export const DIGIT_SIZE = 8;
/** Largest pixel count in the file: 16 inked pixels of a 4×4 block. */
export const DIGIT_MAX_VALUE = 16;
/** Ten classes, the digits 0–9. */
export const DIGIT_CLASSES = 10;

/** A set of digit images with their labels. */
export interface Digits {
  /** N×height×width×1 values in [0, 1] (NHWC, one channel). */
  readonly images: Float32Array;
  /** N labels 0..9. */
  readonly labels: Int32Array;
  readonly count: number;
  /** Image height in pixels (8 as loaded; more after upsample). */
  readonly height: number;
  /** Image width in pixels. */
  readonly width: number;
}

/** The digits file in data/. */
export function digitsPath(): string {
  return dataPath('digits', 'digits.csv.gz');
}

/**
 * Reads and checks the gzipped CSV (default: data/digits/digits.csv.gz) and
 * scales the pixels to [0, 1] by dividing by 16. Any problem — missing file,
 * bad gzip, a row without 65 integers, a pixel outside 0..16, a label outside
 * 0..9 — throws an error whose field is the file path and that names the row.
 */
export function loadDigits(path: string = digitsPath()): Digits {
  const compressed = readDataFile(path);
  let text: string;
  try {
    text = gunzipSync(compressed).toString('utf8');
  } catch (error) {
    throw dataFileError(path, `not valid gzip (${(error as Error).message})`, 'must be a gzip-compressed CSV file');
  }
  const rows = text.split('\n').filter((line) => line.trim() !== '');
  if (rows.length === 0) throw dataFileError(path, 'no rows', 'must hold at least one image row');
  const pixels = DIGIT_SIZE * DIGIT_SIZE;
  const images = new Float32Array(rows.length * pixels);
  const labels = new Int32Array(rows.length);
  rows.forEach((line, r) => {
    const fields = line.split(',');
    if (fields.length !== pixels + 1) {
      throw dataFileError(path, `row ${r + 1} has ${fields.length} values`, `every row must hold ${pixels} pixels and a label (${pixels + 1} values)`);
    }
    for (let i = 0; i <= pixels; i++) {
      const value = Number(fields[i]);
      const max = i < pixels ? DIGIT_MAX_VALUE : DIGIT_CLASSES - 1;
      if (fields[i].trim() === '' || !Number.isInteger(value) || value < 0 || value > max) {
        const what = i < pixels ? `pixel ${i}` : 'the label';
        throw dataFileError(path, `row ${r + 1}, ${what} is ${JSON.stringify(fields[i])}`, `must be an integer 0..${max}`);
      }
      if (i < pixels) images[r * pixels + i] = value / DIGIT_MAX_VALUE;
      else labels[r] = value;
    }
  });
  return { images, labels, count: rows.length, height: DIGIT_SIZE, width: DIGIT_SIZE };
}

export interface SplitOptions {
  /** Share of the images held out for testing, strictly between 0 and 1 (e.g. 0.2). */
  readonly testFraction: number;
  /** Seed of the shuffle; the same seed always gives the same split. */
  readonly seed: number;
}

/**
 * Shuffles the images with a seeded Fisher–Yates shuffle and cuts off the
 * first round(N·testFraction) as the test set; both parts keep at least one
 * image. The order inside each part is the shuffled order.
 */
export function trainTestSplit(data: Digits, options: SplitOptions): { train: Digits; test: Digits } {
  const { testFraction, seed } = options ?? ({} as SplitOptions);
  if (typeof testFraction !== 'number' || !(testFraction > 0 && testFraction < 1)) {
    throw new ConvkitInputError('testFraction', testFraction, 'must be a number strictly between 0 and 1');
  }
  requireInteger('seed', seed, Number.MIN_SAFE_INTEGER);
  if (data.count < 2) throw new ConvkitInputError('data.count', data.count, 'must be at least 2 to split');
  const testCount = Math.min(Math.max(Math.round(data.count * testFraction), 1), data.count - 1);
  const order = seededPermutation(data.count, seed);
  return { test: pick(data, order.subarray(0, testCount)), train: pick(data, order.subarray(testCount)) };
}

/** The images at `indices`, in that order. */
export function pick(data: Digits, indices: ArrayLike<number>): Digits {
  const pixels = data.height * data.width;
  const images = new Float32Array(indices.length * pixels);
  const labels = new Int32Array(indices.length);
  for (let n = 0; n < indices.length; n++) {
    const i = indices[n];
    images.set(data.images.subarray(i * pixels, (i + 1) * pixels), n * pixels);
    labels[n] = data.labels[i];
  }
  return { images, labels, count: indices.length, height: data.height, width: data.width };
}

/**
 * Every image resized to size × size. Default 'nearest': for a whole-number
 * factor (8 → 16) each pixel becomes a factor×factor block, so the image is
 * exactly the original, just bigger; 'bilinear' smooths (see ./resize.ts).
 */
export function upsample(data: Digits, size: number, method: ResizeMethod = 'nearest'): Digits {
  requireInteger('size', size);
  if (method !== 'nearest' && method !== 'bilinear') throw new ConvkitInputError('method', method, "must be 'nearest' or 'bilinear'");
  const inPixels = data.height * data.width;
  const outPixels = size * size;
  const images = new Float32Array(requireAllocatable('count·size·size', data.count * outPixels));
  for (let n = 0; n < data.count; n++) {
    resizeInto(data.images, n * inPixels, data.height, data.width, 1, images, n * outPixels, size, size, method);
  }
  return { images, labels: Int32Array.from(data.labels), count: data.count, height: size, width: size };
}

/** How many images of each digit 0–9 a set holds. */
export function classCounts(data: Digits): number[] {
  const counts = new Array<number>(DIGIT_CLASSES).fill(0);
  for (const label of data.labels) counts[label]++;
  return counts;
}
