import { test } from 'node:test';
import assert from 'node:assert/strict';
import { implementationVerdict } from '../../../src/exercises/implementation';

// Depthwise convolutions written the way a learner would, one correct and one per declared bug.
type Map3 = number[][][];
type Options = {
  pick?: (c: number) => number; // which input channel output c reads
  filter?: (c: number) => number; // whose filter channel c uses
  sum?: boolean; // sum over channels like a standard conv (one output channel)
  flip?: boolean;
  padTopLeft?: boolean;
  sizeRule?: (n: number, k: number, s: number, padding: string) => number;
};

function makeDepthwise(o: Options = {}) {
  return (input: Map3, kernel: Map3, stride: number, padding: 'same' | 'valid'): Map3 => {
    const H = input.length;
    const W = input[0].length;
    const C = input[0][0].length;
    const K = kernel.length;
    const size = o.sizeRule ?? ((n: number, k: number, s: number, p: string) => (p === 'same' ? Math.ceil(n / s) : Math.floor((n - k) / s) + 1));
    const Hout = size(H, K, stride, padding);
    const Wout = size(W, K, stride, padding);
    const total = (n: number, out: number) => (padding === 'same' ? Math.max((out - 1) * stride + K - n, 0) : 0);
    const th = total(H, Math.ceil(H / stride));
    const tw = total(W, Math.ceil(W / stride));
    const top = o.padTopLeft ? Math.ceil(th / 2) : Math.floor(th / 2);
    const left = o.padTopLeft ? Math.ceil(tw / 2) : Math.floor(tw / 2);
    const out: Map3 = [];
    for (let y = 0; y < Hout; y++) {
      out.push([]);
      for (let x = 0; x < Wout; x++) {
        const pixel: number[] = [];
        for (let c = 0; c < (o.sum ? 1 : C); c++) {
          let s = 0;
          for (const cc of o.sum ? [...Array(C).keys()] : [c]) {
            for (let i = 0; i < K; i++) {
              for (let j = 0; j < K; j++) {
                const iy = y * stride - top + i;
                const ix = x * stride - left + j;
                if (iy < 0 || iy >= H || ix < 0 || ix >= W) continue;
                const ki = o.flip ? K - 1 - i : i;
                const kj = o.flip ? K - 1 - j : j;
                s += input[iy][ix][o.pick ? o.pick(cc) : cc] * kernel[ki][kj][o.filter ? o.filter(cc) : cc];
              }
            }
          }
          pixel.push(s);
        }
        out[y].push(pixel);
      }
    }
    return out;
  };
}

const mistakeOf = (fn: unknown) => {
  const v = implementationVerdict('02.impl1', fn);
  return v.status === 'mistake' ? v.mistake : `${v.status}: ${v.message}`;
};

test('02.impl1 accepts a correct depthwise convolution and calls the stub "not answered yet"', () => {
  const v = implementationVerdict('02.impl1', makeDepthwise());
  assert.equal(v.status, 'correct', v.message);
  assert.equal(implementationVerdict('02.impl1', () => undefined).status, 'not-answered');
});

test('02.impl1 diagnoses every declared bug from a buggy implementation', () => {
  assert.equal(mistakeOf(makeDepthwise({ sum: true })), 'summed over channels');
  // a sum over channels written into every output channel
  const everyChannel = (input: Map3, kernel: Map3, s: number, p: 'same' | 'valid') =>
    makeDepthwise({ sum: true })(input, kernel, s, p).map((row) => row.map((px) => input[0][0].map(() => px[0])));
  assert.equal(mistakeOf(everyChannel), 'summed over channels');
  assert.equal(mistakeOf(makeDepthwise({ filter: () => 0 })), 'one channel only');
  assert.equal(mistakeOf(makeDepthwise({ pick: (c) => (c === 0 ? 1 : c) })), 'channels mixed');
  assert.equal(mistakeOf(makeDepthwise({ sizeRule: (n, k, s, p) => (p === 'same' ? Math.floor(n / s) : Math.floor((n - k) / s)) })), 'wrong output size');
  assert.equal(mistakeOf(makeDepthwise({ padTopLeft: true })), 'padding on the wrong side');
  assert.equal(mistakeOf(makeDepthwise({ flip: true })), 'kernel flipped');
});
