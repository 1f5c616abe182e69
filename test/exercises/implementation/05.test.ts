/**
 * Lesson 05's implementation checks: each accepts a correct function written
 * here on plain nested arrays (not the kit's code), and names every bug it
 * declares when given a function with exactly that bug.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { implementationVerdict, lessonImplementations } from '../../../src/exercises/implementation';
import type { Verdict } from '../../../src/exercises/exercise';

function assertMistake(verdict: Verdict, name: string): void {
  assert.equal(verdict.status, 'mistake', verdict.message);
  assert.ok(verdict.status === 'mistake' && verdict.mistake === name, `expected "${name}": ${verdict.message}`);
}

const declared = (id: string): string[] =>
  lessonImplementations('05')
    .find((e) => e.id === id)!
    .bugs.map((b) => b.name);

// --- 05.impl1: h-swish ---------------------------------------------------------------

const clip6 = (v: number) => Math.min(Math.max(v, 0), 6);
const hardSwish = (x: number[]) => x.map((v) => (v * clip6(v + 3)) / 6);

const HARD_SWISH_BUGS: Record<string, (x: number[]) => number[]> = {
  'sigmoid instead of hard sigmoid': (x) => x.map((v) => v / (1 + Math.exp(-v))),
  'forgot the /6': (x) => x.map((v) => v * clip6(v + 3)),
  'ReLU6 without the +3': (x) => x.map((v) => (v * clip6(v)) / 6),
  'returned the hard sigmoid': (x) => x.map((v) => clip6(v + 3) / 6),
};

test('05.impl1 accepts h-swish and is "not answered yet" for the stub', () => {
  assert.equal(implementationVerdict('05.impl1', hardSwish).status, 'correct');
  assert.equal(implementationVerdict('05.impl1', () => undefined).status, 'not-answered');
});

test('05.impl1 names each declared bug from a function that has it', () => {
  assert.deepEqual(Object.keys(HARD_SWISH_BUGS).sort(), declared('05.impl1').sort());
  for (const [name, buggy] of Object.entries(HARD_SWISH_BUGS)) assertMistake(implementationVerdict('05.impl1', buggy), name);
});

test('05.impl1: a gate that is right except exactly at the kink x = 3 is not accepted', () => {
  const offAtKink = (x: number[]) => x.map((v) => (v === 3 ? 2.9 : (v * clip6(v + 3)) / 6));
  assert.equal(implementationVerdict('05.impl1', offAtKink).status, 'incorrect');
});

// --- 05.impl2: inverted residual ------------------------------------------------------------

type Map3 = number[][][];
interface Flaws {
  residual?: 'rule' | 'never' | 'always';
  reluAfterProjection?: boolean;
  reluAfterAdd?: boolean;
  act?: (v: number) => number;
  padTopLeft?: boolean;
}

/** A learner's inverted residual block, written from the paper; `flaws` switches one step to a typical mistake. */
function makeBlock(flaws: Flaws = {}) {
  const act = flaws.act ?? clip6;
  return (input: Map3, expand: number[][], depthwise: Map3, project: number[][], stride: number): Map3 => {
    const h = input.length;
    const w = input[0].length;
    const c = input[0][0].length;
    const e = expand[0].length;
    const m = project[0].length;
    const expanded = input.map((row) => row.map((px) => Array.from({ length: e }, (_, j) => act(px.reduce((s, v, k) => s + v * expand[k][j], 0)))));
    const oh = Math.ceil(h / stride);
    const ow = Math.ceil(w / stride);
    const padH = Math.max((oh - 1) * stride + 3 - h, 0);
    const padW = Math.max((ow - 1) * stride + 3 - w, 0);
    const top = flaws.padTopLeft ? Math.ceil(padH / 2) : Math.floor(padH / 2);
    const left = flaws.padTopLeft ? Math.ceil(padW / 2) : Math.floor(padW / 2);
    const out: Map3 = [];
    for (let y = 0; y < oh; y++) {
      out.push([]);
      for (let x = 0; x < ow; x++) {
        const dw = Array.from({ length: e }, (_, j) => {
          let s = 0;
          for (let i = 0; i < 3; i++) {
            for (let k = 0; k < 3; k++) {
              const iy = y * stride + i - top;
              const ix = x * stride + k - left;
              if (iy >= 0 && iy < h && ix >= 0 && ix < w) s += expanded[iy][ix][j] * depthwise[i][k][j];
            }
          }
          return act(s);
        });
        const pixel = Array.from({ length: m }, (_, q) => {
          let v = dw.reduce((s, d, j) => s + d * project[j][q], 0);
          if (flaws.reluAfterProjection) v = clip6(v);
          const rule = stride === 1 && c === m;
          const residual = flaws.residual ?? 'rule';
          if ((residual === 'rule' && rule) || residual === 'always') v += input[y][x][q];
          return flaws.reluAfterAdd ? clip6(v) : v;
        });
        out[y].push(pixel);
      }
    }
    return out;
  };
}

const BLOCK_BUGS: Record<string, Flaws> = {
  'residual missing': { residual: 'never' },
  'residual added across a shape change': { residual: 'always' },
  'ReLU6 after the projection': { reluAfterProjection: true },
  'ReLU6 after the add': { reluAfterAdd: true },
  'ReLU instead of ReLU6': { act: (v) => Math.max(v, 0) },
  'padding on the wrong side': { padTopLeft: true },
};

test('05.impl2 accepts an inverted residual block written from the paper, and the stub is "not answered yet"', () => {
  const verdict = implementationVerdict('05.impl2', makeBlock());
  assert.equal(verdict.status, 'correct', verdict.message);
  assert.equal(implementationVerdict('05.impl2', () => undefined).status, 'not-answered');
});

test('05.impl2 names each declared bug from a block that has it', () => {
  assert.deepEqual(Object.keys(BLOCK_BUGS).sort(), declared('05.impl2').sort());
  for (const [name, flaws] of Object.entries(BLOCK_BUGS)) assertMistake(implementationVerdict('05.impl2', makeBlock(flaws)), name);
});

test('05.impl2 cases cover stride 1 and 2, odd and even sizes, residual and not, channels up and down', () => {
  const cases = lessonImplementations('05')
    .find((e) => e.id === '05.impl2')!
    .cases() as unknown as {
    input: { shape: number[] };
    filters: number;
    stride: number;
  }[];
  assert.ok(cases.some((c) => c.stride === 2 && c.input.shape[0] % 2 === 0) && cases.some((c) => c.stride === 2 && c.input.shape[0] % 2 === 1));
  assert.ok(cases.some((c) => c.stride === 1 && c.input.shape[2] === c.filters));
  assert.ok(cases.some((c) => c.input.shape[2] > c.filters) && cases.some((c) => c.input.shape[2] < c.filters));
});
