/**
 * What a learner's function takes and returns, and how its result is read.
 *
 * A learner writes plain TypeScript on nested arrays, the way the formulas
 * index them: a feature map is `map[y][x][c]` (H × W × C, channels last, as in
 * TF.js), a standard kernel `kernel[i][j][c][m]` (K × K × C × M, TF's layout),
 * a matrix `m[row][col]`. The checks compare results as `Values`: a shape and
 * the numbers in row-major order, so one comparison serves maps, matrices,
 * vectors and single numbers.
 */
import type { Tensor3 } from '../../core/tensor';

/** A result in comparable form: its shape and its numbers, row-major (a single number has shape []). */
export interface Values {
  readonly shape: readonly number[];
  readonly data: readonly number[];
}

export type Array1 = number[];
export type Array2 = number[][];
export type Array3 = number[][][];
export type Array4 = number[][][][];

/** A fresh nested copy of a feature map, `map[y][x][c]`: the learner may change it without touching the reference's input. */
export function toArray3(tensor: Tensor3): Array3 {
  const [h, w, c] = tensor.shape;
  return Array.from({ length: h }, (_, y) => Array.from({ length: w }, (_, x) => Array.from({ length: c }, (_, k) => tensor.data[(y * w + x) * c + k])));
}

/** A feature map as Values. */
export function tensorValues(tensor: Tensor3): Values {
  return { shape: [...tensor.shape], data: Array.from(tensor.data) };
}

/** A flat array in a given row-major layout, nested: `nest([1,2,3,4,5,6], [2,3])` is [[1,2,3],[4,5,6]]. */
export function nest(data: ArrayLike<number>, shape: readonly number[]): unknown {
  const build = (offset: number, axis: number): unknown => {
    if (axis === shape.length) return data[offset];
    const stride = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: shape[axis] }, (_, i) => build(offset + i * stride, axis + 1));
  };
  return build(0, 0);
}

/** "7×7×3", or "a number" for shape []. */
export function shapeText(shape: readonly number[]): string {
  return shape.length === 0 ? 'a number' : shape.join('×');
}

/** What a value is, in a few words, for "expected …, got …". */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : `an array of ${value.length} (first element: ${describeValue(value[0])})`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'number') return Number.isFinite(value) ? `the number ${value}` : `the number ${String(value)}`;
  if (typeof value === 'object') return `an object with keys ${Object.keys(value).slice(0, 4).join(', ') || '(none)'}`;
  return `a ${typeof value}`;
}

/**
 * Reads a nested array of `rank` levels (0 = a number) into Values, or says in
 * words why it is not one: a ragged row, a string among the numbers, NaN.
 */
export function readNested(value: unknown, rank: number, what: string): Values | string {
  const shape: number[] = [];
  const data: number[] = [];
  let probe: unknown = value;
  for (let axis = 0; axis < rank; axis++) {
    if (!Array.isArray(probe) || probe.length === 0) {
      return `expected ${what} (${rank} levels of nested arrays), got ${axis === 0 ? describeValue(value) : `${describeValue(probe)} at depth ${axis}`}`;
    }
    shape.push(probe.length);
    probe = probe[0];
  }
  const walk = (node: unknown, axis: number, at: string): string | undefined => {
    if (axis === rank) {
      if (typeof node !== 'number') return `expected ${what}; the entry at ${at || 'the top'} is ${describeValue(node)}, not a number`;
      if (!Number.isFinite(node)) return `expected ${what} of finite numbers; the entry at ${at} is ${String(node)}`;
      data.push(node);
      return undefined;
    }
    if (!Array.isArray(node) || node.length !== shape[axis]) {
      return `expected ${what} with every row the same length (${shapeText(shape)}); the entry at ${at || 'the top'} is ${describeValue(node)}`;
    }
    for (let i = 0; i < node.length; i++) {
      const problem = walk(node[i], axis + 1, `${at}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };
  const problem = walk(value, 0, '');
  return problem ?? { shape, data };
}

/** Reads a feature map `map[y][x][c]`. */
export const readArray3 = (value: unknown): Values | string => readNested(value, 3, 'a feature map map[y][x][c]');
/** Reads a matrix `m[row][col]`. */
export const readArray2 = (value: unknown): Values | string => readNested(value, 2, 'a matrix m[row][col]');
/** Reads a list of numbers. */
export const readArray1 = (value: unknown): Values | string => readNested(value, 1, 'an array of numbers');
/** Reads one number. */
export const readNumber = (value: unknown): Values | string => readNested(value, 0, 'a number');

/** Largest |a − b| over two results of the same shape, and where (row-major index); Infinity when the shapes differ. */
export function largestDifference(a: Values, b: Values): { difference: number; index: number } {
  if (a.shape.length !== b.shape.length || a.shape.some((n, i) => n !== b.shape[i])) return { difference: Infinity, index: -1 };
  let difference = 0;
  let index = -1;
  for (let i = 0; i < a.data.length; i++) {
    const d = Math.abs(a.data[i] - b.data[i]);
    if (d > difference) {
      difference = d;
      index = i;
    }
  }
  return { difference, index };
}

/**
 * Whether `actual` matches `expected` within `tolerance`, relative to the
 * expected value's size (|a − e| ≤ tolerance · max(1, |e|)): float32 sums of
 * a few hundred products agree with float64 to about 1e-6 of their size.
 */
export function agrees(actual: Values, expected: Values, tolerance: number): boolean {
  if (actual.shape.length !== expected.shape.length || actual.shape.some((n, i) => n !== expected.shape[i])) return false;
  return expected.data.every((e, i) => Math.abs(actual.data[i] - e) <= tolerance * Math.max(1, Math.abs(e)));
}

/** "[2][5][1]": a row-major index as the nested-array position a learner would type. */
export function positionText(shape: readonly number[], index: number): string {
  const parts: number[] = [];
  let rest = index;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    parts.unshift(rest % shape[axis]);
    rest = Math.floor(rest / shape[axis]);
  }
  return parts.map((p) => `[${p}]`).join('');
}
