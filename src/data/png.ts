/**
 * PNG in and out for [H, W, C] tensors with values in [0, 1]: decodePng for
 * the photos in data/images, encodePng for showing a tensor (a photo, a
 * feature map, a kernel) as an image in a notebook or a lecture page.
 *
 * 8-bit PNG stores 0..255 per channel: decoding divides by 255, encoding
 * maps [low, high] (default [0, 1]) linearly onto 0..255, clamping outside
 * values and rounding to the nearest level.
 */
import { PNG } from 'pngjs';
import { ConvkitInputError } from '../core/errors';
import { checkTensor, type Tensor3 } from '../core/tensor';
import { dataFileError } from './data-file';

/** How encodePng maps tensor values to 0..255. */
export interface EncodePngOptions {
  /**
   * The values shown as black and white: [low, high] (default [0, 1]), or
   * 'auto' for the tensor's own min and max (useful for feature maps, whose
   * values have no fixed range). A constant tensor under 'auto' encodes as black.
   */
  readonly range?: readonly [number, number] | 'auto';
}

/**
 * Encodes a [H, W, 1] (grey) or [H, W, 3] (RGB) tensor as an 8-bit PNG
 * (RGBA, opaque). Returns the file's bytes.
 */
export function encodePng(image: Tensor3, options: EncodePngOptions = {}): Buffer {
  checkTensor('image', image);
  const [height, width, channels] = image.shape;
  if (channels !== 1 && channels !== 3) {
    throw new ConvkitInputError('image.shape[2] (channels)', channels, 'must be 1 (grey) or 3 (RGB) to encode as PNG');
  }
  const [low, high] = valueRange(image.data, options.range ?? [0, 1]);
  const span = high > low ? high - low : 1;
  const png = new PNG({ width, height });
  const level = (value: number): number => Math.round(Math.min(Math.max((value - low) / span, 0), 1) * 255);
  for (let p = 0; p < height * width; p++) {
    const base = p * channels;
    const r = level(image.data[base]);
    png.data[p * 4] = r;
    png.data[p * 4 + 1] = channels === 3 ? level(image.data[base + 1]) : r;
    png.data[p * 4 + 2] = channels === 3 ? level(image.data[base + 2]) : r;
    png.data[p * 4 + 3] = 255;
  }
  return PNG.sync.write(png);
}

function valueRange(values: Float32Array, range: readonly [number, number] | 'auto'): [number, number] {
  if (range === 'auto') {
    let low = Infinity;
    let high = -Infinity;
    for (const v of values) {
      if (v < low) low = v;
      if (v > high) high = v;
    }
    return Number.isFinite(low) ? [low, high] : [0, 1];
  }
  if (!Array.isArray(range) || range.length !== 2 || !Number.isFinite(range[0]) || !Number.isFinite(range[1]) || !(range[1] > range[0])) {
    throw new ConvkitInputError('range', range, "must be 'auto' or [low, high] with finite low < high");
  }
  return [range[0], range[1]];
}

/**
 * Decodes PNG bytes into a [H, W, 3] tensor of RGB values in [0, 1]; any
 * alpha channel is dropped and grey images come out with R = G = B.
 * `file` names the source in the error if the bytes are not a valid PNG.
 */
export function decodePng(bytes: Buffer, file: string): Tensor3 {
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch (error) {
    throw dataFileError(file, `not a valid PNG (${(error as Error).message})`, 'must be a readable PNG image');
  }
  const { width, height } = png;
  const out = new Float32Array(width * height * 3);
  for (let p = 0; p < width * height; p++) {
    out[p * 3] = png.data[p * 4] / 255;
    out[p * 3 + 1] = png.data[p * 4 + 1] / 255;
    out[p * 3 + 2] = png.data[p * 4 + 2] / 255;
  }
  return { shape: [height, width, 3], data: out };
}
