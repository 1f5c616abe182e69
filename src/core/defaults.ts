/**
 * Defaults and validation for layer specs, in one place.
 *
 * Every optional field of a LayerSpec has its default written in its doc
 * comment in ./spec.ts; `normalizeLayer` fills them in and checks every size,
 * so the cost model, the reference loops and the TF.js builders all read the
 * same complete, validated layer and no view guesses a default on its own.
 *
 * Checks that need the input shape (kernel larger than the padded input,
 * groups dividing the input channels, add/concat shape agreement) live with
 * the output-shape rules in src/cost/output-shape.ts.
 */
import { ConvkitInputError, requireInteger, requirePositive } from './errors';
import { ACTIVATIONS, type ActivationName, type ExplicitPadding, type LayerKind, type LayerSpec, type Pair, type Padding } from './spec';

/** (vertical, horizontal) sizes after defaults: always two positive integers. */
export type PairTuple = readonly [number, number];

/** Every layer kind, in the order spec.ts lists them. */
export const LAYER_KINDS: readonly LayerKind[] = [
  'conv2d',
  'depthwiseConv2d',
  'pointwiseConv2d',
  'separableConv2d',
  'batchNorm',
  'activation',
  'maxPool',
  'avgPool',
  'globalAvgPool',
  'dense',
  'add',
  'concat',
  'squeezeExcite',
  'zeroPadShortcut',
];

export interface NormalizedConv2d {
  readonly kind: 'conv2d';
  readonly filters: number;
  readonly kernelSize: PairTuple;
  readonly strides: PairTuple;
  readonly padding: Padding;
  readonly dilation: PairTuple;
  readonly groups: number;
  readonly useBias: boolean;
}

export interface NormalizedDepthwiseConv2d {
  readonly kind: 'depthwiseConv2d';
  readonly kernelSize: PairTuple;
  readonly strides: PairTuple;
  readonly padding: Padding;
  readonly dilation: PairTuple;
  readonly depthMultiplier: number;
  readonly useBias: boolean;
}

export interface NormalizedPointwiseConv2d {
  readonly kind: 'pointwiseConv2d';
  readonly filters: number;
  readonly useBias: boolean;
}

export interface NormalizedSeparableConv2d {
  readonly kind: 'separableConv2d';
  readonly filters: number;
  readonly kernelSize: PairTuple;
  readonly strides: PairTuple;
  readonly padding: Padding;
  readonly dilation: PairTuple;
  readonly depthMultiplier: number;
  readonly useBias: boolean;
}

export interface NormalizedBatchNorm {
  readonly kind: 'batchNorm';
  readonly epsilon: number;
}

export interface NormalizedActivation {
  readonly kind: 'activation';
  readonly activation: ActivationName;
}

export interface NormalizedPool {
  readonly kind: 'maxPool' | 'avgPool';
  readonly poolSize: PairTuple;
  readonly strides: PairTuple;
  readonly padding: Padding;
}

export interface NormalizedGlobalAvgPool {
  readonly kind: 'globalAvgPool';
}

export interface NormalizedDense {
  readonly kind: 'dense';
  readonly units: number;
  readonly useBias: boolean;
}

export interface NormalizedAdd {
  readonly kind: 'add';
}

export interface NormalizedConcat {
  readonly kind: 'concat';
}

export interface NormalizedSqueezeExcite {
  readonly kind: 'squeezeExcite';
  readonly squeezeChannels: number;
  readonly innerActivation: ActivationName;
  readonly gateActivation: ActivationName;
}

export interface NormalizedZeroPadShortcut {
  readonly kind: 'zeroPadShortcut';
  readonly filters: number;
  readonly strides: number;
}

/** A LayerSpec with every default filled in and every size validated. */
export type NormalizedLayer =
  | NormalizedConv2d
  | NormalizedDepthwiseConv2d
  | NormalizedPointwiseConv2d
  | NormalizedSeparableConv2d
  | NormalizedBatchNorm
  | NormalizedActivation
  | NormalizedPool
  | NormalizedGlobalAvgPool
  | NormalizedDense
  | NormalizedAdd
  | NormalizedConcat
  | NormalizedSqueezeExcite
  | NormalizedZeroPadShortcut;

/** Keras's BatchNormalization epsilon (spec.ts, BatchNormSpec). */
export const DEFAULT_BATCH_NORM_EPSILON = 1e-3;

/**
 * One size for both axes, or [vertical, horizontal]; each must be a positive
 * integer. `pair(3)` is [3, 3].
 */
export function pair(value: Pair, field = 'value'): [number, number] {
  if (typeof value === 'number') {
    requireInteger(field, value);
    return [value, value];
  }
  if (!Array.isArray(value) || value.length !== 2) {
    throw new ConvkitInputError(field, value, 'must be a positive integer or a pair [vertical, horizontal] of them');
  }
  requireInteger(field, value[0]);
  requireInteger(field, value[1]);
  return [value[0], value[1]];
}

/** 'same', 'valid', or explicit sides that are integers >= 0. */
export function normalizePadding(value: unknown, field = 'padding'): Padding {
  if (value === 'same' || value === 'valid') return value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const sides = value as Partial<Record<keyof ExplicitPadding, unknown>>;
    const explicit: ExplicitPadding = {
      top: requireInteger(`${field}.top`, sides.top, 0),
      bottom: requireInteger(`${field}.bottom`, sides.bottom, 0),
      left: requireInteger(`${field}.left`, sides.left, 0),
      right: requireInteger(`${field}.right`, sides.right, 0),
    };
    return explicit;
  }
  throw new ConvkitInputError(field, value, `must be 'same', 'valid' or {top, bottom, left, right} of integers >= 0`);
}

function normalizeBool(field: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new ConvkitInputError(field, value, 'must be true or false');
  return value;
}

function normalizeActivationName(field: string, value: unknown, fallback?: ActivationName): ActivationName {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value === 'string' && (ACTIVATIONS as readonly string[]).includes(value)) return value as ActivationName;
  throw new ConvkitInputError(field, value, `must be one of ${ACTIVATIONS.join(', ')}`);
}

function pairOr(value: Pair | undefined, field: string, fallback: PairTuple): PairTuple {
  return value === undefined ? fallback : pair(value, field);
}

const ONE: PairTuple = [1, 1];

/**
 * The one rule on dilation and stride, for every view: a window is dilated
 * or strided, not both. TF/Keras refuse `dilation_rate` > 1 with `strides`
 * > 1 (on any axis), and TF.js's conv ops assert the same, so a spec that
 * the cost model priced would fail in the TF.js view. Checked here, where
 * every view's layer is normalised, so the cost model, the reference loops,
 * `convkit layer` and the TF.js builders all refuse it with this message.
 */
export function requireDilationOrStrideOne(dilation: PairTuple, strides: PairTuple, given: { readonly dilation?: Pair; readonly strides?: Pair } = {}): void {
  const dilated = dilation[0] > 1 || dilation[1] > 1;
  const strided = strides[0] > 1 || strides[1] > 1;
  if (dilated && strided) {
    const shownStrides = given.strides ?? strides;
    throw new ConvkitInputError(
      'dilation',
      given.dilation ?? [...dilation],
      `must be 1 when strides > 1 (strides = ${typeof shownStrides === 'number' ? shownStrides : `[${shownStrides.join(', ')}]`}): ` +
        'a window is dilated or strided, not both (as in TF/Keras and TF.js)',
    );
  }
}

/** The sliding-window fields conv2d, depthwise and separable convs share, validated in this order. */
function convWindow(
  layer: Extract<LayerSpec, { kind: 'conv2d' | 'depthwiseConv2d' | 'separableConv2d' }>,
): Pick<NormalizedConv2d, 'kernelSize' | 'strides' | 'padding' | 'dilation'> {
  const window = {
    kernelSize: pair(layer.kernelSize, 'kernelSize'),
    strides: pairOr(layer.strides, 'strides', ONE),
    padding: layer.padding === undefined ? 'same' : normalizePadding(layer.padding),
    dilation: pairOr(layer.dilation, 'dilation', ONE),
  };
  requireDilationOrStrideOne(window.dilation, window.strides, layer);
  return window;
}

function depthMultiplierOf(layer: Extract<LayerSpec, { kind: 'depthwiseConv2d' | 'separableConv2d' }>): number {
  return layer.depthMultiplier === undefined ? 1 : requireInteger('depthMultiplier', layer.depthMultiplier);
}

export function normalizeConv2d(layer: Extract<LayerSpec, { kind: 'conv2d' }>): NormalizedConv2d {
  const filters = requireInteger('filters', layer.filters);
  const groups = layer.groups === undefined ? 1 : requireInteger('groups', layer.groups);
  if (filters % groups !== 0) {
    throw new ConvkitInputError('groups', groups, `must divide filters (${filters})`);
  }
  return {
    kind: 'conv2d',
    filters,
    ...convWindow(layer),
    groups,
    useBias: normalizeBool('useBias', layer.useBias, false),
  };
}

export function normalizeDepthwiseConv2d(layer: Extract<LayerSpec, { kind: 'depthwiseConv2d' }>): NormalizedDepthwiseConv2d {
  return {
    kind: 'depthwiseConv2d',
    ...convWindow(layer),
    depthMultiplier: depthMultiplierOf(layer),
    useBias: normalizeBool('useBias', layer.useBias, false),
  };
}

export function normalizePointwiseConv2d(layer: Extract<LayerSpec, { kind: 'pointwiseConv2d' }>): NormalizedPointwiseConv2d {
  return {
    kind: 'pointwiseConv2d',
    filters: requireInteger('filters', layer.filters),
    useBias: normalizeBool('useBias', layer.useBias, false),
  };
}

export function normalizeSeparableConv2d(layer: Extract<LayerSpec, { kind: 'separableConv2d' }>): NormalizedSeparableConv2d {
  return {
    kind: 'separableConv2d',
    filters: requireInteger('filters', layer.filters),
    ...convWindow(layer),
    depthMultiplier: depthMultiplierOf(layer),
    useBias: normalizeBool('useBias', layer.useBias, false),
  };
}

export function normalizeBatchNorm(layer: Extract<LayerSpec, { kind: 'batchNorm' }>): NormalizedBatchNorm {
  return {
    kind: 'batchNorm',
    epsilon: layer.epsilon === undefined ? DEFAULT_BATCH_NORM_EPSILON : requirePositive('epsilon', layer.epsilon),
  };
}

export function normalizePool(layer: Extract<LayerSpec, { kind: 'maxPool' | 'avgPool' }>): NormalizedPool {
  const poolSize = pair(layer.poolSize, 'poolSize');
  return {
    kind: layer.kind,
    poolSize,
    // Keras: strides default to the pool size, so windows tile the input.
    strides: pairOr(layer.strides, 'strides', poolSize),
    padding: layer.padding === undefined ? 'valid' : normalizePadding(layer.padding),
  };
}

export function normalizeSqueezeExcite(layer: Extract<LayerSpec, { kind: 'squeezeExcite' }>): NormalizedSqueezeExcite {
  return {
    kind: 'squeezeExcite',
    squeezeChannels: requireInteger('squeezeChannels', layer.squeezeChannels),
    innerActivation: normalizeActivationName('innerActivation', layer.innerActivation, 'relu'),
    gateActivation: normalizeActivationName('gateActivation', layer.gateActivation, 'hardSigmoid'),
  };
}

/**
 * Fills every default of `layer` and validates its sizes. Throws
 * ConvkitInputError naming the field, e.g. `strides = 0: must be a positive integer`,
 * and `kind = "conv3d": must be one of conv2d, …` for an unknown layer kind.
 */
export function normalizeLayer(layer: LayerSpec): NormalizedLayer {
  if (typeof layer !== 'object' || layer === null) {
    throw new ConvkitInputError('layer', layer, 'must be a layer spec object with a kind');
  }
  switch (layer.kind) {
    case 'conv2d':
      return normalizeConv2d(layer);
    case 'depthwiseConv2d':
      return normalizeDepthwiseConv2d(layer);
    case 'pointwiseConv2d':
      return normalizePointwiseConv2d(layer);
    case 'separableConv2d':
      return normalizeSeparableConv2d(layer);
    case 'batchNorm':
      return normalizeBatchNorm(layer);
    case 'activation':
      return { kind: 'activation', activation: normalizeActivationName('activation', layer.activation) };
    case 'maxPool':
    case 'avgPool':
      return normalizePool(layer);
    case 'globalAvgPool':
      return { kind: 'globalAvgPool' };
    case 'dense':
      return {
        kind: 'dense',
        units: requireInteger('units', layer.units),
        useBias: normalizeBool('useBias', layer.useBias, true),
      };
    case 'add':
      return { kind: 'add' };
    case 'concat':
      return { kind: 'concat' };
    case 'squeezeExcite':
      return normalizeSqueezeExcite(layer);
    case 'zeroPadShortcut':
      return {
        kind: 'zeroPadShortcut',
        filters: requireInteger('filters', layer.filters),
        strides: layer.strides === undefined ? 1 : requireInteger('strides', layer.strides),
      };
    default: {
      const kind: unknown = (layer as { kind?: unknown }).kind;
      throw new ConvkitInputError('kind', kind, `must be one of ${LAYER_KINDS.join(', ')}`);
    }
  }
}
