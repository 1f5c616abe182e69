/**
 * Lesson 01's implementation exercises (see ../exercise.ts for how a
 * learner's function is checked).
 *
 * 01.impl1 — the standard convolution for one channel and one filter: a 2-D
 * map in, a K×K kernel, a stride and TF's 'same' or 'valid' padding, a 2-D
 * map out. 01.impl2 — the same loop over C input channels and M filters,
 * map[y][x][c] and kernel[i][j][c][m] (TF's layout) in, map[y][x][m] out
 * (Howard et al. 2017, §3.1, eq. 1, with a stride).
 *
 * The reference is the kit's `conv2d` (src/layers/reference/conv2d.ts). A
 * bug that changes the numbers is declared by what it produces, computed
 * here from the same reference layer run the wrong way (kernel rotated,
 * padding moved, channels dropped or axes swapped). A bug that changes the
 * output size is recognised from the size alone: which rule gives the
 * learner's size on this case.
 */
import { windowOutputLength } from '../../../core/output-shape';
import { uniformArray } from '../../../core/random';
import type { Conv2dSpec, Padding, Shape3 } from '../../../core/spec';
import { randomTensor, type Tensor3 } from '../../../core/tensor';
import { conv2d } from '../../../layers/reference/conv2d';
import { padBefore } from '../../../layers/reference/window';
import type { BugContext, ImplementationBug, ImplementationCase, ImplementationExercise } from '../exercise';
import { implementationExercise } from '../index';
import { nest, readArray2, readArray3, tensorValues, toArray3, type Values } from '../values';

/** One seeded standard convolution: an input, a kernel [K, K, C, M], the stride and the padding. */
export interface ConvCase extends ImplementationCase {
  readonly input: Tensor3;
  readonly kernelSize: number;
  readonly filters: number;
  readonly stride: number;
  readonly padding: 'same' | 'valid';
  /** [K, K, C, M], TF.js's conv kernel layout. */
  readonly kernel: Float32Array;
}

interface Layout {
  readonly shape: Shape3;
  readonly kernelSize: number;
  readonly filters: number;
  readonly stride: number;
  readonly padding: 'same' | 'valid';
}

function makeCase(layout: Layout, seed: number, oneChannel: boolean): ConvCase {
  const [h, w, c] = layout.shape;
  const { kernelSize: k, filters: m, stride, padding } = layout;
  const channels = oneChannel ? '' : `×${c}, ${m} filters`;
  return {
    ...layout,
    label: `input ${h}×${w}${channels}, ${k}×${k} kernel, stride ${stride}, '${padding}'`,
    input: randomTensor(layout.shape, seed),
    // Uniform in [-1, 1): a different K×K slice for every (channel, filter) pair, and no symmetry a flip would keep.
    kernel: uniformArray(k * k * c * m, seed + 1),
  };
}

/** What no function returns: a bug that cannot show on a case produces this, and nothing agrees with it. */
const NEVER: Values = { shape: [0], data: [] };

const spec = (c: ConvCase, padding: Padding = c.padding): Conv2dSpec => ({
  kind: 'conv2d',
  filters: c.filters,
  kernelSize: c.kernelSize,
  strides: c.stride,
  padding,
});

const run = (c: ConvCase, input: Tensor3 = c.input, kernel: Float32Array = c.kernel, padding: Padding = c.padding, filters = c.filters): Tensor3 =>
  conv2d(input, { ...spec(c, padding), filters }, { kernel }).output;

/** The kernel turned by 180° in its two spatial axes: W[K−1−i][K−1−j][c][m], what a textbook convolution (not TF's correlation) multiplies by. */
function rotated(c: ConvCase): Float32Array {
  const k = c.kernelSize;
  const slice = c.input.shape[2] * c.filters;
  const out = new Float32Array(c.kernel.length);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const from = ((k - 1 - i) * k + (k - 1 - j)) * slice;
      out.set(c.kernel.subarray(from, from + slice), (i * k + j) * slice);
    }
  }
  return out;
}

/** TF's 'same' padding with its odd pixel moved to the top and left; undefined when the padding is even (nothing to move). */
function padTopLeft(c: ConvCase): Padding | undefined {
  if (c.padding === 'valid') return undefined;
  const side = (n: number) => {
    const out = Math.ceil(n / c.stride);
    const total = Math.max((out - 1) * c.stride + c.kernelSize - n, 0);
    const before = padBefore(n, out, c.kernelSize, c.stride, 1, 'same', 0);
    return { before: total - before, after: before, odd: total % 2 === 1 };
  };
  const [h, w] = c.input.shape;
  const [rows, cols] = [side(h), side(w)];
  if (!rows.odd && !cols.odd) return undefined;
  return { top: rows.before, bottom: rows.after, left: cols.before, right: cols.after };
}

// --- Output-size bugs, recognised from the learner's size -----------------------------------------

/** Output rows and columns under a rule along both axes. */
const sizeBy = (c: ConvCase, rule: (n: number) => number): [number, number] => [rule(c.input.shape[0]), rule(c.input.shape[1])];
const validSize = (c: ConvCase) => sizeBy(c, (n) => Math.floor((n - c.kernelSize) / c.stride) + 1);
const sameSize = (c: ConvCase) => sizeBy(c, (n) => Math.ceil(n / c.stride));
const expectedSize = (c: ConvCase): [number, number] => sizeBy(c, (n) => windowOutputLength(n, c.kernelSize, c.stride, 1, c.padding, 0));
/** The other rounding: floor(n / s) for 'same', ceil((n − K) / s) + 1 for 'valid'. */
const roundedTheOtherWay = (c: ConvCase) =>
  c.padding === 'same' ? sizeBy(c, (n) => Math.floor(n / c.stride)) : sizeBy(c, (n) => Math.ceil((n - c.kernelSize) / c.stride) + 1);

/** True when the learner's height and width are `wrong` on this case, and `wrong` is not the right size. */
function sizeIs(context: BugContext<ConvCase>, wrong: [number, number]): boolean {
  const [h, w] = context.output.shape;
  const right = expectedSize(context.case);
  if (wrong[0] === right[0] && wrong[1] === right[1]) return false;
  return h === wrong[0] && w === wrong[1];
}

function sizeBugs(): ImplementationBug<ConvCase>[] {
  return [
    {
      name: "'same' computed without padding",
      hint: "your output has the 'valid' size on a 'same' case. 'same' pads the input with zeros so that ceil(n / s) windows fit along each axis: the output of a stride-1 layer keeps the input's height and width.",
      detect: (context) => context.case.padding === 'same' && sizeIs(context, validSize(context.case)),
    },
    {
      name: "'valid' padded like 'same'",
      hint: "your output has the 'same' size on a 'valid' case. 'valid' adds no zeros: every window must lie inside the input, so there are floor((n − K) / s) + 1 positions along each axis.",
      detect: (context) => context.case.padding === 'valid' && sizeIs(context, sameSize(context.case)),
    },
    {
      name: 'stride rounding',
      hint: "your output size is rounded the wrong way for this stride. 'same' keeps ceil(n / s) positions (a last window that starts inside the input counts, even if it overhangs); 'valid' keeps floor((n − K) / s) + 1 (a window that would overhang does not).",
      detect: (context) => sizeIs(context, roundedTheOtherWay(context.case)),
    },
  ];
}

// --- Bugs that keep the size and change the numbers ------------------------------------------------

function valueBugs(read: (map: Tensor3) => Values): ImplementationBug<ConvCase>[] {
  return [
    {
      name: 'kernel flipped',
      hint: 'your output is the kernel turned by 180°, i.e. the textbook convolution Σ x[y − i][x − j]·w[i][j]. Deep-learning libraries compute a correlation: output (y, x) multiplies the input under the window by w[i][j] with the same offsets i, j, input row y·s + i − top.',
      produces: (c) => read(run(c, c.input, rotated(c))),
    },
    {
      name: 'odd padding pixel at the top/left',
      hint: "when 'same' needs an odd number of zeros along an axis (an even kernel, or stride 2 on an even size), TF puts the smaller half before the input and the extra pixel after it, at the bottom and right. Yours went to the top or left.",
      produces: (c) => {
        const moved = padTopLeft(c);
        return moved === undefined ? NEVER : read(run(c, c.input, c.kernel, moved));
      },
    },
  ];
}

const FALLBACK =
  'Compare one output value by hand: output (y, x) sums kernel[i][j] times input[y·s + i − top][x·s + j − left] over the window, with top = left = 0 for ' +
  "'valid' and, for 'same', top = floor(total / 2) of total = max((out − 1)·s + K − n, 0) zeros; a tap that falls outside the input adds 0.";

// --- 01.impl1: one channel, one filter --------------------------------------------------------------

const ONE_CHANNEL: readonly Layout[] = [
  { shape: [7, 7, 1], kernelSize: 3, filters: 1, stride: 1, padding: 'same' },
  // Even size, stride 2, 'same': one zero in all, which TF puts at the bottom and right.
  { shape: [8, 8, 1], kernelSize: 3, filters: 1, stride: 2, padding: 'same' },
  // (9 − 4) / 2 = 2.5: floor → 3 outputs, ceil → 4; 'same' would give 5.
  { shape: [9, 6, 1], kernelSize: 4, filters: 1, stride: 2, padding: 'valid' },
  // Odd size at stride 2: ceil(9 / 2) = 5, floor gives 4, 'valid' 3.
  { shape: [9, 9, 1], kernelSize: 5, filters: 1, stride: 2, padding: 'same' },
  // An even kernel at stride 1: three zeros, one before and two after.
  { shape: [6, 5, 1], kernelSize: 4, filters: 1, stride: 1, padding: 'same' },
  { shape: [6, 7, 1], kernelSize: 3, filters: 1, stride: 1, padding: 'valid' },
];

/** A one-channel map [H, W, 1] as H×W Values. */
const plane = (map: Tensor3): Values => ({ shape: [map.shape[0], map.shape[1]], data: Array.from(map.data) });

const singleChannel: ImplementationExercise<ConvCase> = {
  id: '01.impl1',
  prompt:
    'Write the standard convolution for ONE input channel and ONE filter, as deep-learning libraries compute it (a correlation: the kernel is not flipped): ' +
    "output[y][x] = Σ_i Σ_j kernel[i][j] · input[y·s + i − top][x·s + j − left], where a tap outside the input adds 0. 'valid' adds no zeros " +
    "(top = left = 0, floor((n − K) / s) + 1 outputs); 'same' gives ceil(n / s) outputs and pads max((out − 1)·s + K − n, 0) zeros, " +
    'the smaller half before the input and the odd one after it (bottom/right), as TF does.',
  signature: 'conv2dOneChannel(input: number[][], kernel: number[][], stride: number, padding: "same" | "valid"): number[][]',
  cases: () => ONE_CHANNEL.map((layout, i) => makeCase(layout, 1100 + 10 * i, true)),
  call: (fn, c) => {
    const [h, w] = c.input.shape;
    return fn(nest(c.input.data, [h, w]), nest(c.kernel, [c.kernelSize, c.kernelSize]), c.stride, c.padding);
  },
  expected: (c) => plane(run(c)),
  read: readArray2,
  tolerance: 1e-4,
  bugs: [...sizeBugs(), ...valueBugs(plane)],
  fallback: FALLBACK,
};

// --- 01.impl2: C channels, M filters ------------------------------------------------------------

const MANY_CHANNELS: readonly Layout[] = [
  // C = M first: the only shapes where kernel[i][j][m][c] can be read without running off an axis.
  { shape: [7, 7, 3], kernelSize: 3, filters: 3, stride: 1, padding: 'same' },
  { shape: [8, 8, 2], kernelSize: 3, filters: 4, stride: 2, padding: 'same' },
  { shape: [9, 6, 4], kernelSize: 4, filters: 2, stride: 2, padding: 'valid' },
  { shape: [9, 9, 3], kernelSize: 5, filters: 5, stride: 2, padding: 'same' },
  { shape: [6, 5, 1], kernelSize: 4, filters: 3, stride: 1, padding: 'same' },
  { shape: [6, 7, 5], kernelSize: 3, filters: 2, stride: 1, padding: 'valid' },
];

/** The input's channel 0 alone, and the kernel's slice for it: what a loop that forgot the sum over c computes. */
function firstChannelOnly(c: ConvCase): Values {
  const [h, w, channels] = c.input.shape;
  if (channels === 1) return NEVER;
  const input: Tensor3 = { shape: [h, w, 1], data: Float32Array.from({ length: h * w }, (_, p) => c.input.data[p * channels]) };
  const k2 = c.kernelSize * c.kernelSize;
  const kernel = Float32Array.from({ length: k2 * c.filters }, (_, t) => c.kernel[Math.floor(t / c.filters) * channels * c.filters + (t % c.filters)]);
  return tensorValues(run(c, input, kernel));
}

/** The kernel read as kernel[i][j][m][c] (the last two axes swapped); only defined when C = M. */
function axesSwapped(c: ConvCase): Values {
  const channels = c.input.shape[2];
  if (channels !== c.filters || channels === 1) return NEVER;
  const k2 = c.kernelSize * c.kernelSize;
  const kernel = new Float32Array(c.kernel.length);
  for (let t = 0; t < k2; t++) {
    for (let ch = 0; ch < channels; ch++)
      for (let m = 0; m < channels; m++) kernel[(t * channels + ch) * channels + m] = c.kernel[(t * channels + m) * channels + ch];
  }
  return tensorValues(run(c, c.input, kernel));
}

const multiChannel: ImplementationExercise<ConvCase> = {
  id: '01.impl2',
  prompt:
    'Write the standard convolution for C input channels and M filters: output[y][x][m] = Σ_i Σ_j Σ_c kernel[i][j][c][m] · input[y·s + i − top][x·s + j − left][c], ' +
    "with the kernel in TF's layout K×K×C×M and the same stride and padding rules as 01.impl1 (your 01.impl1 loop with a sum over c and a loop over m).",
  signature: 'conv2d(input: number[][][], kernel: number[][][][], stride: number, padding: "same" | "valid"): number[][][]',
  cases: () => MANY_CHANNELS.map((layout, i) => makeCase(layout, 1200 + 10 * i, false)),
  call: (fn, c) => {
    const [, , channels] = c.input.shape;
    return fn(toArray3(c.input), nest(c.kernel, [c.kernelSize, c.kernelSize, channels, c.filters]), c.stride, c.padding);
  },
  expected: (c) => tensorValues(run(c)),
  read: readArray3,
  tolerance: 1e-4,
  bugs: [
    ...sizeBugs(),
    {
      name: 'first input channel only',
      hint: 'your output depends only on input channel 0. A standard filter is K×K×C: every output value sums over all C input channels, kernel[i][j][c][m] · input[…][…][c].',
      produces: firstChannelOnly,
    },
    {
      name: 'kernel axes c and m swapped',
      hint: "you read the kernel as kernel[i][j][m][c]. TF's layout is K×K×C×M: the third index is the input channel, the last the filter (output channel).",
      produces: axesSwapped,
    },
    ...valueBugs(tensorValues),
  ],
  fallback: FALLBACK,
};

export const implementations: readonly ImplementationExercise[] = [implementationExercise(singleChannel), implementationExercise(multiChannel)];
