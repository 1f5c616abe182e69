/**
 * Hand-made 3×3 filters for running real convolutions on the photo in
 * lessons 01–02, and the weight arrays that put them into a layer.
 *
 * The banks a lesson checks in three views (three-views.ts) give every
 * (input channel, filter) pair its own numbers: lumaFilterBank weights the
 * pattern by each colour's luma share, perChannelFilterBank puts a different
 * kernel on every channel. With the same kernel on every channel a layer that
 * swapped channels would compute the same output and pass the check.
 *
 * A trained network learns its filters; these classic image-processing
 * kernels make the result of a convolution readable instead: a vertical-edge
 * detector lights up where brightness changes from left to right, a box blur
 * softens, and so on. The Sobel operator is the one from Sobel & Feldman
 * (1968); the box blur and the Laplacian are textbook kernels.
 *
 * Layouts are TF.js's (see src/layers/reference/weights.ts):
 *   standard conv   [K, K, C, M]   (filter m reads every input channel)
 *   depthwise       [K, K, C, d]   (filter q of channel c reads channel c only)
 */
import { ConvkitInputError, requireInteger } from '../../core/errors';

/** The filters a lesson can pick by name. */
export const PHOTO_KERNEL_NAMES = ['identity', 'boxBlur', 'sobelVertical', 'sobelHorizontal', 'laplacian', 'sharpen'] as const;
export type PhotoKernelName = (typeof PHOTO_KERNEL_NAMES)[number];

/** A 3×3 kernel, row-major: index ky·3 + kx. */
export type Kernel3x3 = readonly [number, number, number, number, number, number, number, number, number];

/** Each kernel, with what it does to an image. */
export const PHOTO_KERNELS: Readonly<Record<PhotoKernelName, { readonly values: Kernel3x3; readonly effect: string }>> = {
  identity: { values: [0, 0, 0, 0, 1, 0, 0, 0, 0], effect: 'copies the centre pixel: the output equals the input' },
  boxBlur: { values: [1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9, 1 / 9], effect: 'averages the 3×3 neighbourhood: a blur' },
  // Sobel: a horizontal derivative [-1, 0, 1] smoothed vertically by [1, 2, 1].
  sobelVertical: { values: [-1, 0, 1, -2, 0, 2, -1, 0, 1], effect: 'responds to vertical edges (brightness changing from left to right)' },
  sobelHorizontal: { values: [-1, -2, -1, 0, 0, 0, 1, 2, 1], effect: 'responds to horizontal edges (brightness changing from top to bottom)' },
  laplacian: { values: [0, 1, 0, 1, -4, 1, 0, 1, 0], effect: 'responds to spots and edges in any direction; zero on flat regions' },
  sharpen: { values: [0, -1, 0, -1, 5, -1, 0, -1, 0], effect: 'the image plus its negative Laplacian: edges stand out more' },
};

/** Looks a kernel up by name; unknown names are an input error listing the known ones. */
export function photoKernel(name: PhotoKernelName): Kernel3x3 {
  if (!(PHOTO_KERNEL_NAMES as readonly string[]).includes(name)) {
    throw new ConvkitInputError('kernel', name, `must be one of ${PHOTO_KERNEL_NAMES.join(', ')}`);
  }
  return PHOTO_KERNELS[name].values;
}

/** The kernels `names` asks for, in order; an empty or missing list is an input error. */
function photoKernelList(names: readonly PhotoKernelName[]): Kernel3x3[] {
  if (!Array.isArray(names) || names.length === 0) {
    throw new ConvkitInputError('names', names, 'must be a non-empty list of kernel names');
  }
  return names.map(photoKernel);
}

/**
 * Weights of a standard 3×3 convolution whose filter m applies kernel
 * `names[m]` to the channel average: every input channel gets the kernel
 * divided by C, so a grey edge and a coloured edge of the same brightness
 * give the same response. Layout [3, 3, C, M].
 */
export function standardFilterBank(names: readonly PhotoKernelName[], channels: number): Float32Array {
  const C = requireInteger('channels', channels);
  const kernels = photoKernelList(names);
  const M = kernels.length;
  const weights = new Float32Array(9 * C * M);
  for (let tap = 0; tap < 9; tap++) {
    for (let c = 0; c < C; c++) {
      for (let m = 0; m < M; m++) weights[(tap * C + c) * M + m] = kernels[m][tap] / C;
    }
  }
  return weights;
}

/**
 * Luma (grey value) weights of ITU-R BT.601 for red, green and blue: the
 * share each colour has in perceived brightness. Lesson 03 builds the same
 * grey value with a 1×1 convolution.
 */
export const LUMA_WEIGHTS = [0.299, 0.587, 0.114] as const;

/**
 * Weights of a standard 3×3 convolution on an RGB image whose filter m applies
 * kernel `names[m]` to the image's luma: input channel c gets the kernel times
 * LUMA_WEIGHTS[c], so filter m sees 0.299·R + 0.587·G + 0.114·B through its
 * pattern, and no two (channel, filter) slices are equal. Layout [3, 3, 3, M].
 */
export function lumaFilterBank(names: readonly PhotoKernelName[]): Float32Array {
  const kernels = photoKernelList(names);
  const C = LUMA_WEIGHTS.length;
  const M = kernels.length;
  const weights = new Float32Array(9 * C * M);
  for (let tap = 0; tap < 9; tap++) {
    for (let c = 0; c < C; c++) {
      for (let m = 0; m < M; m++) weights[(tap * C + c) * M + m] = kernels[m][tap] * LUMA_WEIGHTS[c];
    }
  }
  return weights;
}

/**
 * Weights of a 3×3 depthwise convolution (depth multiplier 1) that runs a
 * different kernel on every channel: channel c gets `names[c]`, so the
 * layer has as many channels as names. Layout [3, 3, C, 1].
 */
export function perChannelFilterBank(names: readonly PhotoKernelName[]): Float32Array {
  const kernels = photoKernelList(names);
  const C = kernels.length;
  const weights = new Float32Array(9 * C);
  for (let tap = 0; tap < 9; tap++) {
    for (let c = 0; c < C; c++) weights[tap * C + c] = kernels[c][tap];
  }
  return weights;
}

/**
 * Weights of a 3×3 depthwise convolution (depth multiplier = names.length)
 * that applies kernel `names[q]` to EVERY channel on its own: output channel
 * c·d + q is kernel q run over input channel c. Layout [3, 3, C, d].
 */
export function depthwiseFilterBank(names: readonly PhotoKernelName[], channels: number): Float32Array {
  const C = requireInteger('channels', channels);
  const kernels = photoKernelList(names);
  const d = kernels.length;
  const weights = new Float32Array(9 * C * d);
  for (let tap = 0; tap < 9; tap++) {
    for (let c = 0; c < C; c++) {
      for (let q = 0; q < d; q++) weights[(tap * C + c) * d + q] = kernels[q][tap];
    }
  }
  return weights;
}
