/**
 * Lesson 08's implementation checks: each accepts a correct function written
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
  lessonImplementations('08')
    .find((e) => e.id === id)!
    .bugs.map((b) => b.name);

type Map3 = number[][][];
type Conv = (m: Map3) => Map3;
interface BatchNorm {
  gamma: number[];
  beta: number[];
  mean: number[];
  variance: number[];
  epsilon: number;
}

// --- 08.impl1: the basic block ------------------------------------------------------------

interface BlockFlaws {
  noShortcut?: boolean;
  addAfterFinalRelu?: boolean;
  noFinalRelu?: boolean;
  noFirstRelu?: boolean;
  reluBeforeFirstBn?: boolean;
  bnAfterAdd?: boolean;
  swappedBn?: boolean;
  divideByVariance?: boolean;
}

/** A learner's basic block, written from Fig. 2; `flaws` switches one step to a typical mistake. */
function makeBlock(flaws: BlockFlaws = {}) {
  const relu = (m: Map3): Map3 => m.map((row) => row.map((px) => px.map((v) => Math.max(v, 0))));
  const bn =
    (b: BatchNorm) =>
    (m: Map3): Map3 =>
      m.map((row) =>
        row.map((px) =>
          px.map((v, c) => {
            const spread = flaws.divideByVariance ? b.variance[c] + b.epsilon : Math.sqrt(b.variance[c] + b.epsilon);
            return (b.gamma[c] * (v - b.mean[c])) / spread + b.beta[c];
          }),
        ),
      );
  const plus = (a: Map3, b: Map3): Map3 => a.map((row, y) => row.map((px, x) => px.map((v, c) => v + b[y][x][c])));
  return (x: Map3, conv1: Conv, bn1: BatchNorm, conv2: Conv, bn2: BatchNorm): Map3 => {
    const [first, second] = flaws.swappedBn ? [bn(bn2), bn(bn1)] : [bn(bn1), bn(bn2)];
    let h = conv1(x);
    if (flaws.reluBeforeFirstBn) h = first(relu(h));
    else if (flaws.noFirstRelu) h = first(h);
    else h = relu(first(h));
    h = conv2(h);
    if (flaws.bnAfterAdd) return relu(second(plus(h, x)));
    h = second(h);
    if (flaws.noShortcut) return relu(h);
    if (flaws.addAfterFinalRelu) return plus(relu(h), x);
    if (flaws.noFinalRelu) return plus(h, x);
    return relu(plus(h, x));
  };
}

const BLOCK_BUGS: Record<string, BlockFlaws> = {
  'shortcut missing': { noShortcut: true },
  'shortcut added after the final ReLU': { addAfterFinalRelu: true },
  'no ReLU after the add': { noFinalRelu: true },
  'ReLU missing after the first conv': { noFirstRelu: true },
  'ReLU before BN': { reluBeforeFirstBn: true },
  'BN after the addition': { bnAfterAdd: true },
  'batch norms swapped': { swappedBn: true },
  'BN divided by the variance': { divideByVariance: true },
};

test('08.impl1 accepts a basic block written from the paper, and the stub is "not answered yet"', () => {
  const verdict = implementationVerdict('08.impl1', makeBlock());
  assert.equal(verdict.status, 'correct', verdict.message);
  assert.equal(implementationVerdict('08.impl1', () => undefined).status, 'not-answered');
});

test('08.impl1 names each declared bug from a block that has it', () => {
  assert.deepEqual(Object.keys(BLOCK_BUGS).sort(), declared('08.impl1').sort());
  for (const [name, flaws] of Object.entries(BLOCK_BUGS)) assertMistake(implementationVerdict('08.impl1', makeBlock(flaws)), name);
});

test('08.impl1: a given conv called on a map of the wrong width is reported as a throw, with the conv named', () => {
  const verdict = implementationVerdict('08.impl1', (x: Map3, conv1: Conv) => conv1(x.map((row) => row.map((px) => [...px, 0]))));
  assert.equal(verdict.status, 'invalid');
  assert.match(verdict.message, /conv1: expected a map with 3 channels/);
});

test('08.impl1 cases cover odd and even sizes, a non-square map and several channel counts', () => {
  const cases = lessonImplementations('08')
    .find((e) => e.id === '08.impl1')!
    .cases() as unknown as { input: { shape: number[] } }[];
  const shapes = cases.map((c) => c.input.shape);
  assert.ok(shapes.some((s) => s[0] % 2 === 0) && shapes.some((s) => s[0] % 2 === 1));
  assert.ok(shapes.some((s) => s[0] !== s[1]));
  assert.ok(new Set(shapes.map((s) => s[2])).size >= 3);
});

// --- 08.impl2: the option-A shortcut ------------------------------------------------------

interface ShortcutFlaws {
  zerosFirst?: boolean;
  zerosSplit?: boolean;
  oddPixels?: boolean;
  average?: boolean;
  noSubsampling?: boolean;
  noPadding?: boolean;
}

/** A learner's option-A shortcut; `flaws` switches one step to a typical mistake. */
function makeShortcut(flaws: ShortcutFlaws = {}) {
  return (x: Map3, filters: number): Map3 => {
    const h = x.length;
    const w = x[0].length;
    const c = x[0][0].length;
    const step = flaws.noSubsampling ? 1 : 2;
    const start = flaws.oddPixels ? 1 : 0;
    const out: Map3 = [];
    for (let y = start; y < h; y += step) {
      const row: number[][] = [];
      for (let i = start; i < w; i += step) {
        let pixel = x[y][i];
        if (flaws.average) {
          pixel = pixel.map((_, k) => {
            let sum = 0;
            let n = 0;
            for (let dy = 0; dy < 2; dy++)
              for (let dx = 0; dx < 2; dx++)
                if (y + dy < h && i + dx < w) {
                  sum += x[y + dy][i + dx][k];
                  n++;
                }
            return sum / n;
          });
        }
        const extra = flaws.noPadding ? 0 : filters - c;
        const before = flaws.zerosFirst ? extra : flaws.zerosSplit ? Math.floor(extra / 2) : 0;
        row.push([...new Array(before).fill(0), ...pixel, ...new Array(extra - before).fill(0)]);
      }
      out.push(row);
    }
    return out;
  };
}

const SHORTCUT_BUGS: Record<string, ShortcutFlaws> = {
  'zero channels put first': { zerosFirst: true },
  'zero channels split on both sides': { zerosSplit: true },
  'odd pixels subsampled': { oddPixels: true },
  'averaged instead of subsampled': { average: true },
  'no subsampling': { noSubsampling: true },
  'channels not padded': { noPadding: true },
};

test('08.impl2 accepts x[::2, ::2] with zero channels appended, and the stub is "not answered yet"', () => {
  const verdict = implementationVerdict('08.impl2', makeShortcut());
  assert.equal(verdict.status, 'correct', verdict.message);
  assert.equal(implementationVerdict('08.impl2', () => undefined).status, 'not-answered');
});

test('08.impl2 names each declared bug from a shortcut that has it', () => {
  assert.deepEqual(Object.keys(SHORTCUT_BUGS).sort(), declared('08.impl2').sort());
  for (const [name, flaws] of Object.entries(SHORTCUT_BUGS)) assertMistake(implementationVerdict('08.impl2', makeShortcut(flaws)), name);
});

test('08.impl2 cases cover odd and even sizes, non-square maps and several channel counts', () => {
  const cases = lessonImplementations('08')
    .find((e) => e.id === '08.impl2')!
    .cases() as unknown as { input: { shape: number[] }; filters: number }[];
  const shapes = cases.map((c) => c.input.shape);
  assert.ok(shapes.some((s) => s[0] % 2 === 0) && shapes.some((s) => s[0] % 2 === 1));
  assert.ok(shapes.some((s) => s[0] !== s[1]));
  assert.ok(new Set(shapes.map((s) => s[2])).size >= 3);
  assert.ok(cases.every((c) => c.filters > c.input.shape[2]));
});
