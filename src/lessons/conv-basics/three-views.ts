/**
 * One layer, three views, held against each other (shared DESIGN, "One spec,
 * three views"):
 *
 *   spec ──► cost model        formula MACs and parameters (src/cost)
 *        ──► reference loops   output, and the MACs it COUNTED while running
 *        ──► TF.js             output of tf.layers built from the same spec
 *                              (src/layers/tf buildTfModel), countParams()
 *
 * Every lesson prints the three side by side and stops (throws) if they
 * disagree: counted MACs must equal the formula exactly, TF.js's parameter
 * count must equal the formula's, and the two outputs must match within a
 * float32 tolerance. TF.js does not count MACs, so its check is on the values
 * it computes with the very same weights.
 */
import * as tf from '@tensorflow/tfjs';
import { ConvkitInputError } from '../../errors';
import { layerCost } from '../../cost/layer-cost';
import { INPUT, type LayerSpec, type ModelSpec, type Shape3 } from '../../models/spec';
import { runLayer } from '../../layers/reference/run-layer';
import { checkTensor, type Tensor3 } from '../../layers/reference/tensor';
import type { LayerWeights } from '../../layers/reference/weights';
import { buildTfModel } from '../../layers/tf/build-model';
import { maxAbsDifference } from './feature-maps';

/** The layer kinds this comparison covers (the ones with conv weights). */
export const THREE_VIEW_KINDS = ['conv2d', 'depthwiseConv2d', 'pointwiseConv2d', 'separableConv2d'] as const;
type ThreeViewKind = (typeof THREE_VIEW_KINDS)[number];

export interface ThreeViews {
  readonly kind: ThreeViewKind;
  readonly inputShape: Shape3;
  readonly outputShape: Shape3;
  /** MACs from the cost model's formula. */
  readonly formulaMacs: number;
  /** MACs the reference loops counted as they ran. */
  readonly countedMacs: number;
  /** Trainable parameters from the cost model's formula. */
  readonly formulaParams: number;
  /** tf.LayersModel.countParams() of the same layer. */
  readonly tfParams: number;
  /** Largest |reference − TF.js| over the output. */
  readonly maxAbsDifference: number;
  /** The tolerance used for the outputs. */
  readonly tolerance: number;
  /** The reference output (a lesson shows it as images). */
  readonly referenceOutput: Tensor3;
  /** The TF.js output, NHWC without the batch axis. */
  readonly tfOutput: Tensor3;
  /** True when MACs, parameters and outputs all agree. */
  readonly agree: boolean;
}

/**
 * Runs `spec` on `input` with `weights` in all three views. The caller picks
 * the TF.js backend first (useBackend). `tolerance` is absolute, on output
 * values (default 1e-4: float32 sums of a few hundred terms of size ~1).
 */
export function compareThreeViews(spec: LayerSpec, input: Tensor3, weights: LayerWeights, tolerance = 1e-4): ThreeViews {
  checkTensor('input', input);
  if (!(THREE_VIEW_KINDS as readonly string[]).includes(spec?.kind)) {
    throw new ConvkitInputError('spec.kind', spec?.kind, `must be one of ${THREE_VIEW_KINDS.join(', ')}`);
  }
  if (!(typeof tolerance === 'number' && tolerance >= 0)) throw new ConvkitInputError('tolerance', tolerance, 'must be a number >= 0');
  const kind = spec.kind as ThreeViewKind;
  const cost = layerCost(spec, [input.shape]);
  const reference = runLayer(spec, [input], weights);
  const tfRun = runTf(spec, input, weights, kind);
  const difference = maxAbsDifference(reference.output.data, tfRun.output.data);
  return {
    kind,
    inputShape: input.shape,
    outputShape: cost.outputShape,
    formulaMacs: cost.macs,
    countedMacs: reference.macs,
    formulaParams: cost.params.trainable,
    tfParams: tfRun.params,
    maxAbsDifference: difference,
    tolerance,
    referenceOutput: reference.output,
    tfOutput: tfRun.output,
    agree: cost.macs === reference.macs && cost.params.trainable === tfRun.params && difference <= tolerance,
  };
}

/** Throws an Error that says which views disagree, and by how much; returns the views when all agree. */
export function assertViewsAgree(views: ThreeViews): ThreeViews {
  const problems: string[] = [];
  if (views.formulaMacs !== views.countedMacs) problems.push(`formula MACs ${views.formulaMacs} ≠ counted MACs ${views.countedMacs}`);
  if (views.formulaParams !== views.tfParams) problems.push(`formula params ${views.formulaParams} ≠ TF.js countParams ${views.tfParams}`);
  if (!(views.maxAbsDifference <= views.tolerance)) {
    problems.push(`reference and TF.js outputs differ by ${views.maxAbsDifference} > ${views.tolerance}`);
  }
  if (problems.length > 0) throw new Error(`the three views of this ${views.kind} disagree: ${problems.join('; ')}`);
  return views;
}

/** The lines a lesson prints: MACs from each view, parameters, and the output check. */
export function describeThreeViews(views: ThreeViews): string {
  const n = (value: number) => value.toLocaleString('en-US');
  return [
    `${views.kind} on ${views.inputShape.join('×')} → ${views.outputShape.join('×')}`,
    `  MACs        formula ${n(views.formulaMacs)} | counted by the reference loops ${n(views.countedMacs)}`,
    `  parameters  formula ${n(views.formulaParams)} | TF.js countParams() ${n(views.tfParams)}`,
    `  outputs     reference vs TF.js: max |difference| ${views.maxAbsDifference <= views.tolerance ? '<=' : '>'} ${views.tolerance}`,
    `  agree: ${views.agree ? 'yes' : 'NO'}`,
  ].join('\n');
}

/** The weight arrays of a reference layer, in the order tf.layers stores them. */
function weightsInTfOrder(kind: ThreeViewKind, weights: LayerWeights): (Float32Array | undefined)[] {
  const w = (weights ?? {}) as unknown as Record<string, Float32Array | undefined>;
  return kind === 'separableConv2d' ? [w.depthwiseKernel, w.pointwiseKernel, w.bias] : [w.kernel, w.bias];
}

function runTf(spec: LayerSpec, input: Tensor3, weights: LayerWeights, kind: ThreeViewKind): { output: Tensor3; params: number } {
  const model: ModelSpec = { name: 'one layer', input: input.shape, nodes: [{ name: 'layer', layer: spec, inputs: [INPUT] }] };
  const tfModel = buildTfModel(model);
  try {
    const layer = tfModel.getLayer('layer');
    const arrays = weightsInTfOrder(kind, weights);
    const values = layer.weights.map((variable, i) => {
      const array = arrays[i];
      if (array === undefined) throw new ConvkitInputError('weights', `missing ${variable.name}`, 'must hold every weight array of the layer');
      return tf.tensor(array, variable.shape as number[]);
    });
    layer.setWeights(values);
    tf.dispose(values);
    const data = tf.tidy(() => {
      const x = tf.tensor4d(input.data, [1, ...input.shape]);
      return (tfModel.predict(x) as tf.Tensor).dataSync() as Float32Array;
    });
    const shape = tfModel.outputs[0].shape.slice(1) as unknown as Shape3;
    return { output: { shape: [shape[0], shape[1], shape[2]], data: Float32Array.from(data) }, params: tfModel.countParams() };
  } finally {
    tfModel.dispose();
  }
}
