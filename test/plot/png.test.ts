import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PNG } from 'pngjs';
import { encodePng, tensorToPng } from '../../src/plot/png';
import { randomTensor } from '../../src/core/tensor';
import { ConvkitInputError } from '../../src/core/errors';

function decode(bytes: Buffer): PNG {
  return PNG.sync.read(bytes);
}

function pixel(png: PNG, x: number, y: number): number[] {
  const at = (y * png.width + x) * 4;
  return [...png.data.subarray(at, at + 4)];
}

test('a 2×2 map decodes to its size times scale, black at the minimum and white at the maximum', () => {
  const png = decode(tensorToPng(new Float32Array([-3, 0, 1, 5]), [2, 2], { scale: 4 }));
  assert.equal(png.width, 8);
  assert.equal(png.height, 8);
  assert.deepEqual(pixel(png, 0, 0), [0, 0, 0, 255]);
  assert.deepEqual(pixel(png, 3, 3), [0, 0, 0, 255], 'the whole 4×4 block repeats the pixel');
  assert.deepEqual(pixel(png, 7, 7), [255, 255, 255, 255]);
  const gray = Math.round((255 * 3) / 8); // 0 on the range [-3, 5]
  assert.deepEqual(pixel(png, 4, 0), [gray, gray, gray, 255]);
});

test('RGB data in [0, 255] keeps its colours; a [1, H, W, C] batch of one is accepted', () => {
  const data = [255, 0, 0, 0, 128, 255];
  const png = decode(tensorToPng(data, [1, 1, 2, 3]));
  assert.deepEqual(pixel(png, 0, 0), [255, 0, 0, 255]);
  assert.deepEqual(pixel(png, 1, 0), [0, 128, 255, 255]);
});

test('RGB data in [0, 1] is read as fractions', () => {
  const png = decode(tensorToPng([1, 0.5, 0], [1, 1, 3]));
  assert.deepEqual(pixel(png, 0, 0), [255, 128, 0, 255]);
});

test('the diverging map puts zero in the middle: near white, blue below, red above', () => {
  const png = decode(tensorToPng([-2, 0, 1], [1, 3], { colormap: 'diverging' }));
  const [negative, zero, positive] = [pixel(png, 0, 0), pixel(png, 1, 0), pixel(png, 2, 0)];
  assert.ok(negative[2] > negative[0], 'negative is blue');
  assert.ok(
    zero.slice(0, 3).every((channel) => channel > 240),
    'zero is near white',
  );
  assert.ok(positive[0] > positive[2], 'positive is red');
});

test('an explicit range clamps values outside it, and a constant map is mid-gray', () => {
  const clamped = decode(tensorToPng([-10, 10], [1, 2], { range: [0, 1] }));
  assert.deepEqual(pixel(clamped, 0, 0), [0, 0, 0, 255]);
  assert.deepEqual(pixel(clamped, 1, 0), [255, 255, 255, 255]);
  const constant = decode(tensorToPng([7, 7, 7, 7], [2, 2]));
  assert.deepEqual(pixel(constant, 1, 1), [128, 128, 128, 255]);
});

test('bad shapes, lengths, values and options are input errors', () => {
  assert.throws(() => tensorToPng([1, 2, 3], [2, 2]), /data.length = 3: must equal height × width × channels = 4/);
  assert.throws(() => tensorToPng([1, Number.NaN], [1, 2]), /data\[1\] = NaN: must be a finite number/);
  assert.throws(() => tensorToPng([1, 2], [1, 1, 2]), /shape channels = 2: must be 1 \(a feature map\) or 3 \(RGB\)/);
  assert.throws(() => tensorToPng([1, 2], [2, 1, 1, 1]), /shape\[0\] = 2: must be 1/);
  assert.throws(() => tensorToPng([1, 2], [1, 2], { scale: 0 }), /scale = 0: must be a positive integer/);
  assert.throws(() => tensorToPng([1, 2], [1, 2], { colormap: 'jet' as never }), /colormap = "jet": must be one of gray, viridis, diverging/);
  assert.throws(() => tensorToPng([1, 2], [1, 2], { range: [1, 1] }), /range = \[1, 1\]: must be \[low, high\] with finite low < high/);
});

test('any finite map round-trips through PNG decode with its size, opaque, spanning black to white', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 3 }),
      fc.array(fc.float({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }), { minLength: 36, maxLength: 36 }),
      (height, width, scale, pool) => {
        const data = pool.slice(0, height * width);
        const png = decode(tensorToPng(data, [height, width], { scale }));
        assert.equal(png.width, width * scale);
        assert.equal(png.height, height * scale);
        const grays: number[] = [];
        for (let i = 0; i < png.width * png.height; i++) {
          assert.equal(png.data[i * 4 + 3], 255);
          assert.equal(png.data[i * 4], png.data[i * 4 + 1]);
          grays.push(png.data[i * 4]);
        }
        if (Math.min(...data) < Math.max(...data)) {
          assert.equal(Math.min(...grays), 0);
          assert.equal(Math.max(...grays), 255);
        }
      },
    ),
    { numRuns: 60 },
  );
});

test('the documented example holds: a 2×2 ramp at scale 8 is a 16×16 PNG, black top-left, white bottom-right', () => {
  const png = decode(tensorToPng(new Float32Array([0, 1, 2, 3]), [2, 2], { scale: 8 }));
  assert.deepEqual([png.width, png.height], [16, 16]);
  assert.deepEqual(pixel(png, 0, 0), [0, 0, 0, 255]);
  assert.deepEqual(pixel(png, 15, 15), [255, 255, 255, 255]);
});

test('encodePng writes a kit tensor at its own size, [0, 1] → 0..255 by default, grey as R = G = B', () => {
  const grey = decode(encodePng({ shape: [1, 3, 1], data: new Float32Array([0, 0.5, 1]) }));
  assert.deepEqual([grey.width, grey.height], [3, 1]);
  assert.deepEqual(
    [0, 1, 2].map((x) => pixel(grey, x, 0)),
    [
      [0, 0, 0, 255],
      [128, 128, 128, 255],
      [255, 255, 255, 255],
    ],
  );
  const rgb = decode(encodePng({ shape: [1, 1, 3], data: new Float32Array([1, 0.2, 0]) }));
  assert.deepEqual(pixel(rgb, 0, 0), [255, 51, 0, 255]);
});

test("encodePng shows a constant tensor under 'auto' as the middle grey, like every picture of the kit", () => {
  const constant = decode(encodePng({ shape: [2, 2, 1], data: new Float32Array([3, 3, 3, 3]) }, { range: 'auto' }));
  assert.deepEqual(pixel(constant, 1, 1), [128, 128, 128, 255]);
});

test('encodePng refuses 2 channels and an empty range, naming the field', () => {
  assert.throws(
    () => encodePng(randomTensor([2, 2, 2], 1)),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'shape channels',
  );
  assert.throws(
    () => encodePng(randomTensor([2, 2, 1], 1), { range: [1, 1] }),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'range',
  );
});
