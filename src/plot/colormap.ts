import { ConvkitInputError } from '../core/errors';

/**
 * Colour maps for single-channel images (feature maps, filters):
 * - `gray`: black (low) to white (high), for activations and input images;
 * - `viridis`: perceptually uniform, readable by colour-blind readers
 *   (matplotlib's default; anchor colours sampled at 10 evenly spaced points);
 * - `diverging`: blue (negative) – white (zero) – red (positive), for filter
 *   weights whose sign matters (ColorBrewer RdBu, 7 classes, reversed).
 */
export const COLORMAP_NAMES = ['gray', 'viridis', 'diverging'] as const;
export type ColormapName = (typeof COLORMAP_NAMES)[number];

type Rgb = readonly [number, number, number];

const ANCHORS: Record<ColormapName, readonly Rgb[]> = {
  gray: [
    [0, 0, 0],
    [255, 255, 255],
  ],
  viridis: ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'].map(hexToRgb),
  diverging: ['#2166ac', '#67a9cf', '#d1e5f0', '#f7f7f7', '#fddbc7', '#ef8a62', '#b2182b'].map(hexToRgb),
};

export function requireColormap(field: string, name: unknown): ColormapName {
  if (typeof name !== 'string' || !(COLORMAP_NAMES as readonly string[]).includes(name)) {
    throw new ConvkitInputError(field, name, `must be one of ${COLORMAP_NAMES.join(', ')}`);
  }
  return name as ColormapName;
}

/** The colour at t in [0, 1] (clamped), linearly interpolated between anchors. */
export function colormapRgb(name: ColormapName, t: number): Rgb {
  const anchors = ANCHORS[name];
  const clamped = Number.isNaN(t) ? 0 : Math.min(1, Math.max(0, t));
  const position = clamped * (anchors.length - 1);
  const low = Math.min(Math.floor(position), anchors.length - 2);
  const fraction = position - low;
  const a = anchors[low];
  const b = anchors[low + 1];
  return [0, 1, 2].map((channel) => Math.round(a[channel] + (b[channel] - a[channel]) * fraction)) as unknown as Rgb;
}

function hexToRgb(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}
