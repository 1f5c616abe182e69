import { test } from 'node:test';
import assert from 'node:assert/strict';
import { implementationVerdict } from '../../../src/exercises/implementation';

// Pointwise convolutions as a matrix product, one correct and one per declared bug.
type Options = { transpose?: boolean; noBias?: boolean; inputChannels?: boolean; columnOrder?: boolean; swapXY?: boolean };

function makePointwise(o: Options = {}) {
  return (input: number[][][], weights: number[][], bias: number[]): number[][][] => {
    const H = input.length;
    const W = input[0].length;
    const C = input[0][0].length;
    const M = o.inputChannels ? C : weights[0].length;
    // X: one row per pixel
    const X: number[][] = [];
    if (o.columnOrder) for (let x = 0; x < W; x++) for (let y = 0; y < H; y++) X.push(input[y][x]);
    else for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) X.push(input[y][x]);
    const Y = X.map((row) =>
      Array.from({ length: M }, (_, m) => {
        let s = o.noBias ? 0 : (bias[m] ?? 0);
        for (let c = 0; c < C; c++) s += row[c] * ((o.transpose ? weights[m][c] : weights[c][m]) ?? 0);
        return s;
      }),
    );
    if (o.swapXY) return Array.from({ length: W }, (_, x) => Array.from({ length: H }, (_, y) => Y[y * W + x]));
    return Array.from({ length: H }, (_, y) => Array.from({ length: W }, (_, x) => Y[y * W + x]));
  };
}

const mistakeOf = (fn: unknown) => {
  const v = implementationVerdict('03.impl1', fn);
  return v.status === 'mistake' ? v.mistake : `${v.status}: ${v.message}`;
};

test('03.impl1 accepts a correct matrix-product pointwise convolution', () => {
  const v = implementationVerdict('03.impl1', makePointwise());
  assert.equal(v.status, 'correct', v.message);
  assert.equal(implementationVerdict('03.impl1', () => undefined).status, 'not-answered');
});

test('03.impl1 diagnoses every declared bug from a buggy implementation', () => {
  assert.equal(mistakeOf(makePointwise({ transpose: true })), 'weights transposed');
  assert.equal(mistakeOf(makePointwise({ noBias: true })), 'forgot the bias');
  assert.equal(mistakeOf(makePointwise({ inputChannels: true })), "output has the input's channel count");
  assert.equal(mistakeOf(makePointwise({ columnOrder: true })), 'x and y swapped in the reshape');
  assert.equal(mistakeOf(makePointwise({ swapXY: true })), 'x and y swapped in the reshape');
});
