/**
 * Depthwise separable convolution (MobileNet, Howard et al. 2017, §3.1;
 * TF.js `separableConv2d`): a depthwise K×K step that filters each channel
 * on its own, then a pointwise 1×1 step that mixes channels — nothing in
 * between. It is literally the composition of the two reference layers.
 *
 *   z = depthwise(x)        [H', W', C·d]
 *   y = pointwise(z) + b    [H', W', M]
 *
 * Cost: the sum of the two parts,
 *   macs = H'·W'·K_h·K_w·C·d + H'·W'·C·d·M,
 * which against a standard convolution is 1/M + 1/K² (for d = 1; MobileNet eq. 5).
 */
import { normalizeSeparableConv2d } from '../../core/defaults';
import { separableParts } from '../../core/separable-parts';
import type { SeparableConv2dSpec } from '../../core/spec';
import { depthwiseConv2d } from './depthwise-conv2d';
import { pointwiseConv2d } from './pointwise-conv2d';
import { checkTensor, checkWeights, type Tensor3 } from '../../core/tensor';
import type { LayerResult } from './layer-result';

/** Trained values of a separable layer, in TF.js's layouts. */
export interface SeparableConv2dWeights {
  /** [K_h, K_w, C, depthMultiplier]. */
  readonly depthwiseKernel: Float32Array;
  /** [1, 1, C·depthMultiplier, M]. */
  readonly pointwiseKernel: Float32Array;
  /** [M], added after the pointwise step; required when spec.useBias is true. */
  readonly bias?: Float32Array;
}

/** Runs the depthwise then the pointwise step; macs is the sum of both counts. */
export function separableConv2d(input: Tensor3, spec: SeparableConv2dSpec, weights: SeparableConv2dWeights): LayerResult {
  checkTensor('input', input);
  const layer = normalizeSeparableConv2d(spec);
  // Check the weights here so errors name this layer's fields, not the inner steps'.
  const [kh, kw] = layer.kernelSize;
  const middle = input.shape[2] * layer.depthMultiplier; // C·d channels between the steps
  const depthwiseKernel = checkWeights(
    'weights.depthwiseKernel',
    weights?.depthwiseKernel,
    kh * kw * middle,
    `K_h·K_w·C·depthMultiplier = ${kh}·${kw}·${input.shape[2]}·${layer.depthMultiplier}`,
  );
  const pointwiseKernel = checkWeights(
    'weights.pointwiseKernel',
    weights?.pointwiseKernel,
    middle * layer.filters,
    `1·1·(C·depthMultiplier)·M = ${middle}·${layer.filters}`,
  );
  const parts = separableParts(layer);
  const depthwise = depthwiseConv2d(input, parts.depthwise, { kernel: depthwiseKernel });
  const pointwise = pointwiseConv2d(depthwise.output, parts.pointwise, { kernel: pointwiseKernel, bias: weights?.bias });
  return { output: pointwise.output, macs: depthwise.macs + pointwise.macs };
}
