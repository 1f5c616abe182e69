/**
 * Do a layer's weights differ per channel and per filter? A three-views check
 * (three-views.ts) is only as good as the weights it runs with: if every input
 * channel holds the same kernel (the same Sobel pattern on red, green and
 * blue, say), an implementation that reads the wrong channel, or swaps the
 * channel and filter axes, computes the very same output and the check says
 * "agree: yes". With a different kernel for every (input channel, filter)
 * pair, any mix-up of the two axes changes the output.
 *
 * A kernel in TF.js layout [K_h, K_w, A, B] (src/layers/reference/weights.ts)
 * is cut into A·B slices, slice (a, b) being the K_h·K_w taps of input
 * channel a and filter b (for a depthwise kernel: channel a, multiplier b).
 * The weights pass when no two slices are equal.
 */
import { ConvkitInputError } from '../../core/errors';
import type { LayerWeights } from '../../layers/reference/weights';
import { weightShapes } from '../../layers/reference/weights';
import type { LayerSpec, Shape3 } from '../../core/spec';

/** What one kernel array of a layer looks like, cut into (channel, filter) slices. */
export interface KernelSlices {
  /** The weight's name in the layer's weights object, e.g. "kernel" or "depthwiseKernel". */
  readonly weight: string;
  /** Its TF.js shape [K_h, K_w, A, B]. */
  readonly shape: readonly [number, number, number, number];
  /** How the two slice axes are called, e.g. ["input channel", "filter"]. */
  readonly axes: readonly [string, string];
  /** A·B. */
  readonly slices: number;
  /** The first two equal slices found, as [a, b] index pairs; null when all differ. */
  readonly firstRepeat: readonly [readonly [number, number], readonly [number, number]] | null;
}

/** The kernel arrays of each conv kind, and what their two slice axes mean. */
const KERNELS: Readonly<Record<string, readonly (readonly [string, readonly [string, string]])[]>> = {
  conv2d: [['kernel', ['input channel', 'filter']]],
  pointwiseConv2d: [['kernel', ['input channel', 'filter']]],
  depthwiseConv2d: [['kernel', ['channel', 'multiplier']]],
  separableConv2d: [
    ['depthwiseKernel', ['channel', 'multiplier']],
    ['pointwiseKernel', ['input channel', 'filter']],
  ],
};

/**
 * Every kernel of `spec` on `inputShape`, cut into slices and checked for
 * repeats. Layer kinds without conv kernels have none (empty list).
 */
export function kernelSlices(spec: LayerSpec, inputShape: Shape3, weights: LayerWeights): KernelSlices[] {
  const kernels = KERNELS[spec?.kind] ?? [];
  if (kernels.length === 0) return [];
  const shapes = weightShapes(spec, [inputShape]);
  return kernels.map(([weight, axes]) => {
    const values = (weights as unknown as Record<string, ArrayLike<number> | undefined> | undefined)?.[weight];
    const [kh, kw, A, B] = shapes[weight] as [number, number, number, number];
    if (values === undefined || values.length !== kh * kw * A * B) {
      throw new ConvkitInputError(`weights.${weight}.length`, values?.length, `must be ${kh * kw * A * B} (shape ${[kh, kw, A, B].join('×')})`);
    }
    const seen = new Map<string, readonly [number, number]>();
    let firstRepeat: KernelSlices['firstRepeat'] = null;
    for (let a = 0; a < A && firstRepeat === null; a++) {
      for (let b = 0; b < B && firstRepeat === null; b++) {
        const taps: number[] = [];
        for (let tap = 0; tap < kh * kw; tap++) taps.push(values[(tap * A + a) * B + b]);
        const key = taps.join(',');
        const earlier = seen.get(key);
        if (earlier !== undefined) firstRepeat = [earlier, [a, b]];
        else seen.set(key, [a, b]);
      }
    }
    return { weight, shape: [kh, kw, A, B], axes, slices: A * B, firstRepeat };
  });
}

/** True when every kernel of the layer has a different slice for every (channel, filter) pair. */
export function weightsDifferPerChannelAndFilter(spec: LayerSpec, inputShape: Shape3, weights: LayerWeights): boolean {
  return kernelSlices(spec, inputShape, weights).every((k) => k.firstRepeat === null);
}

/** Throws a ConvkitInputError naming the weight and the first two equal slices; returns the slices otherwise. */
export function requireDistinctSlices(spec: LayerSpec, inputShape: Shape3, weights: LayerWeights): KernelSlices[] {
  const all = kernelSlices(spec, inputShape, weights);
  for (const k of all) {
    if (k.firstRepeat === null) continue;
    const [[a1, b1], [a2, b2]] = k.firstRepeat;
    const [axisA, axisB] = k.axes;
    // The weight is a tensor: the message names the two equal slices instead of echoing it.
    throw new ConvkitInputError(
      `weights.${k.weight}`,
      k.firstRepeat,
      `a three-views check needs a different kernel for every (${axisA}, ${axisB}) pair, or a layer that mixes up channels would still agree`,
      `has slice (${axisA} ${a2}, ${axisB} ${b2}) equal to slice (${axisA} ${a1}, ${axisB} ${b1})`,
    );
  }
  return all;
}

/** One line for the check's printout, e.g. "27 slices of 3×3 (3 input channels × 3 filters), no two equal". */
export function describeSlices(slices: readonly KernelSlices[]): string {
  return slices
    .map((k) => {
      const [kh, kw, A, B] = k.shape;
      const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
      const what = kh * kw === 1 ? 'weights' : `slices of ${kh}×${kw}`;
      const verdict = k.firstRepeat === null ? 'no two equal' : 'SOME EQUAL';
      const prefix = slices.length > 1 ? `${k.weight}: ` : '';
      return `${prefix}${k.slices} ${what} (${plural(A, k.axes[0])} × ${plural(B, k.axes[1])}), ${verdict}`;
    })
    .join('; ');
}
