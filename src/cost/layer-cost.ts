/**
 * What one layer costs on given input shapes: output shape, MACs,
 * elementwise ops, parameters and bytes.
 *
 *   spec ──normalizeLayer──► complete layer ──layerOutputShape──► output shape
 *        ──formulas (mathjs, compiled once)──► MACs, params
 *        ──elementwise.ts──► other ops
 *
 * MACs count conv and dense multiply-accumulates only (SE's two 1×1 convs
 * included); everything else is elementwiseOps (see ./elementwise.ts).
 */
import { ConvkitInputError, requirePositive } from '../core/errors';
import { normalizeLayer, type NormalizedLayer } from '../core/defaults';
import type { LayerSpec, Shape3 } from '../core/spec';
import { ACTIVATION_OPS, BATCH_NORM_OPS_PER_ELEMENT, addOps, avgPoolOps, globalAvgPoolOps, maxPoolOps, squeezeExciteOps } from './elementwise';
import { LAYER_FORMULAS, type FormulaScope } from './formulas';
import { layerOutputShape, validateShape } from '../core/output-shape';
import type { LayerCost, ParamCount } from './types';

export interface CostOptions {
  /** Bytes per tensor element. Default 4 (fp32). */
  readonly bytesPerElement?: number;
}

/** fp32, the kit's convention (docs/design.md#memory). */
export const DEFAULT_BYTES_PER_ELEMENT = 4;

export function bytesPerElementOf(options?: CostOptions): number {
  return options?.bytesPerElement === undefined ? DEFAULT_BYTES_PER_ELEMENT : requirePositive('bytesPerElement', options.bytesPerElement);
}

/**
 * Counts must be exact: beyond 2^53 a double no longer holds every integer,
 * so a sum silently rounds (a dense block of 997 layers with k = 99999 was
 * once off by hundreds). Used for every layer's counts and for every total
 * of a model or block (./summary.ts), so no printed count is ever rounded.
 */
export function exact(field: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ConvkitInputError(field, value, 'must be an exact non-negative integer below 2^53; the sizes are too large');
  }
  return value;
}

/** Bytes are elements × bytes per element (which may be fractional, e.g. 0.5 for 4-bit): finite, >= 0 and below 2^53. */
export function exactBytes(field: string, value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > Number.MAX_SAFE_INTEGER) {
    throw new ConvkitInputError(field, value, 'must be a byte count below 2^53; the sizes are too large');
  }
  return value;
}

export function paramCount(trainable: number, nonTrainable = 0): ParamCount {
  exact('trainable', trainable);
  exact('nonTrainable', nonTrainable);
  return { trainable, nonTrainable, total: exact('total', trainable + nonTrainable) };
}

const bit = (flag: boolean): number => (flag ? 1 : 0);

interface Work {
  readonly macs: number;
  readonly elementwiseOps: number;
  readonly params: ParamCount;
}

/**
 * The sizes a layer's cost formulas (./formulas.ts) are evaluated at, under
 * the formulas' own symbol names (H, W, C, Hout, Wout, Kh, Kw, M, g, d, b, U,
 * S). Layer kinds without a formula in LAYER_FORMULAS get an empty scope.
 *
 * The one place these sizes are read off a layer: layerCost evaluates the
 * formulas with it, and `convkit layer` prints it next to the formula, so the
 * sizes shown are by construction the sizes that gave the number.
 */
export function formulaScope(spec: LayerSpec | NormalizedLayer, input: Shape3, output: Shape3): FormulaScope {
  return scopeOf(normalizeLayer(spec as LayerSpec), validateShape('input', input), validateShape('output', output));
}

/** formulaScope for checked arguments. */
function scopeOf(layer: NormalizedLayer, input: Shape3, output: Shape3): FormulaScope {
  const [H, W, C] = input;
  const [Hout, Wout] = output;
  switch (layer.kind) {
    case 'conv2d':
      return { Hout, Wout, Kh: layer.kernelSize[0], Kw: layer.kernelSize[1], C, g: layer.groups, M: layer.filters, b: bit(layer.useBias) };
    case 'depthwiseConv2d':
      return { Hout, Wout, Kh: layer.kernelSize[0], Kw: layer.kernelSize[1], C, d: layer.depthMultiplier, b: bit(layer.useBias) };
    case 'pointwiseConv2d':
      return { H, W, C, M: layer.filters, b: bit(layer.useBias) };
    case 'separableConv2d':
      return { Hout, Wout, Kh: layer.kernelSize[0], Kw: layer.kernelSize[1], C, d: layer.depthMultiplier, M: layer.filters, b: bit(layer.useBias) };
    case 'dense':
      return { H, W, C, U: layer.units, b: bit(layer.useBias) };
    case 'batchNorm':
      return { C };
    case 'squeezeExcite':
      return { C, S: layer.squeezeChannels };
    default:
      return {};
  }
}

/** MACs, elementwise ops and params of a normalized layer with known shapes. */
function work(layer: NormalizedLayer, inputs: readonly Shape3[], output: Shape3): Work {
  const [H, W, C] = inputs[0];
  const outputElements = output[0] * output[1] * output[2];
  const formulas = LAYER_FORMULAS[layer.kind];
  if (formulas) {
    // Conv, dense, BN and SE: MACs and params straight from the formulas.
    const scope = scopeOf(layer, inputs[0], output);
    const params = paramCount(formulas.params.evaluate(scope), formulas.nonTrainableParams?.evaluate(scope) ?? 0);
    const macs = formulas.macs?.evaluate(scope) ?? 0;
    if (layer.kind === 'batchNorm') return { macs, elementwiseOps: outputElements * BATCH_NORM_OPS_PER_ELEMENT, params };
    if (layer.kind === 'squeezeExcite') {
      return { macs, elementwiseOps: squeezeExciteOps(H, W, C, layer.squeezeChannels, layer.innerActivation, layer.gateActivation), params };
    }
    return { macs, elementwiseOps: 0, params };
  }
  switch (layer.kind) {
    case 'activation':
      return { macs: 0, elementwiseOps: outputElements * ACTIVATION_OPS[layer.activation], params: paramCount(0) };
    case 'maxPool':
      return { macs: 0, elementwiseOps: maxPoolOps(outputElements, layer.poolSize[0] * layer.poolSize[1]), params: paramCount(0) };
    case 'avgPool':
      return { macs: 0, elementwiseOps: avgPoolOps(outputElements, layer.poolSize[0] * layer.poolSize[1]), params: paramCount(0) };
    case 'globalAvgPool':
      return { macs: 0, elementwiseOps: globalAvgPoolOps(H, W, C), params: paramCount(0) };
    case 'add':
      return { macs: 0, elementwiseOps: addOps(outputElements, inputs.length), params: paramCount(0) };
    default:
      // concat, zeroPadShortcut: data movement only.
      return { macs: 0, elementwiseOps: 0, params: paramCount(0) };
  }
}

/**
 * Elements of the tensors a layer materialises inside itself, besides its
 * output. Only a depthwise separable convolution has one: its depthwise step
 * writes a full Hout×Wout×(C·d) map, which the pointwise step then reads
 * (Howard et al. 2017, §3.1: the two steps are separate layers in MobileNet;
 * tf.separableConv2d runs them as two kernels too). That map is as large as
 * a layer output, so the memory rules (./memory.ts) count it like one.
 */
function intermediateElements(layer: NormalizedLayer, input: Shape3, output: Shape3): number {
  return layer.kind === 'separableConv2d' ? output[0] * output[1] * input[2] * layer.depthMultiplier : 0;
}

/**
 * The cost of one layer on the given input shapes (most layers take one
 * input; add and concat take several). Fills the layer's defaults and
 * validates it first; bad input throws ConvkitInputError naming the field.
 *
 * Example: 56×56×128 → 128 filters, K = 3, same padding:
 * 56·56·3·3·128·128 = 462,422,016 MACs and 3·3·128·128 = 147,456 params.
 */
export function layerCost(layer: LayerSpec, inputShapes: readonly Shape3[], options?: CostOptions): LayerCost {
  const bytesPerElement = bytesPerElementOf(options);
  return normalizedLayerCost(normalizeLayer(layer), inputShapes, bytesPerElement);
}

/**
 * layerCost for a normalized layer, with the bytes per element as a number.
 * It normalizes again (which changes nothing for a normalized layer and costs
 * little), so a hand-written layer passed here is checked like any other.
 */
export function normalizedLayerCost(given: NormalizedLayer, inputShapes: readonly Shape3[], bytesPerElement: number = DEFAULT_BYTES_PER_ELEMENT): LayerCost {
  const layer = normalizeLayer(given as LayerSpec);
  requirePositive('bytesPerElement', bytesPerElement);
  const outputShape = layerOutputShape(layer, inputShapes);
  const { macs, elementwiseOps, params } = work(layer, inputShapes, outputShape);
  const outputElements = exact('outputElements', outputShape[0] * outputShape[1] * outputShape[2]);
  const intermediate = exact('intermediateElements', intermediateElements(layer, inputShapes[0], outputShape));
  return {
    kind: layer.kind,
    inputShapes,
    outputShape,
    macs: exact('macs', macs),
    elementwiseOps: exact('elementwiseOps', elementwiseOps),
    params: { trainable: exact('params', params.trainable), nonTrainable: exact('params', params.nonTrainable), total: exact('params', params.total) },
    outputElements,
    outputBytes: exactBytes('outputBytes', outputElements * bytesPerElement),
    intermediateElements: intermediate,
    intermediateBytes: exactBytes('intermediateBytes', intermediate * bytesPerElement),
    weightBytes: exactBytes('weightBytes', params.total * bytesPerElement),
  };
}
