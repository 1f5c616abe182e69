/**
 * One output value of a convolution, taken apart: which input values the
 * window covers, which weights they meet, the products, and their sum. Lesson
 * 01 derives the cost from it — one output value of a standard convolution is
 * K·K·C multiply-adds, the whole map H_out·W_out·M times that — and lessons
 * 02–03 show the same for depthwise (K·K) and pointwise (C) layers.
 *
 * The sum is computed here with its own loop; a lesson compares it with the
 * value the full reference layer produced at that position.
 */
import { ConvkitInputError } from '../../core/errors';
import { normalizeConv2d, normalizeDepthwiseConv2d, normalizePointwiseConv2d } from '../../core/defaults';
import type { Conv2dSpec, DepthwiseConv2dSpec, PointwiseConv2dSpec } from '../../core/spec';
import { checkTensor, type Tensor3 } from '../../core/tensor';
import { window2d } from '../../layers/reference/window';

/** One kernel tap: the input value it reads (0 on padding), its weight, and their product. */
export interface Tap {
  readonly ky: number;
  readonly kx: number;
  /** Input channel read. */
  readonly channel: number;
  /** Input row and column; outside the image when `padded`. */
  readonly row: number;
  readonly col: number;
  readonly padded: boolean;
  readonly input: number;
  readonly weight: number;
  readonly product: number;
}

export interface OutputValueBreakdown {
  readonly taps: readonly Tap[];
  /** Σ products (+ bias when the layer has one). */
  readonly value: number;
  /** Multiply-adds for this one value: one per tap (padded taps included, as the formula counts them). */
  readonly macs: number;
}

/** Where in the output: row, column and output channel. */
export interface OutputPosition {
  readonly row: number;
  readonly col: number;
  readonly channel: number;
}

export type ConvLikeSpec = Conv2dSpec | DepthwiseConv2dSpec | PointwiseConv2dSpec;

/**
 * Takes apart the output value at `position` of `spec` (standard conv with
 * groups 1, depthwise, or pointwise) on `input` with `kernel` in TF.js
 * layout and an optional `bias`.
 */
export function outputValueBreakdown(
  input: Tensor3,
  spec: ConvLikeSpec,
  kernel: Float32Array,
  position: OutputPosition,
  bias?: Float32Array,
): OutputValueBreakdown {
  checkTensor('input', input);
  const [height, width, channels] = input.shape;
  const geometry = layerGeometry(spec, channels);
  const win = window2d(input.shape, geometry.kernelSize, geometry.strides, geometry.dilation, geometry.padding);
  const outChannels = geometry.outChannels;
  checkIndex('position.row', position?.row, win.outHeight);
  checkIndex('position.col', position?.col, win.outWidth);
  checkIndex('position.channel', position?.channel, outChannels);
  const expectedKernel = win.kernelHeight * win.kernelWidth * geometry.kernelChannels * geometry.kernelOutputs;
  if (!(kernel instanceof Float32Array) || kernel.length !== expectedKernel) {
    throw new ConvkitInputError('kernel.length', kernel?.length, `must be ${expectedKernel} (TF.js layout for this layer)`);
  }

  const taps: Tap[] = [];
  const { row: oy, col: ox, channel: m } = position;
  // depthwise: output channel m = c·d + q reads input channel c with filter q
  const readChannels = geometry.depthwise ? [Math.floor(m / geometry.kernelOutputs)] : range(channels);
  for (let ky = 0; ky < win.kernelHeight; ky++) {
    const row = oy * win.strideHeight - win.padTop + ky * win.dilationHeight;
    for (let kx = 0; kx < win.kernelWidth; kx++) {
      const col = ox * win.strideWidth - win.padLeft + kx * win.dilationWidth;
      const padded = row < 0 || row >= height || col < 0 || col >= width;
      for (const c of readChannels) {
        const x = padded ? 0 : input.data[(row * width + col) * channels + c];
        const kernelColumn = geometry.depthwise ? m % geometry.kernelOutputs : m;
        const w = kernel[((ky * win.kernelWidth + kx) * geometry.kernelChannels + c) * geometry.kernelOutputs + kernelColumn];
        taps.push({ ky, kx, channel: c, row, col, padded, input: x, weight: w, product: x * w });
      }
    }
  }
  let value = taps.reduce((sum, tap) => sum + tap.product, 0);
  if (bias !== undefined) {
    if (!(bias instanceof Float32Array) || bias.length !== outChannels) {
      throw new ConvkitInputError('bias.length', bias?.length, `must be ${outChannels}, one per output channel`);
    }
    value += bias[m];
  }
  return { taps, value, macs: taps.length };
}

interface Geometry {
  kernelSize: readonly [number, number];
  strides: readonly [number, number];
  dilation: readonly [number, number];
  padding: ReturnType<typeof normalizeConv2d>['padding'];
  /** Third axis of the kernel array (C for all three kinds). */
  kernelChannels: number;
  /** Fourth axis: M, or d for depthwise. */
  kernelOutputs: number;
  outChannels: number;
  depthwise: boolean;
}

function layerGeometry(spec: ConvLikeSpec, channels: number): Geometry {
  switch (spec?.kind) {
    case 'conv2d': {
      const layer = normalizeConv2d(spec);
      if (layer.groups !== 1) throw new ConvkitInputError('groups', layer.groups, 'must be 1 here (one filter sees every channel)');
      return { ...layer, kernelChannels: channels, kernelOutputs: layer.filters, outChannels: layer.filters, depthwise: false };
    }
    case 'depthwiseConv2d': {
      const layer = normalizeDepthwiseConv2d(spec);
      const d = layer.depthMultiplier;
      return { ...layer, kernelChannels: channels, kernelOutputs: d, outChannels: channels * d, depthwise: true };
    }
    case 'pointwiseConv2d': {
      const layer = normalizePointwiseConv2d(spec);
      const one: readonly [number, number] = [1, 1];
      return {
        kernelSize: one,
        strides: one,
        dilation: one,
        padding: 'valid',
        kernelChannels: channels,
        kernelOutputs: layer.filters,
        outChannels: layer.filters,
        depthwise: false,
      };
    }
    default:
      throw new ConvkitInputError('spec.kind', (spec as { kind?: unknown })?.kind, 'must be conv2d, depthwiseConv2d or pointwiseConv2d');
  }
}

function checkIndex(field: string, value: unknown, size: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= size) {
    throw new ConvkitInputError(field, value, `must be an integer from 0 to ${size - 1}`);
  }
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
