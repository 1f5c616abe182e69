/**
 * The weight arrays each layer kind needs, their shapes in TF.js's layouts,
 * and seeded random values for them — so a lesson or a test can run any
 * layer of a spec without a trained model.
 *
 *   conv2d            kernel [K_h, K_w, C/groups, M], bias [M]
 *   depthwiseConv2d   kernel [K_h, K_w, C, d],        bias [C·d]
 *   pointwiseConv2d   kernel [1, 1, C, M],            bias [M]
 *   separableConv2d   depthwiseKernel [K_h, K_w, C, d], pointwiseKernel [1, 1, C·d, M], bias [M]
 *   dense             kernel [C, units],              bias [units]
 *   batchNorm         gamma, beta, movingMean, movingVariance, each [C]
 *   squeezeExcite     squeezeKernel [1, 1, C, S], squeezeBias [S], exciteKernel [1, 1, S, C], exciteBias [C]
 *   everything else   no weights
 * Biases appear only when the (normalized) spec has useBias.
 */
import { layerOutputShape } from '../../core/output-shape';
import { normalizeLayer } from '../../core/defaults';
import type { LayerKind, LayerSpec, Shape3 } from '../../core/spec';
import type { BatchNormWeights } from './batch-norm';
import type { Conv2dWeights } from './conv2d';
import type { DenseWeights } from './dense';
import type { DepthwiseConv2dWeights } from './depthwise-conv2d';
import type { PointwiseConv2dWeights } from './pointwise-conv2d';
import { uniformArray } from '../../core/random';
import type { SeparableConv2dWeights } from './separable-conv2d';
import type { SqueezeExciteWeights } from './squeeze-excite';

/** The weights type of each layer kind (undefined: the layer has none). */
export interface WeightsByKind {
  conv2d: Conv2dWeights;
  depthwiseConv2d: DepthwiseConv2dWeights;
  pointwiseConv2d: PointwiseConv2dWeights;
  separableConv2d: SeparableConv2dWeights;
  batchNorm: BatchNormWeights;
  dense: DenseWeights;
  squeezeExcite: SqueezeExciteWeights;
  activation: undefined;
  maxPool: undefined;
  avgPool: undefined;
  globalAvgPool: undefined;
  add: undefined;
  concat: undefined;
  zeroPadShortcut: undefined;
}

/** Weights of any layer kind. */
export type LayerWeights = WeightsByKind[LayerKind];

/**
 * Named weight shapes of `spec` on `inputShapes` (TF.js layouts, see above).
 * Validates the spec and shapes as the cost model does.
 */
export function weightShapes(spec: LayerSpec, inputShapes: readonly Shape3[]): Record<string, number[]> {
  const layer = normalizeLayer(spec);
  layerOutputShape(layer, inputShapes);
  const C = inputShapes[0][2];
  switch (layer.kind) {
    case 'conv2d': {
      const [kh, kw] = layer.kernelSize;
      return withBias({ kernel: [kh, kw, C / layer.groups, layer.filters] }, layer.useBias, layer.filters);
    }
    case 'depthwiseConv2d': {
      const [kh, kw] = layer.kernelSize;
      return withBias({ kernel: [kh, kw, C, layer.depthMultiplier] }, layer.useBias, C * layer.depthMultiplier);
    }
    case 'pointwiseConv2d':
      return withBias({ kernel: [1, 1, C, layer.filters] }, layer.useBias, layer.filters);
    case 'separableConv2d': {
      const [kh, kw] = layer.kernelSize;
      const d = layer.depthMultiplier;
      return withBias({ depthwiseKernel: [kh, kw, C, d], pointwiseKernel: [1, 1, C * d, layer.filters] }, layer.useBias, layer.filters);
    }
    case 'dense':
      return withBias({ kernel: [C, layer.units] }, layer.useBias, layer.units);
    case 'batchNorm':
      return { gamma: [C], beta: [C], movingMean: [C], movingVariance: [C] };
    case 'squeezeExcite': {
      const S = layer.squeezeChannels;
      return { squeezeKernel: [1, 1, C, S], squeezeBias: [S], exciteKernel: [1, 1, S, C], exciteBias: [C] };
    }
    default:
      return {};
  }
}

function withBias(shapes: Record<string, number[]>, useBias: boolean, size: number): Record<string, number[]> {
  return useBias ? { ...shapes, bias: [size] } : shapes;
}

/**
 * How randomWeights scales its values:
 * - a number s: every array uniform in [−s, s) (the default, 1);
 * - 'lecun': kernels uniform with variance 1/fan-in (LeCun et al. 1998,
 *   "Efficient BackProp"; Keras's lecun_uniform), biases, β and moving means
 *   within ±0.1 and γ within 1 ± 0.1 — so activations stay near unit size
 *   through a deep network instead of overflowing.
 * Batch norm's moving variance is always drawn from [0.5, 1.5), so that
 * √(σ² + ε) stays away from zero.
 */
export type WeightScale = number | 'lecun';

/**
 * Seeded random weights for `spec` on `inputShapes` (see WeightScale). The
 * same seed gives the same weights; each array gets its own seed derived
 * from it.
 */
export function randomWeights(spec: LayerSpec, inputShapes: readonly Shape3[], seed: number, scale: WeightScale = 1): LayerWeights {
  const shapes = weightShapes(spec, inputShapes);
  const names = Object.keys(shapes);
  if (names.length === 0) return undefined;
  const weights: Record<string, Float32Array> = {};
  names.forEach((name, n) => {
    const shape = shapes[name];
    const size = shape.reduce((a, b) => a * b, 1);
    const arraySeed = (seed * 31 + n + 1) | 0;
    const [low, high] = valueRange(spec.kind, name, shape, scale);
    weights[name] = uniformArray(size, arraySeed, low, high);
  });
  return weights as unknown as LayerWeights;
}

function valueRange(kind: LayerKind, name: string, shape: readonly number[], scale: WeightScale): [number, number] {
  if (name === 'movingVariance') return [0.5, 1.5];
  if (scale !== 'lecun') return [-scale, scale];
  if (name === 'gamma') return [0.9, 1.1];
  if (!/kernel/i.test(name)) return [-0.1, 0.1]; // biases, β, moving mean
  // A depthwise filter sees K_h·K_w inputs; every other kernel all but its last axis.
  const depthwise = name === 'depthwiseKernel' || (kind === 'depthwiseConv2d' && name === 'kernel');
  const fanIn = depthwise ? shape[0] * shape[1] : shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const limit = Math.sqrt(3 / fanIn); // uniform on ±limit has variance limit²/3 = 1/fanIn
  return [-limit, limit];
}
