/**
 * Cutting one channel out of an NHWC feature map, and putting single
 * channels back together — what a lesson needs to show "each channel
 * filtered separately" as a row of grey images.
 */
import { ConvkitInputError } from '../../core/errors';
import { checkTensor, type Tensor3 } from '../../core/tensor';

/** Channel `channel` of a [H, W, C] map as a [H, W, 1] map. */
export function channelOf(tensor: Tensor3, channel: number): Tensor3 {
  checkTensor('tensor', tensor);
  const [height, width, channels] = tensor.shape;
  if (!Number.isInteger(channel) || channel < 0 || channel >= channels) {
    throw new ConvkitInputError('channel', channel, `must be an integer from 0 to ${channels - 1}`);
  }
  const data = new Float32Array(height * width);
  for (let p = 0; p < height * width; p++) data[p] = tensor.data[p * channels + channel];
  return { shape: [height, width, 1], data };
}

/** Every channel of a map, in order, each as [H, W, 1]. */
export function splitChannels(tensor: Tensor3): Tensor3[] {
  checkTensor('tensor', tensor);
  return Array.from({ length: tensor.shape[2] }, (_, c) => channelOf(tensor, c));
}

/** A copy of the map with the listed channels set to zero ("switch the red channel off"). */
export function withChannelsZeroed(tensor: Tensor3, zeroed: readonly number[]): Tensor3 {
  checkTensor('tensor', tensor);
  const channels = tensor.shape[2];
  for (const c of zeroed) {
    if (!Number.isInteger(c) || c < 0 || c >= channels) {
      throw new ConvkitInputError('zeroed', [...zeroed], `every channel must be an integer from 0 to ${channels - 1}`);
    }
  }
  const data = Float32Array.from(tensor.data);
  for (let base = 0; base < data.length; base += channels) for (const c of zeroed) data[base + c] = 0;
  return { shape: tensor.shape, data };
}

/** Largest |a − b| over two maps of the same shape. */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new ConvkitInputError('b.length', b.length, `must equal a.length (${a.length})`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/**
 * A copy of an RGB image with a one-pixel frame drawn just outside the K×K
 * window centred on (row, col) — where the sliding window sits when it
 * computes output (row, col) at stride 1, "same" padding. Frame pixels that
 * fall outside the image are skipped. Colour: [r, g, b] in [0, 1], default green.
 */
export function markWindow(image: Tensor3, row: number, col: number, kernelSize: number, colour: readonly [number, number, number] = [0, 1, 0]): Tensor3 {
  checkTensor('image', image);
  const [height, width, channels] = image.shape;
  if (channels !== 3) throw new ConvkitInputError('image.shape[2]', channels, 'must be 3 (an RGB image)');
  if (!Number.isInteger(kernelSize) || kernelSize < 1) throw new ConvkitInputError('kernelSize', kernelSize, 'must be a positive integer');
  if (!Number.isInteger(row) || row < 0 || row >= height) throw new ConvkitInputError('row', row, `must be an integer from 0 to ${height - 1}`);
  if (!Number.isInteger(col) || col < 0 || col >= width) throw new ConvkitInputError('col', col, `must be an integer from 0 to ${width - 1}`);
  const data = Float32Array.from(image.data);
  const top = row - Math.floor((kernelSize - 1) / 2) - 1;
  const left = col - Math.floor((kernelSize - 1) / 2) - 1;
  const bottom = top + kernelSize + 1;
  const right = left + kernelSize + 1;
  for (let y = top; y <= bottom; y++) {
    for (let x = left; x <= right; x++) {
      const onFrame = y === top || y === bottom || x === left || x === right;
      if (!onFrame || y < 0 || y >= height || x < 0 || x >= width) continue;
      for (let c = 0; c < 3; c++) data[(y * width + x) * 3 + c] = colour[c];
    }
  }
  return { shape: image.shape, data };
}
