/**
 * Resizing a [H, W, C] image, for the small inputs the lessons need (8×8
 * digits → 16×16, a photo → 64×64).
 *
 * Both methods place pixel centres at half-integers ("half-pixel centres",
 * as tf.image.resize* with halfPixelCenters = true and PIL/OpenCV do), so an
 * image is scaled about its centre rather than its top-left corner. Output
 * pixel o along an axis of scale r = in / out samples the source at
 *
 *   nearest:  src = min(floor((o + 0.5)·r), in − 1)
 *   bilinear: src = (o + 0.5)·r − 0.5, clamped to [0, in − 1], and blends
 *             the two neighbouring pixels by the fractional part.
 *
 * Nearest keeps the digits' blocky pixels exactly (a 2× upsample repeats each
 * pixel in a 2×2 block); bilinear gives smooth photos.
 */
import { ConvkitInputError, requireInteger } from '../core/errors';
import { checkTensor, requireAllocatable, type Tensor3 } from '../core/tensor';

export type ResizeMethod = 'nearest' | 'bilinear';

/** Resizes `image` to height × width with the given method (default bilinear). */
export function resize(image: Tensor3, height: number, width: number, method: ResizeMethod = 'bilinear'): Tensor3 {
  checkTensor('image', image);
  requireInteger('height', height);
  requireInteger('width', width);
  if (method !== 'nearest' && method !== 'bilinear') {
    throw new ConvkitInputError('method', method, "must be 'nearest' or 'bilinear'");
  }
  const [inHeight, inWidth, channels] = image.shape;
  const out = new Float32Array(requireAllocatable('height·width·channels', height * width * channels));
  resizeInto(image.data, 0, inHeight, inWidth, channels, out, 0, height, width, method);
  return { shape: [height, width, channels], data: out };
}

/**
 * The resampling loop on raw NHWC arrays: reads one image at `from` in
 * `source` and writes the resized one at `to` in `target`. Shared by
 * `resize` and the digits' `upsample`, which resizes many images in one array.
 */
export function resizeInto(
  source: Float32Array,
  from: number,
  inHeight: number,
  inWidth: number,
  channels: number,
  target: Float32Array,
  to: number,
  outHeight: number,
  outWidth: number,
  method: ResizeMethod,
): void {
  const rowScale = inHeight / outHeight;
  const colScale = inWidth / outWidth;
  for (let oy = 0; oy < outHeight; oy++) {
    for (let ox = 0; ox < outWidth; ox++) {
      const outBase = to + (oy * outWidth + ox) * channels;
      if (method === 'nearest') {
        const sy = Math.min(Math.floor((oy + 0.5) * rowScale), inHeight - 1);
        const sx = Math.min(Math.floor((ox + 0.5) * colScale), inWidth - 1);
        const inBase = from + (sy * inWidth + sx) * channels;
        for (let c = 0; c < channels; c++) target[outBase + c] = source[inBase + c];
        continue;
      }
      const fy = Math.min(Math.max((oy + 0.5) * rowScale - 0.5, 0), inHeight - 1);
      const fx = Math.min(Math.max((ox + 0.5) * colScale - 0.5, 0), inWidth - 1);
      const y0 = Math.floor(fy);
      const x0 = Math.floor(fx);
      const y1 = Math.min(y0 + 1, inHeight - 1);
      const x1 = Math.min(x0 + 1, inWidth - 1);
      const dy = fy - y0;
      const dx = fx - x0;
      const topLeft = from + (y0 * inWidth + x0) * channels;
      const topRight = from + (y0 * inWidth + x1) * channels;
      const bottomLeft = from + (y1 * inWidth + x0) * channels;
      const bottomRight = from + (y1 * inWidth + x1) * channels;
      for (let c = 0; c < channels; c++) {
        const top = source[topLeft + c] + (source[topRight + c] - source[topLeft + c]) * dx;
        const bottom = source[bottomLeft + c] + (source[bottomRight + c] - source[bottomLeft + c]) * dx;
        target[outBase + c] = top + (bottom - top) * dy;
      }
    }
  }
}

/** The part of `image` with its top-left corner at (top, left), height × width pixels. */
export function crop(image: Tensor3, top: number, left: number, height: number, width: number): Tensor3 {
  checkTensor('image', image);
  const [inHeight, inWidth, channels] = image.shape;
  requireInteger('top', top, 0);
  requireInteger('left', left, 0);
  requireInteger('height', height);
  requireInteger('width', width);
  if (top + height > inHeight) throw new ConvkitInputError('top + height', top + height, `must be <= the image height ${inHeight}`);
  if (left + width > inWidth) throw new ConvkitInputError('left + width', left + width, `must be <= the image width ${inWidth}`);
  const out = new Float32Array(height * width * channels);
  for (let y = 0; y < height; y++) {
    const from = ((top + y) * inWidth + left) * channels;
    out.set(image.data.subarray(from, from + width * channels), y * width * channels);
  }
  return { shape: [height, width, channels], data: out };
}

/** The largest centred square of `image` (a photo becomes square before resizing, without stretching). */
export function centerSquare(image: Tensor3): Tensor3 {
  checkTensor('image', image);
  const [height, width] = image.shape;
  const side = Math.min(height, width);
  return crop(image, Math.floor((height - side) / 2), Math.floor((width - side) / 2), side, side);
}
