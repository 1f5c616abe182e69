import { test } from 'node:test';
import assert from 'node:assert/strict';
import { depthwiseFilterBank, photoKernel, standardFilterBank } from '../../../src/lessons/conv-basics/photo-kernels';
import { conv2d } from '../../../src/layers/reference/conv2d';
import { depthwiseConv2d } from '../../../src/layers/reference/depthwise-conv2d';
import { fromArray, randomTensor, valueAt } from '../../../src/core/tensor';
import { ConvkitInputError } from '../../../src/core/errors';

test('an identity filter bank in a standard conv outputs the channel average', () => {
  const input = randomTensor([5, 5, 3], 7, 0, 1);
  const out = conv2d(input, { kind: 'conv2d', filters: 1, kernelSize: 3 }, { kernel: standardFilterBank(['identity'], 3) }).output;
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 5; x++) {
      const mean = (valueAt(input, y, x, 0) + valueAt(input, y, x, 1) + valueAt(input, y, x, 2)) / 3;
      assert.ok(Math.abs(valueAt(out, y, x, 0) - mean) < 1e-6);
    }
  }
});

test('a depthwise identity bank returns every channel unchanged', () => {
  const input = randomTensor([4, 6, 3], 8);
  const out = depthwiseConv2d(input, { kind: 'depthwiseConv2d', kernelSize: 3 }, { kernel: depthwiseFilterBank(['identity'], 3) }).output;
  for (let i = 0; i < input.data.length; i++) assert.ok(Math.abs(out.data[i] - input.data[i]) < 1e-6);
});

test('the vertical Sobel filter answers a vertical edge and ignores flat regions', () => {
  // a 5×6 grey image: dark on the left three columns, bright on the right three
  const values = Array.from({ length: 5 * 6 }, (_, i) => (i % 6 < 3 ? 0 : 1));
  const image = fromArray([5, 6, 1], values);
  const out = conv2d(image, { kind: 'conv2d', filters: 1, kernelSize: 3, padding: 'valid' }, { kernel: standardFilterBank(['sobelVertical'], 1) }).output;
  // valid output columns 0..3 are centred on input columns 1..4; the edge lies between columns 2 and 3
  assert.equal(valueAt(out, 1, 0, 0), 0);
  assert.equal(valueAt(out, 1, 1, 0), 4);
  assert.equal(valueAt(out, 1, 2, 0), 4);
  assert.equal(valueAt(out, 1, 3, 0), 0);
});

test('a depthwise bank with d kernels puts kernel q of channel c in output channel c·d + q', () => {
  const input = randomTensor([4, 4, 2], 9);
  const out = depthwiseConv2d(
    input,
    { kind: 'depthwiseConv2d', kernelSize: 3, depthMultiplier: 2 },
    { kernel: depthwiseFilterBank(['identity', 'boxBlur'], 2) },
  ).output;
  assert.equal(out.shape[2], 4);
  assert.ok(Math.abs(valueAt(out, 1, 1, 2) - valueAt(input, 1, 1, 1)) < 1e-6); // channel 1, identity
});

test('unknown kernels and empty banks are input errors that name the field', () => {
  assert.throws(
    () => photoKernel('emboss' as never),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'kernel',
  );
  assert.throws(
    () => standardFilterBank([], 3),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'names',
  );
  assert.throws(
    () => depthwiseFilterBank(['identity'], 0),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'channels',
  );
});

test('markWindow frames the K×K window and leaves the window itself untouched', async () => {
  const { markWindow } = await import('../../../src/lessons/conv-basics/feature-maps');
  const image = randomTensor([8, 8, 3], 40, 0, 1);
  const marked = markWindow(image, 4, 4, 3);
  // window rows/cols 3..5 unchanged; frame at rows/cols 2 and 6 green
  for (let y = 3; y <= 5; y++) for (let x = 3; x <= 5; x++) for (let c = 0; c < 3; c++) assert.equal(valueAt(marked, y, x, c), valueAt(image, y, x, c));
  assert.deepEqual(
    [0, 1, 2].map((c) => valueAt(marked, 2, 4, c)),
    [0, 1, 0],
  );
  assert.deepEqual(
    [0, 1, 2].map((c) => valueAt(marked, 4, 6, c)),
    [0, 1, 0],
  );
  assert.equal(valueAt(marked, 0, 0, 0), valueAt(image, 0, 0, 0));
  // a window at the corner: the frame is clipped, nothing throws
  assert.doesNotThrow(() => markWindow(image, 0, 0, 3));
  assert.throws(
    () => markWindow(randomTensor([4, 4, 1], 1), 1, 1, 3),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'image.shape[2]',
  );
});
