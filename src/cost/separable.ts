/**
 * Depthwise separable vs standard convolution on the same input: the
 * comparison at the heart of MobileNet (Howard et al. 2017, §3.1, eq. (5)).
 */
import { normalizeSeparableConv2d } from '../core/defaults';
import { separableParts } from '../core/separable-parts';
import type { SeparableConv2dSpec, Shape3 } from '../core/spec';
import { layerCost, type CostOptions } from './layer-cost';
import type { LayerCost } from './types';

export interface SeparableComparison {
  /** The depthwise step alone (K×K, with the spec's strides/padding/dilation/depthMultiplier). */
  readonly depthwise: LayerCost;
  /** The pointwise step alone, on the depthwise output. */
  readonly pointwise: LayerCost;
  /** Both steps as one separableConv2d layer. */
  readonly separable: LayerCost;
  /** A standard conv2d with the same filters, kernel, strides, padding, dilation and bias. */
  readonly standard: LayerCost;
  /** separable.macs / standard.macs. */
  readonly macsRatio: number;
  /** separable.params.total / standard.params.total. */
  readonly paramsRatio: number;
  /**
   * The ratio by the paper's formula, 1/M + 1/K² (Howard et al. 2017,
   * eq. (5)), generalised to d/M + d/(Kh·Kw) for depth multiplier d: a
   * formula evaluated here, not a figure printed in the paper. macsRatio
   * equals it for any stride and padding, because both convs produce the
   * same output size.
   */
  readonly formulaRatio: number;
}

/**
 * Costs a separable conv and the standard conv it replaces on `input`.
 * Example: 56×56×128, K = 3, M = 128: ratio 1/128 + 1/9 ≈ 0.119.
 */
export function separableVsStandard(input: Shape3, spec: Omit<SeparableConv2dSpec, 'kind'>, options?: CostOptions): SeparableComparison {
  const layer = normalizeSeparableConv2d({ ...spec, kind: 'separableConv2d' });
  const separable = layerCost(layer, [input], options);
  const parts = separableParts(layer);
  const depthwise = layerCost(parts.depthwise, [input], options);
  const pointwise = layerCost(parts.pointwise, [depthwise.outputShape], options);
  const { kernelSize, strides, padding, dilation } = layer;
  const standard = layerCost({ kind: 'conv2d', filters: layer.filters, kernelSize, strides, padding, dilation, useBias: layer.useBias }, [input], options);
  const kernelArea = layer.kernelSize[0] * layer.kernelSize[1];
  const d = layer.depthMultiplier;
  return {
    depthwise,
    pointwise,
    separable,
    standard,
    macsRatio: separable.macs / standard.macs,
    paramsRatio: separable.params.total / standard.params.total,
    formulaRatio: d / layer.filters + d / kernelArea,
  };
}
