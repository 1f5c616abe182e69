/**
 * Lesson 01's implementation exercises accept a correct function written
 * here, and name every bug they declare from a deliberately buggy function
 * written here too (nested arrays, the way a learner writes them).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkImplementationExercise, type ImplementationExercise } from '../../../src/exercises/implementation/exercise';
import { implementationVerdict } from '../../../src/exercises/implementation';
import { implementations, type ConvCase } from '../../../src/exercises/implementation/lessons/01-standard-convolution';

type Map2 = number[][];
type Map3 = number[][][];
type Padding = 'same' | 'valid';

const exercise = (id: string): ImplementationExercise => {
  const found = implementations.find((e) => e.id === id);
  if (!found) throw new Error(`no ${id}`);
  return found;
};

/** How a learner's loop can go wrong; every option off is the correct loop. */
interface Options {
  /** 'valid' on every case, or 'same' on every case. */
  readonly paddingAlways?: Padding;
  /** floor(n / s) for 'same', ceil((n − K) / s) + 1 for 'valid'. */
  readonly otherRounding?: boolean;
  /** The odd 'same' zero before the input instead of after it. */
  readonly extraPixelFirst?: boolean;
  /** kernel[K−1−i][K−1−j]: the textbook convolution. */
  readonly flipped?: boolean;
  /** Sum over input channel 0 only (01.impl2). */
  readonly firstChannelOnly?: boolean;
  /** Read kernel[i][j][m][c] (01.impl2). */
  readonly swappedAxes?: boolean;
}

function geometry(n: number, k: number, stride: number, padding: Padding, options: Options) {
  const rule = options.paddingAlways ?? padding;
  let out: number;
  if (rule === 'same') out = options.otherRounding ? Math.floor(n / stride) : Math.ceil(n / stride);
  else out = options.otherRounding ? Math.ceil((n - k) / stride) + 1 : Math.floor((n - k) / stride) + 1;
  const total = rule === 'same' ? Math.max((out - 1) * stride + k - n, 0) : 0;
  const before = options.extraPixelFirst ? Math.ceil(total / 2) : Math.floor(total / 2);
  return { out, before };
}

/** C channels, M filters, kernel[i][j][c][m]; a tap outside the input adds 0. */
function conv(options: Options = {}) {
  return (input: Map3, kernel: number[][][][], stride: number, padding: Padding): Map3 => {
    const [h, w, channels, k, filters] = [input.length, input[0].length, input[0][0].length, kernel.length, kernel[0][0][0].length];
    const rows = geometry(h, k, stride, padding, options);
    const cols = geometry(w, k, stride, padding, options);
    const tap = (i: number, j: number, c: number, m: number): number => {
      const [a, b] = options.flipped ? [k - 1 - i, k - 1 - j] : [i, j];
      return options.swappedAxes ? kernel[a][b][m][c] : kernel[a][b][c][m];
    };
    return Array.from({ length: rows.out }, (_, oy) =>
      Array.from({ length: cols.out }, (_, ox) =>
        Array.from({ length: filters }, (_, m) => {
          let sum = 0;
          for (let i = 0; i < k; i++) {
            for (let j = 0; j < k; j++) {
              const y = oy * stride + i - rows.before;
              const x = ox * stride + j - cols.before;
              if (y < 0 || y >= h || x < 0 || x >= w) continue;
              for (let c = 0; c < (options.firstChannelOnly ? 1 : channels); c++) sum += tap(i, j, c, m) * input[y][x][c];
            }
          }
          return sum;
        }),
      ),
    );
  };
}

/** The same loop on one channel and one filter, through the general one. */
function conv1(options: Options = {}) {
  const general = conv(options);
  return (input: Map2, kernel: Map2, stride: number, padding: Padding): Map2 =>
    general(
      input.map((row) => row.map((v) => [v])),
      kernel.map((row) => row.map((v) => [[v]])),
      stride,
      padding,
    ).map((row) => row.map((px) => px[0]));
}

function assertMistake(id: string, fn: unknown, name: string): void {
  const result = checkImplementationExercise(exercise(id), fn);
  assert.equal(result.status, 'mistake', `${name}: ${result.message}`);
  assert.equal(result.status === 'mistake' && result.mistake, name, result.message);
}

for (const [id, make] of [
  ['01.impl1', conv1],
  ['01.impl2', conv],
] as const) {
  test(`${id} accepts the correct loop (correlation, TF's 'same'), and the stub is not answered yet`, () => {
    const result = checkImplementationExercise(exercise(id), make());
    assert.equal(result.status, 'correct', result.message);
    assert.match(result.message, /all 6 cases/);
    assert.equal(implementationVerdict(id, make()).status, 'correct');
    assert.equal(checkImplementationExercise(exercise(id), () => undefined).status, 'not-answered');
  });

  test(`${id} cases: odd and even sizes, stride 1 and 2, 'same' and 'valid', odd and even kernels`, () => {
    const cases = exercise(id).cases() as unknown as ConvCase[];
    assert.ok(cases.some((c) => c.input.shape[0] % 2 === 1) && cases.some((c) => c.input.shape[0] % 2 === 0));
    assert.deepEqual([...new Set(cases.map((c) => c.stride))].sort(), [1, 2]);
    assert.deepEqual([...new Set(cases.map((c) => c.padding))].sort(), ['same', 'valid']);
    assert.ok(cases.some((c) => c.kernelSize % 2 === 0) && cases.some((c) => c.kernelSize % 2 === 1));
    if (id === '01.impl1') assert.ok(cases.every((c) => c.input.shape[2] === 1 && c.filters === 1));
    else {
      assert.ok(new Set(cases.map((c) => c.input.shape[2])).size >= 4, 'several channel counts');
      assert.ok(new Set(cases.map((c) => c.filters)).size >= 3, 'several filter counts');
    }
  });

  test(`${id} diagnoses the output-size rules: 'same' without padding, 'valid' padded, the other rounding`, () => {
    assertMistake(id, make({ paddingAlways: 'valid' }), "'same' computed without padding");
    assertMistake(id, make({ paddingAlways: 'same' }), "'valid' padded like 'same'");
    assertMistake(id, make({ otherRounding: true }), 'stride rounding');
  });

  test(`${id} diagnoses a flipped kernel and the odd padding pixel put first`, () => {
    assertMistake(id, make({ flipped: true }), 'kernel flipped');
    const result = checkImplementationExercise(exercise(id), make({ extraPixelFirst: true }));
    assert.equal(result.status === 'mistake' && result.mistake, 'odd padding pixel at the top/left', result.message);
    // It first shows on the even size at stride 2: at 7×7, 3×3, stride 1 the two zeros split evenly.
    assert.match(result.message, /case 2 of 6 \(input 8×8/);
  });

  test(`${id}: an unexplained error names a position and falls back to the step-by-step hint`, () => {
    const offByOne = (...args: unknown[]) => {
      const out = (make() as (...a: unknown[]) => unknown[][])(...args);
      const first = out[0] as unknown[];
      first[0] = Array.isArray(first[0]) ? (first[0] as number[]).map((v) => v + 1) : (first[0] as number) + 1;
      return out;
    };
    const result = checkImplementationExercise(exercise(id), offByOne);
    assert.equal(result.status, 'incorrect', result.message);
    assert.match(result.message, /at \[0\]\[0\].* you have .* Compare one output value by hand/);
  });
}

test('01.impl2 diagnoses one input channel summed and the kernel read as kernel[i][j][m][c]', () => {
  assertMistake('01.impl2', conv({ firstChannelOnly: true }), 'first input channel only');
  assertMistake('01.impl2', conv({ swappedAxes: true }), 'kernel axes c and m swapped');
});

test('a wrong kind of result is told what was expected', () => {
  assert.match(checkImplementationExercise(exercise('01.impl1'), () => [1, 2, 3]).message, /matrix/);
  assert.match(checkImplementationExercise(exercise('01.impl2'), () => [[1, 2]]).message, /feature map/);
});

test('the tests above cover exactly the bugs each exercise declares', () => {
  const sizes = ["'same' computed without padding", "'valid' padded like 'same'", 'stride rounding'];
  assert.deepEqual(
    exercise('01.impl1').bugs.map((b) => b.name),
    [...sizes, 'kernel flipped', 'odd padding pixel at the top/left'],
  );
  assert.deepEqual(
    exercise('01.impl2').bugs.map((b) => b.name),
    [...sizes, 'first input channel only', 'kernel axes c and m swapped', 'kernel flipped', 'odd padding pixel at the top/left'],
  );
});
