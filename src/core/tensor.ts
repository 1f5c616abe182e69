/**
 * The kit's one feature-map type: a single map (a batch of one)
 * stored NHWC, i.e. channels fastest. The value at row y, column x, channel c
 * of a [H, W, C] map sits at index (y·W + x)·C + c — the same layout TF.js
 * uses, so a Tensor3's data can be handed to tf.tensor4d(data, [1, H, W, C])
 * without reordering.
 */
import { ConvkitInputError, requireInteger } from './errors';
import type { Shape3 } from './spec';
import { uniformArray } from './random';

export interface Tensor3 {
  readonly shape: Shape3;
  readonly data: Float32Array;
}

/** Number of elements in a [H, W, C] map. */
export function elementCount(shape: Shape3): number {
  return shape[0] * shape[1] * shape[2];
}

/**
 * Largest tensor the reference code allocates: 2^27 floats = 512 MiB. Beyond
 * it a typed array would fail with an obscure RangeError (or exhaust memory),
 * so sizes are refused up front with a message that names them.
 */
export const MAX_ELEMENTS = 2 ** 27;

/** Throws unless `elements` floats can reasonably be allocated; `field` names the size's source. */
export function requireAllocatable(field: string, elements: number): number {
  if (!(elements <= MAX_ELEMENTS)) {
    throw new ConvkitInputError(field, elements, `needs at most ${MAX_ELEMENTS} elements (512 MiB of fp32) in one tensor`);
  }
  return elements;
}

/** Throws unless `shape` is three positive integers; `field` names it in the message. */
export function checkShape(field: string, shape: unknown): Shape3 {
  if (!Array.isArray(shape) || shape.length !== 3) {
    throw new ConvkitInputError(field, shape, 'must be [height, width, channels]');
  }
  requireInteger(`${field}[0] (height)`, shape[0]);
  requireInteger(`${field}[1] (width)`, shape[1]);
  requireInteger(`${field}[2] (channels)`, shape[2]);
  requireAllocatable(`${field} elements`, shape[0] * shape[1] * shape[2]);
  return shape as unknown as Shape3;
}

/** Throws unless the tensor has a valid shape and exactly H·W·C values. */
export function checkTensor(field: string, tensor: Tensor3): Tensor3 {
  if (tensor == null || typeof tensor !== 'object') {
    throw new ConvkitInputError(field, tensor, 'must be a tensor { shape: [H, W, C], data: Float32Array }');
  }
  checkShape(`${field}.shape`, tensor.shape);
  if (!(tensor.data instanceof Float32Array)) {
    throw new ConvkitInputError(`${field}.data`, typeof tensor.data, 'must be a Float32Array');
  }
  const expected = elementCount(tensor.shape);
  if (tensor.data.length !== expected) {
    throw new ConvkitInputError(`${field}.data.length`, tensor.data.length, `must equal height·width·channels = ${tensor.shape.join('·')} = ${expected}`);
  }
  return tensor;
}

/** Throws unless a weight array holds exactly `expected` values, described by `layout`. */
export function checkWeights(field: string, values: Float32Array | undefined, expected: number, layout: string): Float32Array {
  if (!(values instanceof Float32Array)) {
    throw new ConvkitInputError(field, values === undefined ? undefined : typeof values, `must be a Float32Array of ${layout} = ${expected} values`);
  }
  if (values.length !== expected) {
    throw new ConvkitInputError(`${field}.length`, values.length, `must equal ${layout} = ${expected}`);
  }
  return values;
}

/** A map of zeros. */
export function zeros(shape: Shape3): Tensor3 {
  const checked = checkShape('shape', shape);
  return { shape: [checked[0], checked[1], checked[2]], data: new Float32Array(elementCount(checked)) };
}

/** Wraps NHWC values (copied into a Float32Array) as a tensor, checking their count. */
export function fromArray(shape: Shape3, values: ArrayLike<number>): Tensor3 {
  const checked = checkShape('shape', shape);
  const data = Float32Array.from(values);
  return checkTensor('tensor', { shape: [checked[0], checked[1], checked[2]], data });
}

/** A map of values drawn uniformly from [low, high) (default [-1, 1)); the same seed gives the same map. */
export function randomTensor(shape: Shape3, seed: number, low = -1, high = 1): Tensor3 {
  const checked = checkShape('shape', shape);
  return { shape: [checked[0], checked[1], checked[2]], data: uniformArray(elementCount(checked), seed, low, high) };
}

/** The value at (y, x, c); for reading and for tests, not for inner loops. */
export function valueAt(tensor: Tensor3, y: number, x: number, c: number): number {
  const [, width, channels] = tensor.shape;
  return tensor.data[(y * width + x) * channels + c];
}

/** max |a − b| over two maps of the same shape (Infinity when the shapes differ). */
export function maxAbsDifference(a: Tensor3, b: Tensor3): number {
  if (a.shape.some((n, i) => n !== b.shape[i])) return Infinity;
  let largest = 0;
  for (let i = 0; i < a.data.length; i++) largest = Math.max(largest, Math.abs(a.data[i] - b.data[i]));
  return largest;
}
