/**
 * The photograph(s) in data/images, as [H, W, 3] tensors in [0, 1] that the
 * reference layers and TF.js can take directly. The lessons run real
 * convolutions on a real photo (edge filters, depthwise vs standard) and keep
 * it small so plain loops stay fast.
 *
 * chelsea.png — "Chelsea the cat", 451×300 RGB, from scikit-image's sample
 * data, CC0 by the photographer Stefan van der Walt (provenance in
 * data/README.md).
 */
import { ConvkitInputError } from '../core/errors';
import type { Tensor3 } from '../core/tensor';
import { dataPath, readDataFile } from './data-file';
import { decodePng } from './png';
import { centerSquare, resize } from './resize';

/** The photos shipped in data/images (file name without .png). */
export const PHOTOS = ['chelsea'] as const;
export type PhotoName = (typeof PHOTOS)[number];

export interface LoadPhotoOptions {
  /**
   * Resize to size × size (bilinear) after cutting the largest centred
   * square, so nothing is stretched. Default: the full photo, unchanged.
   */
  readonly size?: number;
}

/** Loads a photo from data/images; `loadPhoto('chelsea', { size: 64 })` gives a 64×64×3 tensor. */
export function loadPhoto(name: PhotoName = 'chelsea', options: LoadPhotoOptions = {}): Tensor3 {
  if (!(PHOTOS as readonly string[]).includes(name)) {
    throw new ConvkitInputError('name', name, `must be one of ${PHOTOS.join(', ')}`);
  }
  const photo = loadPng(dataPath('images', `${name}.png`));
  if (options.size === undefined) return photo;
  return resize(centerSquare(photo), options.size, options.size, 'bilinear');
}

/** Decodes any PNG file into a [H, W, 3] tensor in [0, 1]; errors name the file. */
export function loadPng(path: string): Tensor3 {
  return decodePng(readDataFile(path), path);
}
