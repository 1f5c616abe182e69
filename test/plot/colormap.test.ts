import { test } from 'node:test';
import assert from 'node:assert/strict';
import { colormapRgb, COLORMAP_NAMES, requireColormap } from '../../src/plot/colormap';

test('each colour map runs from its first anchor to its last and clamps outside [0, 1]', () => {
  assert.deepEqual(colormapRgb('gray', 0), [0, 0, 0]);
  assert.deepEqual(colormapRgb('gray', 1), [255, 255, 255]);
  assert.deepEqual(colormapRgb('gray', 0.5), [128, 128, 128]);
  assert.deepEqual(colormapRgb('viridis', 0), [0x44, 0x01, 0x54]);
  assert.deepEqual(colormapRgb('viridis', 2), [0xfd, 0xe7, 0x25]);
  assert.deepEqual(colormapRgb('diverging', 0.5), [0xf7, 0xf7, 0xf7]);
  assert.deepEqual(colormapRgb('diverging', -1), [0x21, 0x66, 0xac]);
});

test('gray and viridis get lighter as the value grows', () => {
  for (const name of ['gray', 'viridis'] as const) {
    let previous = -1;
    for (let t = 0; t <= 1.0001; t += 0.05) {
      const [r, g, b] = colormapRgb(name, t);
      const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      assert.ok(luminance >= previous - 1e-9, `${name} at ${t.toFixed(2)}`);
      previous = luminance;
    }
  }
});

test('an unknown colour map is an input error listing the known ones', () => {
  assert.deepEqual([...COLORMAP_NAMES], ['gray', 'viridis', 'diverging']);
  assert.throws(() => requireColormap('colormap', 'jet'), /colormap = "jet": must be one of gray, viridis, diverging/);
});
