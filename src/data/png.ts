/**
 * Reading PNG files into [H, W, 3] tensors with values in [0, 1], for the
 * photos in data/images. 8-bit PNG stores 0..255 per channel, so decoding
 * divides by 255. Writing a tensor as PNG is display work and lives with the
 * other pictures: encodePng in src/plot/png.ts.
 */
import { PNG } from 'pngjs';
import type { Tensor3 } from '../core/tensor';
import { dataFileError } from './data-file';

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
