/**
 * Lesson 06's implementation checks: each accepts a correct function written
 * here on plain nested arrays (not the kit's code), and names every bug it
 * declares when given a function with exactly that bug.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { implementationVerdict, lessonImplementations } from '../../../src/exercises/implementation';
import type { Verdict } from '../../../src/exercises/exercise';

type Map3 = number[][][];
type Layer = (input: Map3, l: number) => Map3;

function assertMistake(verdict: Verdict, name: string): void {
  assert.equal(verdict.status, 'mistake', verdict.message);
  assert.ok(verdict.status === 'mistake' && verdict.mistake === name, `expected "${name}": ${verdict.message}`);
}

const declared = (id: string): string[] =>
  lessonImplementations('06')
    .find((e) => e.id === id)!
    .bugs.map((b) => b.name);

/** [a, b, …] along the channel axis, pixel by pixel. */
const concat = (maps: Map3[]): Map3 => maps[0].map((row, y) => row.map((_, x) => maps.flatMap((m) => m[y][x])));

// --- 06.impl1: the dense block ---------------------------------------------------------

interface BlockFlaws {
  newFirst?: boolean;
  output?: 'all' | 'last' | 'without input';
  previousOnly?: boolean;
  fromZero?: boolean;
  short?: boolean;
}

function makeBlock(flaws: BlockFlaws = {}) {
  return (x0: Map3, layers: number, layer: Layer): Map3 => {
    let features: Map3[] = [x0];
    const last = flaws.short ? layers - 1 : layers;
    for (let l = 1; l <= last; l++) {
      const input = flaws.previousOnly ? features[features.length - 1] : concat(features);
      const fresh = layer(input, flaws.fromZero ? l - 1 : l);
      features = flaws.newFirst ? [fresh, ...features] : [...features, fresh];
    }
    if (flaws.output === 'last') return flaws.newFirst ? features[0] : features[features.length - 1];
    if (flaws.output === 'without input') return concat(features.filter((f) => f !== x0));
    return concat(features);
  };
}

const BLOCK_BUGS: Record<string, BlockFlaws> = {
  'new features first': { newFirst: true },
  'returned only the last layer': { output: 'last' },
  'forgot x_0 in the output': { output: 'without input' },
  'each layer reads only the previous output': { previousOnly: true },
  'layers numbered from 0': { fromZero: true },
  'one layer short': { short: true },
};

test('06.impl1 accepts a dense block written from eq. 2, and the stub is "not answered yet"', () => {
  const verdict = implementationVerdict('06.impl1', makeBlock());
  assert.equal(verdict.status, 'correct', verdict.message);
  assert.equal(implementationVerdict('06.impl1', () => undefined).status, 'not-answered');
});

test('06.impl1 names each declared bug from a block that has it', () => {
  assert.deepEqual(Object.keys(BLOCK_BUGS).sort(), declared('06.impl1').sort());
  for (const [name, flaws] of Object.entries(BLOCK_BUGS)) assertMistake(implementationVerdict('06.impl1', makeBlock(flaws)), name);
});

test('06.impl1: a call of the layer with a wrong-sized map is reported in words, not as a crash', () => {
  const cropped = (x0: Map3, _layers: number, layer: Layer) => layer(x0.slice(1), 1);
  const verdict = implementationVerdict('06.impl1', cropped);
  assert.equal(verdict.status, 'invalid');
  assert.match(verdict.message, /keeps the block input/);
  const beyond = (x0: Map3, layers: number, layer: Layer) => layer(x0, layers + 1);
  assert.match(implementationVerdict('06.impl1', beyond).message, /l must be a whole number from 1 to/);
});

// --- 06.impl2: one dense layer --------------------------------------------------------

interface BatchNorm {
  gamma: number[];
  beta: number[];
  mean: number[];
  variance: number[];
  epsilon: number;
}

interface LayerFlaws {
  order?: 'bn relu conv' | 'relu bn conv' | 'bn conv relu' | 'relu conv';
  divideByVariance?: boolean;
  noEpsilon?: boolean;
  valid?: boolean;
}

function makeLayer(flaws: LayerFlaws = {}) {
  return (input: Map3, bn: BatchNorm, kernel: number[][][][]): Map3 => {
    const norm = (x: Map3) =>
      x.map((row) =>
        row.map((px) =>
          px.map((v, c) => {
            const spread = flaws.divideByVariance ? bn.variance[c] : Math.sqrt(bn.variance[c] + (flaws.noEpsilon ? 0 : bn.epsilon));
            return (bn.gamma[c] * (v - bn.mean[c])) / spread + bn.beta[c];
          }),
        ),
      );
    const relu = (x: Map3) => x.map((row) => row.map((px) => px.map((v) => Math.max(v, 0))));
    const conv = (x: Map3): Map3 => {
      const [h, w] = [x.length, x[0].length];
      const k = kernel[0][0][0].length;
      const pad = flaws.valid ? 0 : 1;
      const out: Map3 = [];
      for (let y = 0; y < h + 2 * pad - 2; y++) {
        out.push([]);
        for (let xx = 0; xx < w + 2 * pad - 2; xx++) {
          const pixel = new Array(k).fill(0);
          for (let i = 0; i < 3; i++)
            for (let j = 0; j < 3; j++) {
              const iy = y + i - pad;
              const ix = xx + j - pad;
              if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
              x[iy][ix].forEach((v, c) => {
                for (let m = 0; m < k; m++) pixel[m] += v * kernel[i][j][c][m];
              });
            }
          out[y].push(pixel);
        }
      }
      return out;
    };
    switch (flaws.order ?? 'bn relu conv') {
      case 'relu bn conv':
        return conv(norm(relu(input)));
      case 'bn conv relu':
        return relu(conv(norm(input)));
      case 'relu conv':
        return conv(relu(input));
      default:
        return conv(relu(norm(input)));
    }
  };
}

const LAYER_BUGS: Record<string, LayerFlaws> = {
  'ReLU before BN': { order: 'relu bn conv' },
  'ReLU after the conv': { order: 'bn conv relu' },
  'forgot the BN': { order: 'relu conv' },
  'divided by the variance': { divideByVariance: true },
  'forgot ε': { noEpsilon: true },
  "'valid' instead of 'same'": { valid: true },
};

test('06.impl2 accepts BN → ReLU → 3×3 conv written from the paper, and the stub is "not answered yet"', () => {
  const verdict = implementationVerdict('06.impl2', makeLayer());
  assert.equal(verdict.status, 'correct', verdict.message);
  assert.equal(implementationVerdict('06.impl2', () => undefined).status, 'not-answered');
});

test('06.impl2 names each declared bug from a layer that has it', () => {
  assert.deepEqual(Object.keys(LAYER_BUGS).sort(), declared('06.impl2').sort());
  for (const [name, flaws] of Object.entries(LAYER_BUGS)) assertMistake(implementationVerdict('06.impl2', makeLayer(flaws)), name);
});

test('06.impl1 and 06.impl2 cases cover odd and even sizes, non-square maps and several channel counts', () => {
  for (const id of ['06.impl1', '06.impl2']) {
    const cases = lessonImplementations('06')
      .find((e) => e.id === id)!
      .cases() as unknown as { input: { shape: number[] } }[];
    assert.ok(cases.length >= 3);
    assert.ok(cases.some((c) => c.input.shape[0] % 2 === 1) && cases.some((c) => c.input.shape[0] % 2 === 0));
    assert.ok(cases.some((c) => c.input.shape[0] !== c.input.shape[1]));
    assert.ok(new Set(cases.map((c) => c.input.shape[2])).size >= 3);
  }
});
