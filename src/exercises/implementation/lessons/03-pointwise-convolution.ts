/**
 * Lesson 03's implementation exercises (see ../exercise.ts for how a
 * learner's function is checked).
 *
 * 03.impl1: pointwise (1×1) convolution as one matrix product — reshape the
 * H×W×C map to an (H·W)×C matrix X, multiply by the C×M weight matrix W,
 * add the bias b[m], reshape back to H×W×M (MobileNet, Howard et al. 2017,
 * §3.1). The expected result is the kit's reference loop
 * (src/layers/reference/pointwise-conv2d.ts); the buggy versions below run it
 * on changed weights or rearrange its output.
 */
import { randomTensor, type Tensor3 } from '../../../core/tensor';
import { uniformArray } from '../../../core/random';
import { pointwiseConv2d } from '../../../layers/reference/pointwise-conv2d';
import { implementationExercise } from '../index';
import { agrees, nest, readArray3, tensorValues, toArray3, type Values } from '../values';
import type { ImplementationCase, ImplementationExercise } from '../exercise';

export interface PointwiseCase extends ImplementationCase {
  readonly input: Tensor3;
  /** [C, M], flat. */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  readonly filters: number;
}

function pointwiseCase(height: number, width: number, channels: number, filters: number, seed: number): PointwiseCase {
  return {
    label: `input ${height}×${width}×${channels}, M = ${filters}`,
    input: randomTensor([height, width, channels], seed),
    weights: uniformArray(channels * filters, seed + 1),
    bias: uniformArray(filters, seed + 2),
    filters,
  };
}

/** The reference pointwise convolution of a case, with other weights or bias if given. */
function run(c: PointwiseCase, weights = c.weights, bias = c.bias): Values {
  return tensorValues(pointwiseConv2d(c.input, { kind: 'pointwiseConv2d', filters: c.filters, useBias: true }, { kernel: weights, bias }).output);
}

/** Weights read as weights[m][c]: the C×M values laid out as if they were M×C (defined when C = M). */
function transposed(c: PointwiseCase): Values {
  const channels = c.input.shape[2];
  const m = c.filters;
  if (channels !== m) return { shape: [-1], data: [] };
  const t = new Float32Array(channels * m);
  for (let i = 0; i < channels; i++) for (let j = 0; j < m; j++) t[i * m + j] = c.weights[j * m + i];
  return run(c, t);
}

/** Flattened column by column (pixel p = x·H + y) but reshaped back row by row (p = y·W + x). */
function scrambled(c: PointwiseCase): Values {
  const right = run(c);
  const [height, width, m] = right.shape;
  const data = new Array<number>(right.data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x; // where the product's row p is put back
      const sy = p % height; // the pixel that row came from, in column order
      const sx = Math.floor(p / height);
      for (let k = 0; k < m; k++) data[p * m + k] = right.data[(sy * width + sx) * m + k];
    }
  }
  return { shape: right.shape, data };
}

/** The output map with x and y exchanged: W×H×M, out[x][y] = right[y][x]. */
function swapped(c: PointwiseCase): Values {
  const right = run(c);
  const [height, width, m] = right.shape;
  const data: number[] = [];
  for (let x = 0; x < width; x++) for (let y = 0; y < height; y++) for (let k = 0; k < m; k++) data.push(right.data[(y * width + x) * m + k]);
  return { shape: [width, height, m], data };
}

const pointwise: ImplementationExercise<PointwiseCase> = {
  id: '03.impl1',
  prompt:
    'Write a pointwise (1×1) convolution as a matrix product: reshape input[y][x][c] (H×W×C) to an (H·W)×C matrix with one row per pixel (row y·W + x), ' +
    'multiply by weights[c][m] (C×M), add bias[m], and reshape the (H·W)×M result back to H×W×M.',
  signature: 'pointwiseConv2d(input: number[][][], weights: number[][], bias: number[]): number[][][]',
  cases: () => [pointwiseCase(3, 5, 3, 3, 301), pointwiseCase(4, 6, 2, 5, 311), pointwiseCase(5, 3, 4, 2, 321), pointwiseCase(6, 7, 6, 8, 331)],
  call: (fn, c) => fn(toArray3(c.input), nest(c.weights, [c.input.shape[2], c.filters]), Array.from(c.bias)),
  expected: (c) => run(c),
  read: readArray3,
  tolerance: 1e-4,
  bugs: [
    {
      name: 'weights transposed',
      hint: 'the weight matrix is weights[c][m]: row = input channel, column = output channel. Y[p][m] = Σ_c X[p][c] · weights[c][m].',
      produces: transposed,
    },
    {
      name: 'forgot the bias',
      hint: 'add bias[m] to every pixel of output channel m after the product.',
      produces: (c) => run(c, c.weights, new Float32Array(c.filters)),
    },
    {
      name: "output has the input's channel count",
      hint: 'the output has M channels — as many as the weight matrix has columns — not C.',
      detect: ({ case: c, output }) => output.shape.length === 3 && output.shape[2] === c.input.shape[2] && c.input.shape[2] !== c.filters,
    },
    {
      name: 'x and y swapped in the reshape',
      hint: 'flatten and reshape back in the same order: pixel (y, x) is row y·W + x, and the output is H×W×M with out[y][x].',
      produces: scrambled,
      detect: ({ case: c, output }) => agrees(output, swapped(c), 1e-4),
    },
  ],
  fallback:
    'Check one pixel by hand: take the C numbers input[y][x][·], multiply them with column m of the weights, add and add bias[m]; that must be output[y][x][m].',
};

export const implementations: readonly ImplementationExercise[] = [implementationExercise(pointwise)];
