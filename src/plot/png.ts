import { PNG } from 'pngjs';
import { ConvkitInputError, requireInteger } from '../core/errors';
import { checkTensor, type Tensor3 } from '../core/tensor';
import { ColormapName, colormapRgb, requireColormap } from './colormap';

/**
 * Turning numbers into pictures: a feature map, a filter or an RGB image
 * (NHWC, like every tensor in the kit) becomes an RGBA raster and then PNG
 * bytes. Values are normalised to a display range first, because activations
 * and weights live on any scale, and each pixel is enlarged `scale` times
 * (nearest neighbour) so an 8×8 map stays visible.
 */

/**
 * Display range: 'auto' = [min, max] of the data; 'symmetric' = [-a, a] with
 * a = max |value| (so zero maps to the middle colour, the right choice for
 * weights and for the diverging map); or an explicit [low, high].
 */
export type ValueRange = 'auto' | 'symmetric' | readonly [number, number];

export interface ImageOptions {
  /** Integer enlargement factor, nearest neighbour. Default 1. */
  readonly scale?: number;
  /** Single-channel images only. Default 'gray'. */
  readonly colormap?: ColormapName;
  /**
   * Default: 'symmetric' with the diverging map, 'auto' for other
   * single-channel images; for RGB, [0, 1] or [0, 255] when the data fit one
   * of them (the usual two conventions), 'auto' otherwise.
   */
  readonly range?: ValueRange;
}

/** An RGBA raster, 8 bits per channel, row-major. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly rgba: Uint8Array;
}

/** Height, width and channels of an accepted image shape. */
export interface ImageGeometry {
  readonly height: number;
  readonly width: number;
  readonly channels: 1 | 3;
}

/**
 * Accepts [H, W], [H, W, C] or [1, H, W, C] (a batch of one, as TF.js
 * returns it) with C = 1 (a map) or 3 (RGB), and checks the data length.
 */
export function imageGeometry(data: ArrayLike<number>, shape: readonly number[]): ImageGeometry {
  if (!Array.isArray(shape) || shape.length < 2 || shape.length > 4) {
    throw new ConvkitInputError('shape', shape, 'must be [height, width], [height, width, channels] or [1, height, width, channels]');
  }
  if (shape.length === 4 && shape[0] !== 1) {
    throw new ConvkitInputError('shape[0]', shape[0], 'must be 1 (one image, not a batch)');
  }
  const dims = shape.length === 4 ? shape.slice(1) : shape;
  const height = requireInteger('shape height', dims[0]);
  const width = requireInteger('shape width', dims[1]);
  const channels = dims.length === 3 ? dims[2] : 1;
  if (channels !== 1 && channels !== 3) {
    throw new ConvkitInputError('shape channels', channels, 'must be 1 (a feature map) or 3 (RGB)');
  }
  if (data === null || typeof data !== 'object' || typeof data.length !== 'number') {
    throw new ConvkitInputError('data', data, 'must be an array or typed array of numbers');
  }
  if (data.length !== height * width * channels) {
    throw new ConvkitInputError('data.length', data.length, `must equal height × width × channels = ${height * width * channels}`);
  }
  for (let i = 0; i < data.length; i++) {
    if (typeof data[i] !== 'number' || !Number.isFinite(data[i])) {
      throw new ConvkitInputError(`data[${i}]`, data[i], 'must be a finite number');
    }
  }
  return { height, width, channels };
}

/** The [low, high] a given range option resolves to for `data`. */
export function resolveRange(data: ArrayLike<number>, range: ValueRange): [number, number] {
  if (Array.isArray(range)) {
    const [low, high] = range as readonly [number, number];
    if (range.length !== 2 || !Number.isFinite(low) || !Number.isFinite(high) || !(high > low)) {
      throw new ConvkitInputError('range', range, 'must be [low, high] with finite low < high, "auto" or "symmetric"');
    }
    return [low, high];
  }
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    min = Math.min(min, data[i]);
    max = Math.max(max, data[i]);
  }
  if (data.length === 0) return [0, 1];
  if (range === 'symmetric') {
    const extent = Math.max(Math.abs(min), Math.abs(max));
    return [-extent, extent];
  }
  if (range === 'auto') return [min, max];
  throw new ConvkitInputError('range', range, 'must be [low, high], "auto" or "symmetric"');
}

/** Normalises and colours one image, then enlarges it `scale` times. */
export function tensorToRgba(data: ArrayLike<number>, shape: readonly number[], options: ImageOptions = {}): RgbaImage {
  const { height, width, channels } = imageGeometry(data, shape);
  const scale = requireInteger('scale', options.scale ?? 1);
  const colormap = requireColormap('colormap', options.colormap ?? 'gray');
  const [low, high] = resolveRange(data, options.range ?? defaultRange(data, channels, colormap));
  const span = high - low;
  // A constant image (span 0) shows as the middle colour rather than dividing by zero.
  const normalise = (value: number) => (span > 0 ? (value - low) / span : 0.5);

  const out = new Uint8Array(width * scale * height * scale * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const base = (y * width + x) * channels;
      let rgb: readonly number[];
      if (channels === 1) rgb = colormapRgb(colormap, normalise(data[base]));
      else rgb = [0, 1, 2].map((c) => Math.round(255 * Math.min(1, Math.max(0, normalise(data[base + c])))));
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const at = ((y * scale + dy) * width * scale + (x * scale + dx)) * 4;
          out[at] = rgb[0];
          out[at + 1] = rgb[1];
          out[at + 2] = rgb[2];
          out[at + 3] = 255;
        }
      }
    }
  }
  return { width: width * scale, height: height * scale, rgba: out };
}

/** PNG bytes for an RGBA raster (deterministic: same pixels, same bytes). */
export function encodeRgbaPng(image: RgbaImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.rgba.buffer, image.rgba.byteOffset, image.rgba.byteLength);
  return PNG.sync.write(png);
}

/**
 * PNG bytes for a feature map, filter or RGB image.
 * Example: tensorToPng(new Float32Array([0, 1, 2, 3]), [2, 2], { scale: 8 })
 * gives a 16×16 grayscale PNG, black top-left to white bottom-right.
 */
export function tensorToPng(data: ArrayLike<number>, shape: readonly number[], options: ImageOptions = {}): Buffer {
  return encodeRgbaPng(tensorToRgba(data, shape, options));
}

/** How encodePng maps a tensor's values to 0..255. */
export interface EncodePngOptions {
  /**
   * The values shown as black and white: [low, high] (default [0, 1]), or
   * 'auto' for the tensor's own min and max (useful for feature maps, whose
   * values have no fixed range). A constant tensor under 'auto' encodes as
   * the middle grey, as every other picture of the kit shows it.
   */
  readonly range?: readonly [number, number] | 'auto';
}

/**
 * PNG bytes of a kit tensor: [H, W, 1] (grey) or [H, W, 3] (RGB), mapped
 * [low, high] → 0..255 linearly, clamped outside and rounded to the nearest
 * level, at its own size. The same pixels tensorToPng draws, with the
 * range the photos are stored in as the default.
 */
export function encodePng(image: Tensor3, options: EncodePngOptions = {}): Buffer {
  checkTensor('image', image);
  return tensorToPng(image.data, image.shape, { range: options.range ?? [0, 1] });
}

function defaultRange(data: ArrayLike<number>, channels: number, colormap: ColormapName): ValueRange {
  if (channels === 1) return colormap === 'diverging' ? 'symmetric' : 'auto';
  const [min, max] = resolveRange(data, 'auto');
  if (min >= 0 && max <= 1) return [0, 1];
  if (min >= 0 && max <= 255) return [0, 255];
  return 'auto';
}
