/**
 * Lesson 04's implementation exercises (see ../exercise.ts for how a
 * learner's function is checked).
 *
 * 04.impl1 — the depthwise separable convolution composed from its two steps
 * (Howard et al. 2017, §3.1), with a depth multiplier d as TF.js's
 * `separableConv2d` has one: the learner reuses a depthwise step with one
 * filter per channel and a pointwise step (the notebook's, or their own from
 * lessons 02 and 03) and must run the depthwise step d times, put filter q of
 * channel c at channel c·d + q, apply the stride there and nowhere else, and
 * only then mix the channels. The reference is the kit's
 * `separableConv2d` (src/layers/reference/separable-conv2d.ts).
 *
 * 04.impl2 — a multiply-add counter in the separable loops; the reference is
 * the count the kit's loops keep, H_out·W_out·C·(K² + M) (§3.1, eq. 5 with
 * the output size in place of D_F).
 *
 * Every bug is declared by what a function with it returns, computed here
 * from the kit's reference layers run the wrong way round.
 */
import { normalizeDepthwiseConv2d } from '../../../core/defaults';
import { uniformArray } from '../../../core/random';
import type { Padding, SeparableConv2dSpec, Shape3 } from '../../../core/spec';
import { randomTensor, type Tensor3 } from '../../../core/tensor';
import { layerCost } from '../../../cost/layer-cost';
import { activation } from '../../../layers/reference/activation';
import { depthwiseConv2d } from '../../../layers/reference/depthwise-conv2d';
import { pointwiseConv2d } from '../../../layers/reference/pointwise-conv2d';
import { separableConv2d } from '../../../layers/reference/separable-conv2d';
import { window2d } from '../../../layers/reference/window';
import type { ImplementationCase, ImplementationExercise } from '../exercise';
import { implementationExercise } from '../index';
import { nest, readArray3, readNumber, tensorValues, toArray3, type Values } from '../values';

/** One seeded separable layer: an input, its two kernels and the window. */
export interface SeparableCase extends ImplementationCase {
  readonly input: Tensor3;
  readonly kernelSize: number;
  readonly depthMultiplier: number;
  readonly filters: number;
  readonly stride: number;
  readonly padding: 'same' | 'valid';
  /** [K, K, C, d], TF.js's depthwise layout. */
  readonly depthwiseKernel: Float32Array;
  /** [C·d, M]: the 1×1 kernel without its two unit axes. */
  readonly pointwiseKernel: Float32Array;
}

interface Layout {
  readonly shape: Shape3;
  readonly kernelSize: number;
  readonly depthMultiplier: number;
  readonly filters: number;
  readonly stride: number;
  readonly padding: 'same' | 'valid';
}

function makeCase(layout: Layout, seed: number): SeparableCase {
  const [h, w, c] = layout.shape;
  const { kernelSize: k, depthMultiplier: d, filters: m, stride, padding } = layout;
  const dm = d === 1 ? '' : `, depth multiplier ${d}`;
  return {
    ...layout,
    label: `input ${h}×${w}×${c}, ${k}×${k}${dm}, ${m} filters, stride ${stride}, '${padding}'`,
    input: randomTensor(layout.shape, seed),
    // Uniform in [-1, 1): a different filter for every channel and every q.
    depthwiseKernel: uniformArray(k * k * c * d, seed + 1),
    pointwiseKernel: uniformArray(c * d * m, seed + 2),
  };
}

const separableSpec = (c: SeparableCase): SeparableConv2dSpec => ({
  kind: 'separableConv2d',
  filters: c.filters,
  kernelSize: c.kernelSize,
  strides: c.stride,
  padding: c.padding,
  depthMultiplier: c.depthMultiplier,
});

/** What no function returns: a bug that cannot show on a case produces this, and nothing agrees with it. */
const NEVER: Values = { shape: [0], data: [] };

// --- The steps of a separable layer, from the kit's reference layers, to build the bugs from ------

function depthwiseStep(input: Tensor3, kernel: Float32Array, c: SeparableCase, stride: number, depthMultiplier = c.depthMultiplier): Tensor3 {
  const spec = { kind: 'depthwiseConv2d' as const, kernelSize: c.kernelSize, strides: stride, padding: c.padding as Padding, depthMultiplier };
  return depthwiseConv2d(input, spec, { kernel }).output;
}

function pointwiseStep(input: Tensor3, kernel: Float32Array, filters: number): Tensor3 {
  return pointwiseConv2d(input, { kind: 'pointwiseConv2d', filters }, { kernel }).output;
}

/** Keeps every `stride`-th row and column from the first: what a 1×1 convolution with that stride reads. */
function subsample(map: Tensor3, stride: number): Tensor3 {
  const [h, w, channels] = map.shape;
  const outH = Math.ceil(h / stride);
  const outW = Math.ceil(w / stride);
  const data = new Float32Array(outH * outW * channels);
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      for (let k = 0; k < channels; k++) data[(y * outW + x) * channels + k] = map.data[(y * stride * w + x * stride) * channels + k];
    }
  }
  return { shape: [outH, outW, channels], data };
}

/** The depthwise kernel's filter q of every channel, [K, K, C] with d = 1. */
function filterSlice(c: SeparableCase, q: number): Float32Array {
  const taps = c.kernelSize * c.kernelSize * c.input.shape[2];
  return Float32Array.from({ length: taps }, (_, i) => c.depthwiseKernel[i * c.depthMultiplier + q]);
}

/** The depthwise result with filter q of channel c at channel q·C + c (blocks of C) instead of c·d + q. */
function depthwiseBlocked(c: SeparableCase): Tensor3 {
  const channels = c.input.shape[2];
  const d = c.depthMultiplier;
  const right = depthwiseStep(c.input, c.depthwiseKernel, c, c.stride);
  const data = new Float32Array(right.data.length);
  for (let base = 0; base < data.length; base += channels * d) {
    for (let k = 0; k < channels; k++) for (let q = 0; q < d; q++) data[base + q * channels + k] = right.data[base + k * d + q];
  }
  return { shape: right.shape, data };
}

// --- 04.impl1: the composition -----------------------------------------------------------------

const SEPARABLE_LAYOUTS: readonly Layout[] = [
  // C = M and d = 1 first: the only shapes where the steps can be run the wrong way round.
  { shape: [7, 7, 4], kernelSize: 3, depthMultiplier: 1, filters: 4, stride: 1, padding: 'same' },
  // Even size, stride 2, 'same': TF's odd padding pixel goes bottom/right, so a stride moved to the 1×1 step shows.
  { shape: [8, 8, 3], kernelSize: 3, depthMultiplier: 2, filters: 5, stride: 2, padding: 'same' },
  { shape: [6, 5, 2], kernelSize: 3, depthMultiplier: 3, filters: 4, stride: 1, padding: 'valid' },
  { shape: [9, 9, 5], kernelSize: 3, depthMultiplier: 1, filters: 6, stride: 2, padding: 'valid' },
  { shape: [6, 6, 4], kernelSize: 3, depthMultiplier: 1, filters: 4, stride: 2, padding: 'same' },
  { shape: [5, 6, 3], kernelSize: 5, depthMultiplier: 2, filters: 3, stride: 1, padding: 'same' },
];

const separableCases = (): SeparableCase[] => SEPARABLE_LAYOUTS.map((layout, i) => makeCase(layout, 4100 + 10 * i));

const composition: ImplementationExercise<SeparableCase> = {
  id: '04.impl1',
  prompt:
    'Compose a depthwise separable convolution with a depth multiplier d from a depthwise step that has one filter per channel ' +
    "and a pointwise step (the notebook's depthwise and pointwise, or your own from lessons 02 and 03): run the depthwise step once " +
    'for each q < d with filters kernel[i][j][c][q], put filter q of channel c at channel c·d + q, then mix the C·d channels with the ' +
    'pointwise kernel. The stride and padding belong to the depthwise step; there is no activation between the two steps.',
  signature:
    'separableConv2d(input: number[][][], depthwiseKernel: number[][][][], pointwiseKernel: number[][], stride: number, padding: "same" | "valid"): number[][][]',
  cases: separableCases,
  call: (fn, c) => {
    const [, , channels] = c.input.shape;
    const depthwise = nest(c.depthwiseKernel, [c.kernelSize, c.kernelSize, channels, c.depthMultiplier]);
    const pointwise = nest(c.pointwiseKernel, [channels * c.depthMultiplier, c.filters]);
    return fn(toArray3(c.input), depthwise, pointwise, c.stride, c.padding);
  },
  expected: (c) => tensorValues(separableConv2d(c.input, separableSpec(c), { depthwiseKernel: c.depthwiseKernel, pointwiseKernel: c.pointwiseKernel }).output),
  read: readArray3,
  tolerance: 1e-4,
  bugs: [
    {
      name: 'steps swapped',
      hint: 'your output is the pointwise step run first and the depthwise step on its result. The depthwise step filters the input channels one by one; the pointwise step mixes what it produced.',
      produces: (c) => {
        if (c.depthMultiplier !== 1 || c.filters !== c.input.shape[2]) return NEVER;
        return tensorValues(depthwiseStep(pointwiseStep(c.input, c.pointwiseKernel, c.filters), c.depthwiseKernel, c, c.stride));
      },
    },
    {
      name: 'ReLU between the steps',
      hint: 'a separable convolution is linear: nothing happens between its depthwise and its pointwise step. MobileNet puts BN and ReLU there as layers of their own (Fig. 3), not inside the convolution.',
      produces: (c) => {
        const relu = activation(depthwiseStep(c.input, c.depthwiseKernel, c, c.stride), { kind: 'activation', activation: 'relu' }).output;
        return tensorValues(pointwiseStep(relu, c.pointwiseKernel, c.filters));
      },
    },
    {
      name: 'depth multiplier ignored',
      hint: 'you used only filter q = 0 of each channel, so the depthwise result has C channels and the pointwise step read only the first C rows of its kernel. With depth multiplier d each channel has d filters: the result has C·d channels.',
      produces: (c) => {
        if (c.depthMultiplier === 1) return NEVER;
        const channels = c.input.shape[2];
        const first = depthwiseStep(c.input, filterSlice(c, 0), c, c.stride, 1);
        return tensorValues(pointwiseStep(first, c.pointwiseKernel.slice(0, channels * c.filters), c.filters));
      },
    },
    {
      name: 'depth-multiplier channels in the wrong order',
      hint: "you put the d filtered copies one block of C channels after another (channel q·C + c). TF.js orders them channel by channel: filter q of input channel c is channel c·d + q, and the pointwise kernel's rows follow that order.",
      produces: (c) =>
        c.depthMultiplier === 1 || c.input.shape[2] === 1 ? NEVER : tensorValues(pointwiseStep(depthwiseBlocked(c), c.pointwiseKernel, c.filters)),
    },
    {
      name: 'stride in the pointwise step',
      hint: "you ran the depthwise step at stride 1 and skipped pixels in the 1×1 step. The stride belongs to the depthwise window: with 'same' padding its padding depends on the stride (TF puts the odd pixel at the bottom and right), so the windows are not the same.",
      produces: (c) =>
        c.stride === 1
          ? NEVER
          : tensorValues(pointwiseStep(subsample(depthwiseStep(c.input, c.depthwiseKernel, c, 1), c.stride), c.pointwiseKernel, c.filters)),
    },
    {
      name: 'stride applied in both steps',
      hint: "the map was shrunk twice: by the depthwise step and again in the pointwise step. Only the depthwise step strides; the 1×1 step keeps its input's size.",
      produces: (c) =>
        c.stride === 1
          ? NEVER
          : tensorValues(pointwiseStep(subsample(depthwiseStep(c.input, c.depthwiseKernel, c, c.stride), c.stride), c.pointwiseKernel, c.filters)),
    },
  ],
  fallback:
    'Check the steps one at a time: the depthwise result must be H_out×W_out×(C·d) with filter q of channel c at channel c·d + q (compare it with your depthwise function run on kernel[i][j][c][q] for one q), then the pointwise step turns its C·d channels into M.',
};

// --- 04.impl2: counting the multiply-adds --------------------------------------------------------

const COUNT_LAYOUTS: readonly Layout[] = [
  { shape: [7, 7, 3], kernelSize: 3, depthMultiplier: 1, filters: 8, stride: 1, padding: 'same' },
  { shape: [8, 8, 4], kernelSize: 3, depthMultiplier: 1, filters: 6, stride: 2, padding: 'same' },
  { shape: [9, 7, 5], kernelSize: 3, depthMultiplier: 1, filters: 4, stride: 2, padding: 'valid' },
  { shape: [6, 6, 2], kernelSize: 5, depthMultiplier: 1, filters: 3, stride: 1, padding: 'valid' },
  { shape: [10, 10, 6], kernelSize: 3, depthMultiplier: 1, filters: 16, stride: 2, padding: 'same' },
  { shape: [5, 8, 3], kernelSize: 3, depthMultiplier: 1, filters: 2, stride: 1, padding: 'same' },
];

const countCases = (): SeparableCase[] => COUNT_LAYOUTS.map((layout, i) => makeCase(layout, 4200 + 10 * i));

const count = (n: number): Values => ({ shape: [], data: [n] });

/** The sizes the formula needs: H, W, C in; H_out, W_out out; K; M. */
function sizes(c: SeparableCase) {
  const [h, w, channels] = c.input.shape;
  const cost = layerCost(separableSpec(c), [c.input.shape]);
  const [outH, outW] = cost.outputShape;
  return { h, w, channels, outH, outW, k2: c.kernelSize * c.kernelSize, m: c.filters };
}

/** Depthwise taps that land inside the image (not on padding), summed over every output position and channel. */
function tapsInside(c: SeparableCase): number {
  const layer = normalizeDepthwiseConv2d({ kind: 'depthwiseConv2d', kernelSize: c.kernelSize, strides: c.stride, padding: c.padding });
  const win = window2d(c.input.shape, layer.kernelSize, layer.strides, layer.dilation, layer.padding);
  const [h, w, channels] = c.input.shape;
  let inside = 0;
  for (let oy = 0; oy < win.outHeight; oy++) {
    for (let ox = 0; ox < win.outWidth; ox++) {
      for (let ky = 0; ky < win.kernelHeight; ky++) {
        for (let kx = 0; kx < win.kernelWidth; kx++) {
          const iy = oy * win.strideHeight - win.padTop + ky;
          const ix = ox * win.strideWidth - win.padLeft + kx;
          if (iy >= 0 && iy < h && ix >= 0 && ix < w) inside += channels;
        }
      }
    }
  }
  return inside;
}

const counting: ImplementationExercise<SeparableCase> = {
  id: '04.impl2',
  prompt:
    'Add a multiply-add counter to the loops of a depthwise separable convolution (depth multiplier 1) and return the count: one MAC for ' +
    'every product added into a sum, in both steps. Taps that land on zero padding count too (the papers and the kit count every tap of the ' +
    'kernel at every output position). Your count must equal H_out·W_out·C·(K² + M).',
  signature:
    'countSeparableMacs(input: number[][][], depthwiseKernel: number[][][], pointwiseKernel: number[][], stride: number, padding: "same" | "valid"): number',
  cases: countCases,
  call: (fn, c) => {
    const [, , channels] = c.input.shape;
    return fn(
      toArray3(c.input),
      nest(c.depthwiseKernel, [c.kernelSize, c.kernelSize, channels]),
      nest(c.pointwiseKernel, [channels, c.filters]),
      c.stride,
      c.padding,
    );
  },
  expected: (c) => count(separableConv2d(c.input, separableSpec(c), { depthwiseKernel: c.depthwiseKernel, pointwiseKernel: c.pointwiseKernel }).macs),
  read: readNumber,
  // Counts are integers: the relative tolerance is far below one MAC.
  tolerance: 1e-9,
  bugs: [
    {
      name: "standard convolution's MACs",
      hint: 'that is H_out·W_out·K²·C·M, the standard convolution the separable layer replaces. The depthwise step takes K² products per output value of ONE channel; only the 1×1 step sums over channels.',
      produces: (c) => {
        const s = sizes(c);
        return count(s.outH * s.outW * s.k2 * s.channels * s.m);
      },
    },
    {
      name: 'forgot the pointwise part',
      hint: 'that is the depthwise step alone (H_out·W_out·C·K²). The 1×1 step adds H_out·W_out·C·M, usually the larger part.',
      produces: (c) => {
        const s = sizes(c);
        return count(s.outH * s.outW * s.channels * s.k2);
      },
    },
    {
      name: 'forgot the depthwise part',
      hint: 'that is the 1×1 step alone (H_out·W_out·C·M). The depthwise step before it does K² products per output value and channel.',
      produces: (c) => {
        const s = sizes(c);
        return count(s.outH * s.outW * s.channels * s.m);
      },
    },
    {
      name: 'input size instead of output size',
      hint: "with stride 2 or 'valid' padding the output is smaller than the input: count per OUTPUT position (H_out·W_out), in the depthwise step and in the 1×1 step, which runs on the depthwise result.",
      detect: ({ case: c, output }) => {
        const s = sizes(c);
        const value = output.data[0];
        return value === s.h * s.w * s.channels * (s.k2 + s.m) || value === s.outH * s.outW * s.channels * s.k2 + s.h * s.w * s.channels * s.m;
      },
    },
    {
      name: 'FLOPs instead of MACs',
      hint: 'that is twice the count: you counted the multiply and the add separately (FLOPs). One multiply-accumulate is one product added into a sum.',
      produces: (c) => {
        const s = sizes(c);
        return count(2 * s.outH * s.outW * s.channels * (s.k2 + s.m));
      },
    },
    {
      name: 'padded taps not counted',
      hint: "you counted only the taps inside the image. With 'same' padding the edge windows also reach zero padding; the convention (papers, profilers, the kit) counts every tap of the kernel at every output position.",
      produces: (c) => {
        const s = sizes(c);
        return count(tapsInside(c) + s.outH * s.outW * s.channels * s.m);
      },
    },
  ],
  fallback:
    'Count one case by hand: the output size (H_out, W_out) from the stride and padding, then K² products per output value and channel in the depthwise step and C·M per output pixel in the 1×1 step.',
};

export const implementations: readonly ImplementationExercise[] = [implementationExercise(composition), implementationExercise(counting)];
