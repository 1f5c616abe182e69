import { test } from 'node:test';
import assert from 'node:assert/strict';
import { windowPositions, windowPositionsChart } from '../../../src/lessons/conv-basics/window-positions';
import { windowOutputLength } from '../../../src/core/output-shape';
import { conv2d } from '../../../src/layers/reference/conv2d';
import { fromArray } from '../../../src/core/tensor';
import { ConvkitInputError } from '../../../src/core/errors';

test('the windows follow the output-size rule, and the formula with the paddings gives the same length', () => {
  for (const padding of ['same', 'valid'] as const) {
    for (const length of [5, 6, 7, 8, 9]) {
      for (const kernel of [1, 2, 3, 4, 5]) {
        for (const stride of [1, 2, 3]) {
          for (const dilation of stride === 1 ? [1, 2] : [1]) {
            if (padding === 'valid' && dilation * (kernel - 1) + 1 > length) continue;
            const p = windowPositions({ length, kernel, stride, dilation, padding });
            const label = JSON.stringify({ length, kernel, stride, dilation, padding });
            assert.equal(p.outputLength, windowOutputLength(length, kernel, stride, dilation, padding, 0), label);
            assert.equal(p.formulaLength, p.outputLength, label);
            assert.equal(p.taps.length, p.outputLength * kernel);
            // TF's 'same': the smaller half before, the odd zero after.
            assert.ok(p.padAfter - p.padBefore === 0 || p.padAfter - p.padBefore === 1, label);
            if (padding === 'valid') assert.equal(p.padBefore + p.padAfter, 0);
            // Every window lies inside the padded input, and the last one reaches into its last S columns.
            for (const t of p.taps) assert.ok(t.column >= -p.padBefore && t.column < length + p.padAfter, label);
            for (const t of p.taps) assert.equal(t.padded, t.column < 0 || t.column >= length);
          }
        }
      }
    }
  }
});

test('each window reads the columns the reference convolution reads: an impulse at column c reaches the outputs whose window holds c', () => {
  for (const [length, kernel, stride, padding] of [
    [8, 3, 2, 'same'],
    [7, 4, 1, 'same'],
    [9, 4, 2, 'valid'],
  ] as const) {
    const p = windowPositions({ length, kernel, stride, padding });
    for (let c = 0; c < length; c++) {
      const impulse = fromArray(
        [1, length, 1],
        Float32Array.from({ length }, (_, i) => (i === c ? 1 : 0)),
      );
      const out = conv2d(
        impulse,
        { kind: 'conv2d', filters: 1, kernelSize: [1, kernel], strides: [1, stride], padding },
        { kernel: new Float32Array(kernel).fill(1) },
      ).output;
      const reached = [...out.data].flatMap((v, o) => (v !== 0 ? [o] : []));
      const windows = [...new Set(p.taps.filter((t) => t.column === c).map((t) => t.output))];
      assert.deepEqual(reached, windows, `${length}, ${kernel}, ${stride}, ${padding}, column ${c}`);
    }
  }
});

test('TF puts the odd zero at the end: 8 pixels, 3×3, stride 2 has none before and one after', () => {
  const p = windowPositions({ length: 8, kernel: 3, stride: 2, padding: 'same' });
  assert.deepEqual([p.outputLength, p.padBefore, p.padAfter], [4, 0, 1]);
  assert.deepEqual(
    p.taps.filter((t) => t.output === 3).map((t) => [t.column, t.padded]),
    [
      [6, false],
      [7, false],
      [8, true],
    ],
  );
});

test('the chart has a cell per tap and every column of the padded input on its axis, in order', () => {
  const p = windowPositions({ length: 6, kernel: 4, stride: 1, padding: 'same' });
  const spec = windowPositionsChart(p) as unknown as { data: { values: Record<string, unknown>[] }; encoding: { x: { scale: { domain: string[] } } } };
  assert.equal(spec.data.values.length, p.taps.length);
  assert.deepEqual(spec.encoding.x.scale.domain, ['pad −1', '0', '1', '2', '3', '4', '5', 'pad 6', 'pad 7']);
  assert.throws(() => windowPositions({ length: 6, kernel: 3, padding: 'full' as 'same' }), ConvkitInputError);
  assert.throws(() => windowPositions({ length: 2, kernel: 3, padding: 'valid' }), ConvkitInputError);
});
