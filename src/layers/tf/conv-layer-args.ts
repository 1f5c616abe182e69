/**
 * The arguments the kit's own convolution layers (GroupedConv2D,
 * DilatedDepthwiseConv2D) share, checked once: the window (kernel size,
 * strides, TF padding rule, dilation), the bias switch and the seeded kernel
 * initialiser; and the output length the window gives, TF's rule written out
 * here so the TF.js view keeps its own shape arithmetic, independent of the
 * cost model's (src/cost/output-shape.ts).
 */
import { ConvkitInputError, requireInteger } from '../../core/errors';
import { requireDilationOrStrideOne } from '../../core/defaults';
import { requireKernelInitializerName, requireSeed, type KernelInitializerName } from './kernel-initializer';

export interface ConvLayerArgs {
  /** [Kh, Kw]. */
  kernelSize: [number, number];
  /** [vertical, horizontal]. Default [1, 1]. */
  strides?: [number, number];
  /** TF padding rule. Default 'same'. (Explicit padding: put a zeroPadding2d in front and use 'valid'.) */
  padding?: 'same' | 'valid';
  /** [vertical, horizontal]; > 1 only with strides 1 (src/models/defaults.ts requireDilationOrStrideOne). Default [1, 1]. */
  dilation?: [number, number];
  /** Add a bias per output channel. Default false. */
  useBias?: boolean;
  /** Kernel initialiser family. Default 'heNormal'. */
  kernelInitializer?: KernelInitializerName;
  /** Seed of the kernel initialiser. Default 0. */
  seed?: number;
}

/** ConvLayerArgs checked, with every default filled in. */
export type CheckedConvLayerArgs = Required<ConvLayerArgs>;

function requirePair(field: string, pair: readonly [number, number]): [number, number] {
  return [requireInteger(field, pair[0]), requireInteger(field, pair[1])];
}

export function requireConvLayerArgs(args: ConvLayerArgs): CheckedConvLayerArgs {
  const kernelSize = [requireInteger('kernelSize', args.kernelSize?.[0]), requireInteger('kernelSize', args.kernelSize?.[1])] as [number, number];
  const strides = requirePair('strides', args.strides ?? [1, 1]);
  const dilation = requirePair('dilation', args.dilation ?? [1, 1]);
  requireDilationOrStrideOne(dilation, strides);
  const padding = args.padding ?? 'same';
  if (padding !== 'same' && padding !== 'valid') {
    throw new ConvkitInputError('padding', padding, "must be 'same' or 'valid'");
  }
  return {
    kernelSize,
    strides,
    padding,
    dilation,
    useBias: args.useBias ?? false,
    kernelInitializer: requireKernelInitializerName('kernelInitializer', args.kernelInitializer ?? 'heNormal'),
    seed: requireSeed('seed', args.seed ?? 0),
  };
}

/**
 * Output length along one axis (0 vertical, 1 horizontal), or null for an
 * unknown input length: ⌈n/s⌉ with 'same', ⌊(n − ((K−1)·r + 1))/s⌋ + 1 with 'valid'.
 */
export function convOutputLength(
  size: number | null,
  axis: 0 | 1,
  window: Pick<CheckedConvLayerArgs, 'kernelSize' | 'strides' | 'padding' | 'dilation'>,
): number | null {
  if (size == null) return null;
  const s = window.strides[axis];
  if (window.padding === 'same') return Math.ceil(size / s);
  const dilatedKernel = (window.kernelSize[axis] - 1) * window.dilation[axis] + 1;
  return Math.floor((size - dilatedKernel) / s) + 1;
}
