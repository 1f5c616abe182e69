import { ConvkitInputError, requireInteger } from '../core/errors';
import { escapeHtml } from '../core/escape-html';
import { MIME, MimeBundle } from './mime-bundle';
import { displayed } from './kernel-display';
import { encodeRgbaPng, ImageOptions, imageGeometry, resolveRange, RgbaImage, tensorToRgba } from './png';

export interface ShowImageOptions extends ImageOptions {
  /** Text under the image and in text/plain. */
  readonly caption?: string;
}

/** The bundle for one image: image/png and a text/plain line with its size and range. */
export function imageBundle(data: ArrayLike<number>, shape: readonly number[], options: ShowImageOptions = {}): MimeBundle {
  const { height, width, channels } = imageGeometry(data, shape);
  const png = encodeRgbaPng(tensorToRgba(data, shape, options)).toString('base64');
  const [low, high] = resolveRange(data, 'auto');
  const kind = channels === 3 ? 'RGB' : (options.colormap ?? 'gray');
  const prefix = options.caption !== undefined ? `${options.caption}: ` : '';
  return {
    [MIME.png]: png,
    [MIME.plain]: `${prefix}image ${height}×${width} (${kind}, values ${formatValue(low)} to ${formatValue(high)})`,
  };
}

/** Shows a feature map, filter or RGB image in the notebook (NHWC data, see tensorToPng). */
export function showImage(data: ArrayLike<number>, shape: readonly number[], options: ShowImageOptions = {}): MimeBundle | undefined {
  return displayed(imageBundle(data, shape, options));
}

/** One tile of a grid: its data, shape and an optional label (e.g. "channel 3"). */
export interface GridImage {
  readonly data: ArrayLike<number>;
  readonly shape: readonly number[];
  readonly label?: string;
}

export interface ImageGridOptions extends ImageOptions {
  /** Tiles per row. Default: ceil(sqrt(count)). */
  readonly columns?: number;
  /**
   * true: every tile uses one range over all tiles, so brightness compares
   * across channels (e.g. which filters respond most); false (default):
   * each tile is stretched on its own, so every pattern is visible.
   */
  readonly sharedRange?: boolean;
  /** White pixels between tiles. Default 2. */
  readonly gapPixels?: number;
}

/**
 * The bundle for a grid of feature maps or filters: one composite image/png
 * (what GitHub and nbconvert show), a text/html grid with each tile's label
 * under it (escaped), and a text/plain summary.
 */
export function imageGridBundle(images: readonly GridImage[], options: ImageGridOptions = {}): MimeBundle {
  if (!Array.isArray(images) || images.length === 0) {
    throw new ConvkitInputError('images', images, 'must be a non-empty array of { data, shape, label? }');
  }
  const geometries = images.map((image, index) => {
    if (image === null || typeof image !== 'object') {
      throw new ConvkitInputError(`images[${index}]`, image, 'must be { data, shape, label? }');
    }
    return imageGeometry(image.data, image.shape);
  });
  const columns = requireInteger('columns', options.columns ?? Math.ceil(Math.sqrt(images.length)));
  const gap = requireInteger('gapPixels', options.gapPixels ?? 2, 0);
  const range = options.sharedRange ? sharedRange(images, options) : options.range;
  const tiles = images.map((image) => tensorToRgba(image.data, image.shape, { ...options, range }));
  const composite = composeGrid(tiles, columns, gap);

  const figures = images
    .map((image, index) => {
      const src = `data:image/png;base64,${encodeRgbaPng(tiles[index]).toString('base64')}`;
      const label = image.label !== undefined ? `<figcaption>${escapeHtml(image.label)}</figcaption>` : '';
      return `<figure class="convkit-tile"><img src="${src}" alt="${escapeHtml(image.label ?? `image ${index}`)}" width="${tiles[index].width}" height="${tiles[index].height}">${label}</figure>`;
    })
    .join('');
  const { height, width } = geometries[0];
  return {
    [MIME.png]: encodeRgbaPng(composite).toString('base64'),
    [MIME.html]: `<div class="convkit-grid" style="display:grid;grid-template-columns:repeat(${columns},max-content);gap:${Math.max(gap, 4)}px">${figures}</div>`,
    [MIME.plain]: `grid of ${images.length} images (${height}×${width} first), ${columns} per row`,
  };
}

/** Shows a grid of feature maps or filters in the notebook (see imageGridBundle). */
export function showImageGrid(images: readonly GridImage[], options: ImageGridOptions = {}): MimeBundle | undefined {
  return displayed(imageGridBundle(images, options));
}

/** Lays tiles out row by row on a white background, `gap` pixels apart. */
export function composeGrid(tiles: readonly RgbaImage[], columns: number, gap: number): RgbaImage {
  const tileWidth = Math.max(...tiles.map((tile) => tile.width));
  const tileHeight = Math.max(...tiles.map((tile) => tile.height));
  const used = Math.min(columns, tiles.length);
  const rows = Math.ceil(tiles.length / columns);
  const width = used * tileWidth + (used - 1) * gap;
  const height = rows * tileHeight + (rows - 1) * gap;
  const rgba = new Uint8Array(width * height * 4).fill(255);
  tiles.forEach((tile, index) => {
    const left = (index % columns) * (tileWidth + gap);
    const top = Math.floor(index / columns) * (tileHeight + gap);
    for (let y = 0; y < tile.height; y++) {
      const from = y * tile.width * 4;
      rgba.set(tile.rgba.subarray(from, from + tile.width * 4), ((top + y) * width + left) * 4);
    }
  });
  return { width, height, rgba };
}

function sharedRange(images: readonly GridImage[], options: ImageGridOptions): readonly [number, number] {
  if (Array.isArray(options.range)) return options.range as readonly [number, number];
  const symmetric = options.range === 'symmetric' || (options.range === undefined && options.colormap === 'diverging');
  let low = Infinity;
  let high = -Infinity;
  for (const image of images) {
    const [min, max] = resolveRange(image.data, symmetric ? 'symmetric' : 'auto');
    low = Math.min(low, min);
    high = Math.max(high, max);
  }
  // All tiles constant and equal: widen so the range stays valid.
  return high > low ? [low, high] : [low - 0.5, low + 0.5];
}

function formatValue(value: number): string {
  return String(Number(value.toPrecision(4)));
}
