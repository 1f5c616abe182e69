/**
 * Lesson 02's implementation exercises (see ../exercise.ts for how a
 * learner's function is checked).
 *
 * 02.impl1: depthwise convolution (MobileNet, Howard et al. 2017, §3.1, eq. 3)
 * on nested arrays, input[y][x][c] and kernel[i][j][c], depth multiplier 1,
 * no bias. The expected result is the kit's reference loop
 * (src/layers/reference/depthwise-conv2d.ts); the buggy versions below run
 * that same loop on a changed kernel or input, or count sizes wrongly.
 */
type Padding = 'same' | 'valid';
import { fromArray, randomTensor, type Tensor3 } from '../../../core/tensor';
import { uniformArray } from '../../../core/random';
import { depthwiseConv2d } from '../../../layers/reference/depthwise-conv2d';
import { conv2d } from '../../../layers/reference/conv2d';
import { implementationExercise } from '../index';
import type { ImplementationCase, ImplementationExercise } from '../exercise';
import { nest, readArray3, tensorValues, toArray3, type Values } from '../values';

export interface DepthwiseCase extends ImplementationCase {
  readonly input: Tensor3;
  /** [K, K, C], flat. */
  readonly kernel: Float32Array;
  readonly kernelSize: number;
  readonly stride: number;
  readonly padding: Padding;
}

function depthwiseCase(height: number, width: number, channels: number, kernelSize: number, stride: number, padding: Padding, seed: number): DepthwiseCase {
  return {
    label: `input ${height}×${width}×${channels}, ${kernelSize}×${kernelSize}, stride ${stride}, '${padding}'`,
    input: randomTensor([height, width, channels], seed),
    kernel: uniformArray(kernelSize * kernelSize * channels, seed + 1),
    kernelSize,
    stride,
    padding,
  };
}

/** The reference depthwise convolution of a case, with another kernel or input if given. */
function run(c: DepthwiseCase, kernel = c.kernel, input = c.input, padding = c.padding): Values {
  const spec = { kind: 'depthwiseConv2d', kernelSize: c.kernelSize, strides: c.stride, padding } as const;
  return tensorValues(depthwiseConv2d(input, spec, { kernel }).output);
}

/** A kernel built tap by tap: value(i, j, ch) for every tap and channel. */
function mapKernel(c: DepthwiseCase, value: (i: number, j: number, ch: number) => number): Float32Array {
  const k = c.kernelSize;
  const channels = c.input.shape[2];
  const out = new Float32Array(k * k * channels);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) for (let ch = 0; ch < channels; ch++) out[(i * k + j) * channels + ch] = value(i, j, ch);
  return out;
}
const at = (c: DepthwiseCase, i: number, j: number, ch: number): number => c.kernel[(i * c.kernelSize + j) * c.input.shape[2] + ch];

/** The input with channel `off` set to zero. */
function withChannelOff(input: Tensor3, off: number): Tensor3 {
  const channels = input.shape[2];
  return fromArray(
    input.shape,
    input.data.map((v, i) => (i % channels === off ? 0 : v)),
  );
}

/** Pads like 'same' but puts the extra pixel top/left instead of TF's bottom/right, then runs 'valid'. */
function padTopLeft(c: DepthwiseCase): Values {
  const [height, width, channels] = c.input.shape;
  const total = (size: number): number => Math.max((Math.ceil(size / c.stride) - 1) * c.stride + c.kernelSize - size, 0);
  const th = total(height);
  const tw = total(width);
  const top = Math.ceil(th / 2); // the extra pixel on the wrong side
  const left = Math.ceil(tw / 2);
  const h2 = height + th;
  const w2 = width + tw;
  const data = new Float32Array(h2 * w2 * channels);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let ch = 0; ch < channels; ch++) data[((y + top) * w2 + x + left) * channels + ch] = c.input.data[(y * width + x) * channels + ch];
  return run(c, c.kernel, fromArray([h2, w2, channels], data), 'valid');
}

/** Output size by a wrong rule (floor(H/s) for 'same', floor((H−K)/s) for 'valid'), filled with the right values where they exist. */
function wrongSize(c: DepthwiseCase): Values {
  const right = run(c);
  const [height, width] = c.input.shape;
  const rule = (n: number): number => (c.padding === 'same' ? Math.floor(n / c.stride) : Math.floor((n - c.kernelSize) / c.stride));
  const [oh, ow, oc] = right.shape;
  const h = rule(height);
  const w = rule(width);
  if (h === oh && w === ow) return { shape: [-1], data: [] }; // the rule happens to agree here: nothing to recognise
  if (h <= 0 || w <= 0) return { shape: [-1], data: [] };
  const data: number[] = [];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let ch = 0; ch < oc; ch++) data.push(y < oh && x < ow ? right.data[(y * ow + x) * oc + ch] : 0);
  return { shape: [h, w, oc], data };
}

const depthwise: ImplementationExercise<DepthwiseCase> = {
  id: '02.impl1',
  prompt:
    'Write a depthwise convolution (depth multiplier 1, no bias): output channel c is the K×K filter kernel[i][j][c] slid over input channel c alone, ' +
    "with stride `stride` in both directions and padding 'same' (output ceil(H/s); TF puts an odd extra padding pixel bottom/right) or 'valid' (output floor((H−K)/s) + 1).",
  signature: 'depthwiseConv2d(input: number[][][], kernel: number[][][], stride: number, padding: "same" | "valid"): number[][][]',
  cases: () => [
    depthwiseCase(5, 5, 3, 3, 1, 'same', 201),
    depthwiseCase(6, 7, 2, 3, 1, 'valid', 211),
    depthwiseCase(7, 7, 4, 3, 2, 'same', 221),
    depthwiseCase(8, 6, 3, 3, 2, 'same', 231),
    depthwiseCase(9, 8, 5, 3, 2, 'valid', 241),
    depthwiseCase(6, 6, 2, 2, 2, 'same', 251),
  ],
  call: (fn, c) => fn(toArray3(c.input), nest(c.kernel, [c.kernelSize, c.kernelSize, c.input.shape[2]]), c.stride, c.padding),
  expected: (c) => run(c),
  read: readArray3,
  tolerance: 1e-4,
  bugs: [
    {
      name: 'summed over channels',
      hint: 'a depthwise filter reads ONE channel and there is no sum over c: the output keeps C channels, each from its own input channel.',
      produces: (c) => {
        const k = c.kernelSize;
        const spec = { kind: 'conv2d', filters: 1, kernelSize: k, strides: c.stride, padding: c.padding } as const;
        return tensorValues(conv2d(c.input, spec, { kernel: c.kernel }).output);
      },
      detect: ({ output, expected }) => {
        const channels = expected.shape[2];
        if (output.shape.length !== 3 || output.shape[2] !== channels || channels < 2) return false;
        // every output channel equal: one sum copied into all of them
        for (let p = 0; p < output.data.length; p += channels) {
          for (let ch = 1; ch < channels; ch++) if (Math.abs(output.data[p + ch] - output.data[p]) > 1e-6) return false;
        }
        return true;
      },
    },
    {
      name: 'one channel only',
      hint: 'every channel has its own filter: read kernel[i][j][c] for channel c, not the filter of channel 0.',
      produces: (c) =>
        run(
          c,
          mapKernel(c, (i, j) => at(c, i, j, 0)),
        ),
    },
    {
      name: 'channels mixed',
      hint: 'output channel c may read input channel c only; check the channel index you use on the input.',
      detect: ({ case: c, output, call }) => {
        const channels = c.input.shape[2];
        if (output.shape.length !== 3 || output.shape[2] !== channels) return false;
        for (let off = 0; off < channels; off++) {
          const changed = call({ ...c, input: withChannelOff(c.input, off) });
          if (!changed || changed.data.length !== output.data.length) continue;
          for (let p = 0; p < output.data.length; p++) {
            if (p % channels !== off && Math.abs(changed.data[p] - output.data[p]) > 1e-9) return true;
          }
        }
        return false;
      },
    },
    {
      name: 'wrong output size',
      hint: "count the output size again: 'same' gives ceil(H/s), 'valid' gives floor((H−K)/s) + 1 — the window must fit, and the first window starts at 0.",
      produces: wrongSize,
      detect: ({ output, expected }) => output.shape.length === 3 && (output.shape[0] !== expected.shape[0] || output.shape[1] !== expected.shape[1]),
    },
    {
      name: 'padding on the wrong side',
      hint: "when 'same' needs an odd number of padding pixels, TF puts the extra one at the bottom/right: pad_top = floor(total/2).",
      produces: padTopLeft,
    },
    {
      name: 'kernel flipped',
      hint: 'a CNN "convolution" is a cross-correlation: tap (i, j) multiplies input[y·s − pad + i][x·s − pad + j], without flipping the kernel.',
      produces: (c) =>
        run(
          c,
          mapKernel(c, (i, j, ch) => at(c, c.kernelSize - 1 - i, c.kernelSize - 1 - j, ch)),
        ),
    },
  ],
  fallback:
    'Check one output value by hand: for output (y, x, c) write down the K×K input values of channel c it reads and the K×K weights kernel[·][·][c], multiply pairwise and add.',
};

export const implementations: readonly ImplementationExercise[] = [implementationExercise(depthwise)];
