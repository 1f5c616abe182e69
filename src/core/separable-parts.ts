/**
 * A depthwise separable convolution is two layers run back to back (Howard
 * et al. 2017, arXiv:1704.04861, §3.1; TF.js `separableConv2d`):
 *
 *   depthwise  K_h×K_w per channel, with the layer's strides, padding,
 *              dilation and depth multiplier d, no bias   → C·d channels
 *   pointwise  1×1 to the layer's `filters`, with its bias → M channels
 *
 * The cost model prices the two parts and the reference loops run them; both
 * take the parts from here, so the split is written once.
 */
import type { NormalizedSeparableConv2d } from './defaults';
import type { DepthwiseConv2dSpec, PointwiseConv2dSpec } from './spec';

export interface SeparableParts {
  readonly depthwise: DepthwiseConv2dSpec;
  readonly pointwise: PointwiseConv2dSpec;
}

/** The depthwise and the pointwise layer of a (normalised) separable layer. */
export function separableParts(layer: NormalizedSeparableConv2d): SeparableParts {
  const { kernelSize, strides, padding, dilation, depthMultiplier } = layer;
  return {
    depthwise: { kind: 'depthwiseConv2d', kernelSize, strides, padding, dilation, depthMultiplier },
    pointwise: { kind: 'pointwiseConv2d', filters: layer.filters, useBias: layer.useBias },
  };
}
