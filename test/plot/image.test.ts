import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { imageBundle, imageGridBundle } from '../../src/plot/image';
import { MIME } from '../../src/plot/mime-bundle';

const ramp = (offset: number) => Array.from({ length: 9 }, (_, i) => i + offset);

test('an image bundle has a PNG and a line naming its size and value range', () => {
  const bundle = imageBundle(ramp(-4), [3, 3], { scale: 2, caption: 'vertical edge filter', colormap: 'diverging' });
  const png = PNG.sync.read(Buffer.from(bundle[MIME.png] ?? '', 'base64'));
  assert.equal(png.width, 6);
  assert.equal(bundle[MIME.plain], 'vertical edge filter: image 3×3 (diverging, values -4 to 4)');
});

test('a grid composes tiles row by row with white gaps and escapes labels in its HTML', () => {
  const images = [0, 1, 2, 3, 4].map((channel) => ({ data: ramp(channel), shape: [3, 3], label: `channel ${channel} <b>` }));
  const bundle = imageGridBundle(images, { columns: 3, scale: 2, gapPixels: 1 });
  const png = PNG.sync.read(Buffer.from(bundle[MIME.png] ?? '', 'base64'));
  assert.equal(png.width, 3 * 6 + 2 * 1);
  assert.equal(png.height, 2 * 6 + 1);
  const gapPixel = (6 * png.width + 0) * 4; // row 6 is the gap between tile rows
  assert.deepEqual([...png.data.subarray(gapPixel, gapPixel + 4)], [255, 255, 255, 255]);
  const html = bundle[MIME.html] ?? '';
  assert.equal((html.match(/<figure class="convkit-tile">/g) ?? []).length, 5);
  assert.match(html, /<figcaption>channel 4 &lt;b&gt;<\/figcaption>/);
  assert.ok(!html.includes('<b>'));
  assert.equal(bundle[MIME.plain], 'grid of 5 images (3×3 first), 3 per row');
});

test('a shared range makes a brighter map look brighter than a dimmer one', () => {
  const bright = { data: Array(4).fill(10), shape: [2, 2] };
  const dim = { data: Array(4).fill(1), shape: [2, 2] };
  const png = PNG.sync.read(Buffer.from(imageGridBundle([dim, bright], { sharedRange: true, gapPixels: 0 })[MIME.png] ?? '', 'base64'));
  assert.equal(png.data[0], 0, 'dim tile at the bottom of the shared range');
  assert.equal(png.data[2 * 4], 255, 'bright tile at the top');
});

test('an empty grid is an input error', () => {
  assert.throws(() => imageGridBundle([]), /images = \[\]: must be a non-empty array/);
});
