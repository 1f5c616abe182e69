/**
 * Output shapes, following TF/Keras exactly, so the cost model agrees with
 * what TF.js builds from the same spec.
 *
 * Along one axis, with input length n, kernel k, stride s and dilation r the
 * kernel spans k' = (k - 1)·r + 1 pixels, and
 *   same:     out = ceil(n / s)                    (TF pads as much as needed)
 *   valid:    out = floor((n - k') / s) + 1        (needs k' <= n)
 *   explicit: the valid rule on n + before + after
 */
import { ConvkitInputError, requireInteger } from './errors';
import { normalizeLayer, normalizePadding, type NormalizedLayer, type PairTuple } from './defaults';
import type { LayerSpec, Padding, Shape3 } from './spec';

/** Throws unless `shape` is [height, width, channels] of positive integers. */
export function validateShape(field: string, shape: unknown): Shape3 {
  if (!Array.isArray(shape) || shape.length !== 3) {
    throw new ConvkitInputError(field, shape, 'must be a shape [height, width, channels]');
  }
  for (const size of shape) {
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) {
      throw new ConvkitInputError(field, shape, 'every size must be a positive integer');
    }
  }
  return shape as unknown as Shape3;
}

/** The zeros added before and after along one axis, for explicit padding. */
function explicitSides(padding: Padding, axis: 0 | 1): [number, number] {
  if (padding === 'same' || padding === 'valid') return [0, 0];
  return axis === 0 ? [padding.top, padding.bottom] : [padding.left, padding.right];
}

/**
 * Output length along one axis (see the rules at the top of this file).
 * `kernelField` names the kernel in the error when it does not fit.
 */
export function windowOutputLength(
  inputLength: number,
  kernel: number,
  stride: number,
  dilation: number,
  padding: Padding,
  axis: 0 | 1,
  kernelField = 'kernelSize',
): number {
  // Exported for the lessons: check every argument as the CLI would (stride 0
  // would give Infinity, a negative stride negative sizes, kernel 0 a map
  // larger than its input, an unknown padding NaN).
  requireInteger('inputLength', inputLength);
  requireInteger(kernelField, kernel);
  requireInteger('strides', stride);
  requireInteger('dilation', dilation);
  if (axis !== 0 && axis !== 1) throw new ConvkitInputError('axis', axis, 'must be 0 (height) or 1 (width)');
  padding = normalizePadding(padding);
  if (padding === 'same') return Math.ceil(inputLength / stride);
  const [before, after] = explicitSides(padding, axis);
  const padded = inputLength + before + after;
  const span = (kernel - 1) * dilation + 1;
  if (span > padded) {
    const rule = span === kernel ? `larger than the padded input (${padded})` : `dilated to ${span}, larger than the padded input (${padded})`;
    throw new ConvkitInputError(kernelField, kernel, rule);
  }
  return Math.floor((padded - span) / stride) + 1;
}

/** Spatial output [Ho, Wo] of a sliding window over [H, W]. */
export function windowOutputSize(
  input: Shape3,
  kernel: PairTuple,
  strides: PairTuple,
  dilation: PairTuple,
  padding: Padding,
  kernelField = 'kernelSize',
): [number, number] {
  validateShape('input', input);
  const pairOf = (field: string, value: unknown): PairTuple => {
    if (!Array.isArray(value) || value.length !== 2) throw new ConvkitInputError(field, value, 'must be a pair [vertical, horizontal] of positive integers');
    return value as unknown as PairTuple;
  };
  kernel = pairOf(kernelField, kernel);
  strides = pairOf('strides', strides);
  dilation = pairOf('dilation', dilation);
  return [
    windowOutputLength(input[0], kernel[0], strides[0], dilation[0], padding, 0, kernelField),
    windowOutputLength(input[1], kernel[1], strides[1], dilation[1], padding, 1, kernelField),
  ];
}

/** How many inputs each kind takes: exactly one, or at least `min`. */
function requireInputCount(kind: string, inputShapes: readonly Shape3[]): void {
  const many = kind === 'add' || kind === 'concat';
  const min = kind === 'add' ? 2 : 1;
  if (many ? inputShapes.length < min : inputShapes.length !== 1) {
    const rule = many ? `${kind} takes at least ${min} inputs` : `${kind} takes exactly 1 input`;
    throw new ConvkitInputError('inputs', inputShapes.length, rule);
  }
}

/**
 * The output shape of a normalized layer on the given input shapes. Throws
 * ConvkitInputError for shapes that cannot work: a kernel larger than the
 * padded input, groups not dividing the channels, add inputs of different
 * shapes, concat inputs of different height/width, a zero-pad shortcut that
 * would drop channels, or the wrong number of inputs.
 */
export function layerOutputShape(spec: LayerSpec | NormalizedLayer, inputShapes: readonly Shape3[]): Shape3 {
  // Normalising a normalised layer changes nothing; it checks a hand-written one.
  const layer = normalizeLayer(spec as LayerSpec);
  if (!Array.isArray(inputShapes)) {
    throw new ConvkitInputError('inputShapes', inputShapes, 'must be an array of shapes [height, width, channels]');
  }
  inputShapes.forEach((shape, i) => validateShape(`inputShapes[${i}]`, shape));
  requireInputCount(layer.kind, inputShapes);
  const input = inputShapes[0];
  const channels = input[2];
  switch (layer.kind) {
    case 'conv2d': {
      if (channels % layer.groups !== 0) {
        throw new ConvkitInputError('groups', layer.groups, `must divide the input channels (${channels})`);
      }
      const [h, w] = windowOutputSize(input, layer.kernelSize, layer.strides, layer.dilation, layer.padding);
      return [h, w, layer.filters];
    }
    case 'depthwiseConv2d': {
      const [h, w] = windowOutputSize(input, layer.kernelSize, layer.strides, layer.dilation, layer.padding);
      return [h, w, channels * layer.depthMultiplier];
    }
    case 'separableConv2d': {
      const [h, w] = windowOutputSize(input, layer.kernelSize, layer.strides, layer.dilation, layer.padding);
      return [h, w, layer.filters];
    }
    case 'pointwiseConv2d':
      return [input[0], input[1], layer.filters];
    case 'dense':
      return [input[0], input[1], layer.units];
    case 'maxPool':
    case 'avgPool': {
      const [h, w] = windowOutputSize(input, layer.poolSize, layer.strides, [1, 1], layer.padding, 'poolSize');
      return [h, w, channels];
    }
    case 'globalAvgPool':
      return [1, 1, channels];
    case 'batchNorm':
    case 'activation':
    case 'squeezeExcite':
      return input;
    case 'add': {
      inputShapes.forEach((shape, i) => {
        if (shape[0] !== input[0] || shape[1] !== input[1] || shape[2] !== input[2]) {
          throw new ConvkitInputError(`inputShapes[${i}]`, shape, `add needs every input to have the shape of the first ([${input.join(', ')}])`);
        }
      });
      return input;
    }
    case 'concat': {
      let total = 0;
      inputShapes.forEach((shape, i) => {
        if (shape[0] !== input[0] || shape[1] !== input[1]) {
          throw new ConvkitInputError(
            `inputShapes[${i}]`,
            shape,
            `concat needs every input to have the height and width of the first (${input[0]}x${input[1]})`,
          );
        }
        total += shape[2];
      });
      return [input[0], input[1], total];
    }
    case 'zeroPadShortcut': {
      if (layer.filters < channels) {
        throw new ConvkitInputError('filters', layer.filters, `must be >= the input channels (${channels}); the shortcut only pads with zeros`);
      }
      requireInteger('strides', layer.strides);
      return [Math.ceil(input[0] / layer.strides), Math.ceil(input[1] / layer.strides), layer.filters];
    }
  }
}
