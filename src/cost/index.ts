/**
 * The cost model's public API: per-layer cost, model summaries, memory,
 * the receptive field of a stack of windows,
 * the formulas (numbers, LaTeX, symbolic ratios) and their renderings.
 */
export type { LayerCost, MemoryReport, ModelSummary, ParamCount, SummaryRow } from './types';
export { layerCost, normalizedLayerCost, formulaScope, paramCount, DEFAULT_BYTES_PER_ELEMENT, type CostOptions } from './layer-cost';
export { summarize, type SummaryOptions } from './summary';
export { layerOutputShape, validateShape, windowOutputLength, windowOutputSize } from '../core/output-shape';
export { receptiveField, receptiveFieldSteps, layersToCover, type WindowLayer, type ReceptiveFieldStep } from './receptive-field';
export { memoryReport, peakInferenceBytes, type MemoryGraph, type MemoryNode } from './memory';
export { separableVsStandard, type SeparableComparison } from './separable';
export {
  separableToStandardRatio,
  depthwiseToStandardRatio,
  pointwiseToStandardRatio,
  symbolicRatio,
  simplifiesToZero,
  strideOneForm,
  STRIDE_ONE_SQUARE_KERNEL,
  type SymbolicResult,
} from './symbolic';
export {
  FORMULAS,
  LAYER_FORMULAS,
  SYMBOLS,
  conv2dMacs,
  conv2dParams,
  depthwiseMacs,
  depthwiseParams,
  pointwiseMacs,
  pointwiseParams,
  separableMacs,
  separableParams,
  denseMacs,
  denseParams,
  batchNormTrainableParams,
  batchNormNonTrainableParams,
  squeezeExciteMacs,
  squeezeExciteParams,
  toTex,
  type Formula,
  type LayerFormulas,
  type FormulaScope,
  type SymbolName,
} from './formulas';
export { ACTIVATION_OPS, BATCH_NORM_OPS_PER_ELEMENT } from './elementwise';
export { renderSummaryText, renderSummaryHtml, formatCount, formatBytes, formatShape, escapeHtml, summaryTotals } from './render';
