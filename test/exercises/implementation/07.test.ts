/**
 * Lesson 07's implementation check: it accepts a transition layer written
 * here on plain nested arrays (not the kit's code), also in the order that
 * pools before the 1×1 conv (the same numbers), and names every bug it
 * declares when given a function with exactly that bug.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { implementationVerdict, lessonImplementations } from '../../../src/exercises/implementation';
import type { Verdict } from '../../../src/exercises/exercise';

type Map3 = number[][][];

interface BatchNorm {
  gamma: number[];
  beta: number[];
  mean: number[];
  variance: number[];
  epsilon: number;
}

function assertMistake(verdict: Verdict, name: string): void {
  assert.equal(verdict.status, 'mistake', verdict.message);
  assert.ok(verdict.status === 'mistake' && verdict.mistake === name, `expected "${name}": ${verdict.message}`);
}

interface Flaws {
  max?: boolean;
  roundUp?: boolean;
  stride1?: boolean;
  /** 'conv' pools right after the BN-ReLU, before the 1×1 conv: the same result. */
  poolAt?: 'end' | 'conv' | 'relu';
  noRelu?: boolean;
  reluFirst?: boolean;
  noBn?: boolean;
}

function makeTransition(flaws: Flaws = {}) {
  return (input: Map3, bn: BatchNorm, kernel: number[][]): Map3 => {
    const norm = (x: Map3) =>
      flaws.noBn
        ? x
        : x.map((row) => row.map((px) => px.map((v, c) => (bn.gamma[c] * (v - bn.mean[c])) / Math.sqrt(bn.variance[c] + bn.epsilon) + bn.beta[c])));
    const relu = (x: Map3) => (flaws.noRelu ? x : x.map((row) => row.map((px) => px.map((v) => Math.max(v, 0)))));
    const conv = (x: Map3) => x.map((row) => row.map((px) => kernel[0].map((_, m) => px.reduce((s, v, c) => s + v * kernel[c][m], 0))));
    const pool = (x: Map3): Map3 => {
      const [h, w] = [x.length, x[0].length];
      const s = flaws.stride1 ? 1 : 2;
      const oh = flaws.stride1 ? h - 1 : flaws.roundUp ? Math.ceil(h / 2) : Math.floor(h / 2);
      const ow = flaws.stride1 ? w - 1 : flaws.roundUp ? Math.ceil(w / 2) : Math.floor(w / 2);
      return Array.from({ length: oh }, (_, y) =>
        Array.from({ length: ow }, (_, xx) =>
          x[0][0].map((_, c) => {
            const values: number[] = [];
            for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) if (y * s + i < h && xx * s + j < w) values.push(x[y * s + i][xx * s + j][c]);
            return flaws.max ? Math.max(...values) : values.reduce((a, b) => a + b, 0) / values.length;
          }),
        ),
      );
    };
    const at = flaws.poolAt ?? 'end';
    const activated = flaws.reluFirst ? norm(relu(input)) : at === 'relu' ? relu(pool(norm(input))) : relu(norm(input));
    if (at === 'conv') return conv(pool(activated));
    if (at === 'relu') return conv(activated);
    return pool(conv(activated));
  };
}

const BUGS: Record<string, Flaws> = {
  'max pooling': { max: true },
  'odd size rounded up': { roundUp: true },
  'pool stride 1': { stride1: true },
  'pooled before the ReLU': { poolAt: 'relu' },
  'forgot the ReLU': { noRelu: true },
  'ReLU before BN': { reluFirst: true },
  'forgot the BN': { noBn: true },
};

test('07.impl1 accepts a transition layer written from the paper, and the stub is "not answered yet"', () => {
  const verdict = implementationVerdict('07.impl1', makeTransition());
  assert.equal(verdict.status, 'correct', verdict.message);
  assert.equal(implementationVerdict('07.impl1', () => undefined).status, 'not-answered');
});

test('07.impl1 accepts pooling before the 1×1 conv: both are linear, so the order does not change the numbers', () => {
  const verdict = implementationVerdict('07.impl1', makeTransition({ poolAt: 'conv' }));
  assert.equal(verdict.status, 'correct', verdict.message);
});

test('07.impl1 names each declared bug from a transition that has it', () => {
  const declared = lessonImplementations('07')
    .find((e) => e.id === '07.impl1')!
    .bugs.map((b) => b.name);
  assert.deepEqual(Object.keys(BUGS).sort(), declared.sort());
  for (const [name, flaws] of Object.entries(BUGS)) assertMistake(implementationVerdict('07.impl1', makeTransition(flaws)), name);
});

test('07.impl1 cases cover odd and even heights and widths and several θ', () => {
  const cases = lessonImplementations('07')
    .find((e) => e.id === '07.impl1')!
    .cases() as unknown as { input: { shape: number[] }; filters: number }[];
  assert.ok(cases.some((c) => c.input.shape[0] % 2 === 1) && cases.some((c) => c.input.shape[1] % 2 === 1));
  assert.ok(cases.some((c) => c.input.shape[0] % 2 === 0 && c.input.shape[1] % 2 === 0));
  assert.ok(new Set(cases.map((c) => c.filters / c.input.shape[2])).size >= 3);
});
