/**
 * Lesson 04's implementation exercises accept a correct function written
 * here, and name every bug they declare from a deliberately buggy function
 * written here too (nested arrays, the way a learner writes them).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkImplementationExercise, type ImplementationExercise } from '../../../src/exercises/implementation/exercise';
import { implementationVerdict } from '../../../src/exercises/implementation';
import { implementations } from '../../../src/exercises/implementation/lessons/04-depthwise-separable-mobilenet-v1';
import type { SeparableCase } from '../../../src/exercises/implementation/lessons/04-depthwise-separable-mobilenet-v1';
import { layerCost } from '../../../src/cost/layer-cost';

type Map3 = number[][][];
type Padding = 'same' | 'valid';

const exercise = (id: string): ImplementationExercise => {
  const found = implementations.find((e) => e.id === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
};

// --- A learner's two steps, as the notebook writes them -------------------------------------------

const outSize = (n: number, k: number, stride: number, padding: Padding): number =>
  padding === 'same' ? Math.ceil(n / stride) : Math.floor((n - k) / stride) + 1;
const padBefore = (n: number, k: number, stride: number, padding: Padding): number =>
  padding === 'same' ? Math.floor(Math.max((outSize(n, k, stride, padding) - 1) * stride + k - n, 0) / 2) : 0;

/** One K×K filter per channel, kernel[i][j][c]; TF's 'same' (odd pixel bottom/right). */
function depthwise(input: Map3, kernel: number[][][], stride: number, padding: Padding): Map3 {
  const [h, w, c, k] = [input.length, input[0].length, input[0][0].length, kernel.length];
  const top = padBefore(h, k, stride, padding);
  const left = padBefore(w, k, stride, padding);
  return Array.from({ length: outSize(h, k, stride, padding) }, (_, oy) =>
    Array.from({ length: outSize(w, k, stride, padding) }, (_, ox) =>
      Array.from({ length: c }, (_, ch) => {
        let sum = 0;
        for (let i = 0; i < k; i++) {
          for (let j = 0; j < k; j++) {
            const y = oy * stride + i - top;
            const x = ox * stride + j - left;
            if (y >= 0 && y < h && x >= 0 && x < w) sum += kernel[i][j][ch] * input[y][x][ch];
          }
        }
        return sum;
      }),
    ),
  );
}

/** At every pixel, out[n] = Σ_m in[m]·P[m][n] over the map's own channels. */
const pointwise = (input: Map3, kernel: number[][], stride = 1): Map3 =>
  input
    .filter((_, y) => y % stride === 0)
    .map((row) => row.filter((_, x) => x % stride === 0).map((px) => kernel[0].map((_, n) => px.reduce((sum, v, m) => sum + v * kernel[m][n], 0))));

const slice = (kernel: number[][][][], q: number): number[][][] => kernel.map((row) => row.map((tap) => tap.map((filters) => filters[q])));

/** The d filtered copies, channel c·d + q (interleaved) or q·C + c (blocked). */
function depthwiseWithMultiplier(
  input: Map3,
  kernel: number[][][][],
  stride: number,
  padding: Padding,
  order: 'interleaved' | 'blocked' = 'interleaved',
): Map3 {
  const d = kernel[0][0][0].length;
  const copies = Array.from({ length: d }, (_, q) => depthwise(input, slice(kernel, q), stride, padding));
  return copies[0].map((row, y) =>
    row.map((px, x) => (order === 'interleaved' ? px.flatMap((_, c) => copies.map((copy) => copy[y][x][c])) : copies.flatMap((copy) => copy[y][x]))),
  );
}

const separable = (input: Map3, dw: number[][][][], pw: number[][], stride: number, padding: Padding): Map3 =>
  pointwise(depthwiseWithMultiplier(input, dw, stride, padding), pw);

// --- 04.impl1 ------------------------------------------------------------------------------------

const verdict1 = (fn: unknown) => checkImplementationExercise(exercise('04.impl1'), fn);

function assertMistake(result: ReturnType<typeof verdict1>, name: string): void {
  assert.equal(result.status, 'mistake', `${name}: ${result.message}`);
  assert.equal(result.status === 'mistake' && result.mistake, name, result.message);
}

test('04.impl1 accepts the composition, depthwise (d filters per channel, interleaved) then pointwise; the stub is not answered yet', () => {
  const result = verdict1(separable);
  assert.equal(result.status, 'correct', result.message);
  assert.match(result.message, /all 6 cases/);
  assert.equal(verdict1(() => undefined).status, 'not-answered');
  assert.equal(implementationVerdict('04.impl1', separable).status, 'correct');
});

test('04.impl1 cases: odd and even sizes, stride 1 and 2, same and valid, d = 1, 2, 3, C = M and C ≠ M', () => {
  const cases = exercise('04.impl1').cases() as unknown as SeparableCase[];
  assert.ok(cases.some((c) => c.input.shape[0] % 2 === 1) && cases.some((c) => c.input.shape[0] % 2 === 0));
  assert.deepEqual([...new Set(cases.map((c) => c.stride))].sort(), [1, 2]);
  assert.deepEqual([...new Set(cases.map((c) => c.padding))].sort(), ['same', 'valid']);
  assert.deepEqual([...new Set(cases.map((c) => c.depthMultiplier))].sort(), [1, 2, 3]);
  assert.ok(cases.some((c) => c.filters === c.input.shape[2] && c.depthMultiplier === 1));
  // Seeded: the same numbers on every call.
  assert.deepEqual(exercise('04.impl1').cases(), exercise('04.impl1').cases());
});

test('04.impl1 diagnoses the steps run the wrong way round', () => {
  const swapped = (input: Map3, dw: number[][][][], pw: number[][], stride: number, padding: Padding): Map3 =>
    depthwise(pointwise(input, pw), slice(dw, 0), stride, padding);
  assertMistake(verdict1(swapped), 'steps swapped');
});

test('04.impl1 diagnoses a ReLU between the depthwise and the pointwise step', () => {
  const withRelu = (input: Map3, dw: number[][][][], pw: number[][], stride: number, padding: Padding): Map3 =>
    pointwise(
      depthwiseWithMultiplier(input, dw, stride, padding).map((row) => row.map((px) => px.map((v) => Math.max(0, v)))),
      pw,
    );
  assertMistake(verdict1(withRelu), 'ReLU between the steps');
});

test('04.impl1 diagnoses a depth multiplier that was ignored (filter q = 0 only)', () => {
  const firstFilterOnly = (input: Map3, dw: number[][][][], pw: number[][], stride: number, padding: Padding): Map3 =>
    pointwise(depthwise(input, slice(dw, 0), stride, padding), pw);
  assertMistake(verdict1(firstFilterOnly), 'depth multiplier ignored');
});

test('04.impl1 diagnoses the d copies stacked in blocks of C instead of channel c·d + q', () => {
  const blocked = (input: Map3, dw: number[][][][], pw: number[][], stride: number, padding: Padding): Map3 =>
    pointwise(depthwiseWithMultiplier(input, dw, stride, padding, 'blocked'), pw);
  assertMistake(verdict1(blocked), 'depth-multiplier channels in the wrong order');
});

test('04.impl1 diagnoses the stride moved to the 1×1 step, and the stride applied twice', () => {
  const strideInPointwise = (input: Map3, dw: number[][][][], pw: number[][], stride: number, padding: Padding): Map3 =>
    pointwise(depthwiseWithMultiplier(input, dw, 1, padding), pw, stride);
  const result = verdict1(strideInPointwise);
  assertMistake(result, 'stride in the pointwise step');
  // It first shows on the even-sized 'same' case: elsewhere the two place the windows alike.
  assert.match(result.message, /case 2 of 6 \(input 8×8×3/);
  const strideTwice = (input: Map3, dw: number[][][][], pw: number[][], stride: number, padding: Padding): Map3 =>
    pointwise(depthwiseWithMultiplier(input, dw, stride, padding), pw, stride);
  assertMistake(verdict1(strideTwice), 'stride applied in both steps');
});

test('04.impl1: an unexplained error names a position and falls back to the step-by-step hint', () => {
  const offByOne = (input: Map3, dw: number[][][][], pw: number[][], stride: number, padding: Padding): Map3 =>
    separable(input, dw, pw, stride, padding).map((row, y) => row.map((px, x) => px.map((v, m) => (y + x + m === 0 ? v + 1 : v))));
  const result = verdict1(offByOne);
  assert.equal(result.status, 'incorrect');
  assert.match(result.message, /at \[0\]\[0\]\[0\] you have .* Check the steps one at a time/);
});

// --- 04.impl2 ------------------------------------------------------------------------------------

const verdict2 = (fn: unknown) => checkImplementationExercise(exercise('04.impl2'), fn);

interface CountOptions {
  readonly depthwisePart?: boolean;
  readonly pointwisePart?: boolean;
  readonly paddedTaps?: boolean;
}

/** The separable loops with a counter, as a learner adds it; options switch parts of the count off. */
function countingLoops(options: CountOptions = {}) {
  const { depthwisePart = true, pointwisePart = true, paddedTaps = true } = options;
  return (input: Map3, dw: number[][][], pw: number[][], stride: number, padding: Padding): number => {
    const [h, w, c, k, m] = [input.length, input[0].length, input[0][0].length, dw.length, pw[0].length];
    const [outH, outW] = [outSize(h, k, stride, padding), outSize(w, k, stride, padding)];
    const [top, left] = [padBefore(h, k, stride, padding), padBefore(w, k, stride, padding)];
    let macs = 0;
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        for (let ch = 0; ch < c; ch++) {
          for (let i = 0; i < k; i++) {
            for (let j = 0; j < k; j++) {
              const [y, x] = [oy * stride + i - top, ox * stride + j - left];
              const inside = y >= 0 && y < h && x >= 0 && x < w;
              if (depthwisePart && (inside || paddedTaps)) macs++;
            }
          }
          if (pointwisePart) macs += m; // this channel's value, times each of the M filters
        }
      }
    }
    return macs;
  };
}

test("04.impl2 accepts a counter in the loops, and its expected counts are the cost model's H_out·W_out·C·(K² + M)", () => {
  assert.equal(verdict2(countingLoops()).status, 'correct', verdict2(countingLoops()).message);
  assert.equal(verdict2(() => undefined).status, 'not-answered');
  const ex = exercise('04.impl2');
  for (const c of ex.cases() as unknown as SeparableCase[]) {
    const spec = { kind: 'separableConv2d' as const, filters: c.filters, kernelSize: c.kernelSize, strides: c.stride, padding: c.padding };
    const cost = layerCost(spec, [c.input.shape]);
    const [outH, outW] = cost.outputShape;
    const [, , channels] = c.input.shape;
    assert.equal(ex.expected(c as never).data[0], cost.macs, c.label);
    assert.equal(cost.macs, outH * outW * channels * (c.kernelSize ** 2 + c.filters), c.label);
  }
});

test('04.impl2 cases: odd and even sizes, stride 1 and 2, same and valid, several C and M', () => {
  const cases = exercise('04.impl2').cases() as unknown as SeparableCase[];
  assert.ok(cases.some((c) => c.input.shape[0] % 2 === 1) && cases.some((c) => c.input.shape[0] % 2 === 0));
  assert.deepEqual([...new Set(cases.map((c) => c.stride))].sort(), [1, 2]);
  assert.deepEqual([...new Set(cases.map((c) => c.padding))].sort(), ['same', 'valid']);
  assert.ok(new Set(cases.map((c) => c.input.shape[2])).size >= 3 && new Set(cases.map((c) => c.filters)).size >= 3);
});

function assertMistake2(fn: unknown, name: string): void {
  const result = verdict2(fn);
  assert.equal(result.status, 'mistake', `${name}: ${result.message}`);
  assert.equal(result.status === 'mistake' && result.mistake, name, result.message);
}

test("04.impl2 diagnoses the standard convolution's count, a forgotten step, FLOPs and uncounted padding taps", () => {
  const standard = (input: Map3, dw: number[][][], pw: number[][], stride: number, padding: Padding): number => {
    const k = dw.length;
    const outH = outSize(input.length, k, stride, padding);
    const outW = outSize(input[0].length, k, stride, padding);
    return outH * outW * k * k * input[0][0].length * pw[0].length;
  };
  assertMistake2(standard, "standard convolution's MACs");
  assertMistake2(countingLoops({ pointwisePart: false }), 'forgot the pointwise part');
  assertMistake2(countingLoops({ depthwisePart: false }), 'forgot the depthwise part');
  const flops = (input: Map3, dw: number[][][], pw: number[][], stride: number, padding: Padding): number =>
    2 * countingLoops()(input, dw, pw, stride, padding);
  assertMistake2(flops, 'FLOPs instead of MACs');
  assertMistake2(countingLoops({ paddedTaps: false }), 'padded taps not counted');
});

test('04.impl2 diagnoses the input size used where the output size belongs, in both steps or in the 1×1 step only', () => {
  const inputSize = (input: Map3, dw: number[][][], pw: number[][]): number =>
    input.length * input[0].length * input[0][0].length * (dw.length ** 2 + pw[0].length);
  assertMistake2(inputSize, 'input size instead of output size');
  const pointwiseOnInput = (input: Map3, dw: number[][][], pw: number[][], stride: number, padding: Padding): number =>
    countingLoops({ pointwisePart: false })(input, dw, pw, stride, padding) + input.length * input[0].length * input[0][0].length * pw[0].length;
  assertMistake2(pointwiseOnInput, 'input size instead of output size');
});

test('04.impl2 refuses a count that is not a number in words', () => {
  assert.equal(verdict2(() => '1,234').status, 'invalid');
  assert.equal(verdict2(() => [1, 2]).status, 'invalid');
});

test('the tests above cover exactly the bugs each exercise declares', () => {
  assert.deepEqual(
    exercise('04.impl1').bugs.map((b) => b.name),
    [
      'steps swapped',
      'ReLU between the steps',
      'depth multiplier ignored',
      'depth-multiplier channels in the wrong order',
      'stride in the pointwise step',
      'stride applied in both steps',
    ],
  );
  assert.deepEqual(
    exercise('04.impl2').bugs.map((b) => b.name),
    [
      "standard convolution's MACs",
      'forgot the pointwise part',
      'forgot the depthwise part',
      'input size instead of output size',
      'FLOPs instead of MACs',
      'padded taps not counted',
    ],
  );
});
