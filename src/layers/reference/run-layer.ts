/**
 * One entry point for every layer kind: `runLayer(spec, inputs, weights)`
 * looks at spec.kind and calls the matching reference layer. Lessons and
 * tests use it to run any LayerSpec without a switch of their own.
 */
import { ConvkitInputError } from '../../core/errors';
import { LAYER_KINDS } from '../../core/defaults';
import type { LayerSpec } from '../../core/spec';
import { activation } from './activation';
import { add } from './add';
import { batchNorm, type BatchNormWeights } from './batch-norm';
import { concat } from './concat';
import { conv2d, type Conv2dWeights } from './conv2d';
import { dense, type DenseWeights } from './dense';
import { depthwiseConv2d, type DepthwiseConv2dWeights } from './depthwise-conv2d';
import { globalAvgPool } from './global-avg-pool';
import { pointwiseConv2d, type PointwiseConv2dWeights } from './pointwise-conv2d';
import { pool2d } from './pool';
import { separableConv2d, type SeparableConv2dWeights } from './separable-conv2d';
import { squeezeExcite, type SqueezeExciteWeights } from './squeeze-excite';
import type { Tensor3 } from '../../core/tensor';
import type { LayerResult } from './layer-result';
import type { LayerWeights } from './weights';
import { zeroPadShortcut } from './zero-pad-shortcut';

/**
 * Runs `spec` on `inputs` (one tensor for most kinds, two or more for add and
 * concat) with `weights` of the kind's type (see weights.ts). Returns the
 * output and the counted multiply-adds.
 */
export function runLayer(spec: LayerSpec, inputs: readonly Tensor3[], weights?: LayerWeights): LayerResult {
  if (!Array.isArray(inputs)) throw new ConvkitInputError('inputs', inputs, 'must be an array of tensors');
  if (typeof spec !== 'object' || spec === null) throw new ConvkitInputError('layer', spec, 'must be a layer spec object with a kind');
  if (spec.kind === 'add') return add(inputs, spec);
  if (spec.kind === 'concat') return concat(inputs, spec);
  if (inputs.length !== 1) throw new ConvkitInputError('inputs', inputs.length, `${spec.kind} takes exactly 1 input`);
  const input = inputs[0];
  switch (spec.kind) {
    case 'conv2d':
      return conv2d(input, spec, weights as Conv2dWeights);
    case 'depthwiseConv2d':
      return depthwiseConv2d(input, spec, weights as DepthwiseConv2dWeights);
    case 'pointwiseConv2d':
      return pointwiseConv2d(input, spec, weights as PointwiseConv2dWeights);
    case 'separableConv2d':
      return separableConv2d(input, spec, weights as SeparableConv2dWeights);
    case 'batchNorm':
      return batchNorm(input, spec, weights as BatchNormWeights);
    case 'activation':
      return activation(input, spec);
    case 'maxPool':
    case 'avgPool':
      return pool2d(input, spec);
    case 'globalAvgPool':
      return globalAvgPool(input, spec);
    case 'dense':
      return dense(input, spec, weights as DenseWeights);
    case 'squeezeExcite':
      return squeezeExcite(input, spec, weights as SqueezeExciteWeights);
    case 'zeroPadShortcut':
      return zeroPadShortcut(input, spec);
    default: {
      const kind: unknown = (spec as { kind?: unknown }).kind;
      throw new ConvkitInputError('kind', kind, `must be one of ${LAYER_KINDS.join(', ')}`);
    }
  }
}
