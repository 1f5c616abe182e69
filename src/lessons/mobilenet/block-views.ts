/**
 * A whole block (or any small ModelSpec) in the three views at once
 * (shared DESIGN, "One spec, three views"):
 *
 *   spec ──► cost model       summarize(spec).macs: the formulas, layer by layer
 *        ──► reference loops  runModel: runs every node, COUNTS its multiply-adds
 *        ──► TF.js            buildTfModel + the SAME weights: compare outputs
 *
 * Lessons 04 and 05 print the three and throw when they disagree, e.g. for a
 * separable layer (MobileNet v1) or an inverted residual block (MobileNet v2).
 * Weights are seeded LeCun-scaled random values (the reference layers'
 * randomWeights), copied into the TF.js layers by weight name, so both
 * implementations compute with identical numbers.
 */
import * as tf from '@tensorflow/tfjs';
import { summarize } from '../../cost/summary';
import { ConvkitInputError } from '../../errors';
import type { ModelSpec, Shape3 } from '../../models/spec';
import { runModel } from '../../layers/reference/run-model';
import { checkTensor, type Tensor3 } from '../../layers/reference/tensor';
import { randomWeights, type LayerWeights } from '../../layers/reference/weights';
import { buildTfModel } from '../../layers/tf/build-model';

export interface BlockViews {
  readonly model: string;
  readonly inputShape: Shape3;
  readonly outputShape: Shape3;
  /** Cost model (formulas). */
  readonly formulaMacs: number;
  /** Counted by the reference loops while they ran. */
  readonly countedMacs: number;
  /** Cost model, Keras total (weights, biases, BN γ/β and moving statistics). */
  readonly formulaParams: number;
  /** tf.LayersModel.countParams(). */
  readonly tfParams: number;
  /** Largest |reference − TF.js| over the output values. */
  readonly maxAbsDifference: number;
  readonly tolerance: number;
  readonly referenceOutput: Tensor3;
  readonly agree: boolean;
}

/** snake_case weight name of TF.js → the reference layers' camelCase field. */
function referenceField(variableName: string, kind: string): string {
  const last = variableName.split('/').pop() ?? variableName;
  const camel = last.replace(/_\d+$/, '').replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  // A depthwise layer's kernel is `depthwise_kernel` in TF.js and `kernel` in the reference layer.
  return kind === 'depthwiseConv2d' && camel === 'depthwiseKernel' ? 'kernel' : camel;
}

/**
 * Runs `spec` on `input` in all three views with seeded weights. Pick the
 * TF.js backend first (useBackend). `tolerance` is absolute (default 1e-4).
 */
export function blockViews(spec: ModelSpec, input: Tensor3, seed = 0, tolerance = 1e-4): BlockViews {
  checkTensor('input', input);
  if (!(typeof tolerance === 'number' && tolerance >= 0)) throw new ConvkitInputError('tolerance', tolerance, 'must be a number >= 0');
  const summary = summarize(spec);
  const weights: Record<string, LayerWeights> = {};
  summary.rows.forEach((row, i) => {
    const w = randomWeights(row.layer, row.inputShapes, seed + i, 'lecun');
    if (w !== undefined) weights[row.name] = w;
  });
  const reference = runModel(spec, input, { weights, seed });
  const model = buildTfModel(spec, { seed });
  try {
    for (const node of spec.nodes) {
      const arrays = weights[node.name] as unknown as Record<string, Float32Array> | undefined;
      if (!arrays) continue;
      const layer = model.getLayer(node.name);
      const values = layer.weights.map((variable) => {
        const field = referenceField(variable.originalName, node.layer.kind);
        const array = arrays[field];
        if (array === undefined) throw new ConvkitInputError(`${node.name} weights`, field, `must exist in the reference weights (${Object.keys(arrays).join(', ')})`);
        return tf.tensor(array, variable.shape as number[]);
      });
      layer.setWeights(values);
      tf.dispose(values);
    }
    const tfOutput = tf.tidy(() => (model.predict(tf.tensor4d(input.data, [1, ...input.shape])) as tf.Tensor).dataSync() as Float32Array);
    let maxAbsDifference = 0;
    reference.output.data.forEach((value, i) => {
      maxAbsDifference = Math.max(maxAbsDifference, Math.abs(value - tfOutput[i]));
    });
    if (tfOutput.length !== reference.output.data.length) maxAbsDifference = Number.POSITIVE_INFINITY;
    const tfParams = model.countParams();
    return {
      model: spec.name,
      inputShape: input.shape,
      outputShape: reference.output.shape,
      formulaMacs: summary.macs,
      countedMacs: reference.macs,
      formulaParams: summary.params.total,
      tfParams,
      maxAbsDifference,
      tolerance,
      referenceOutput: reference.output,
      agree: summary.macs === reference.macs && summary.params.total === tfParams && maxAbsDifference <= tolerance,
    };
  } finally {
    model.dispose();
  }
}

/** Throws an Error naming every disagreement; returns the views when all three agree. */
export function assertBlockViewsAgree(views: BlockViews): BlockViews {
  const problems: string[] = [];
  if (views.formulaMacs !== views.countedMacs) problems.push(`formula MACs ${views.formulaMacs} ≠ counted ${views.countedMacs}`);
  if (views.formulaParams !== views.tfParams) problems.push(`formula params ${views.formulaParams} ≠ TF.js countParams ${views.tfParams}`);
  if (!(views.maxAbsDifference <= views.tolerance)) problems.push(`outputs differ by ${views.maxAbsDifference} > ${views.tolerance}`);
  if (problems.length > 0) throw new Error(`the three views of ${views.model} disagree: ${problems.join('; ')}`);
  return views;
}

/** The lines a lesson prints. */
export function describeBlockViews(views: BlockViews): string {
  const n = (value: number) => value.toLocaleString('en-US');
  return [
    `${views.model}: ${views.inputShape.join('×')} → ${views.outputShape.join('×')}`,
    `  MACs        formula ${n(views.formulaMacs)} | counted by the reference loops ${n(views.countedMacs)}`,
    `  parameters  formula ${n(views.formulaParams)} | TF.js countParams() ${n(views.tfParams)}`,
    `  outputs     reference vs TF.js, same weights: max |difference| ${views.maxAbsDifference <= views.tolerance ? '<=' : '>'} ${views.tolerance}`,
    `  agree: ${views.agree ? 'yes' : 'NO'}`,
  ].join('\n');
}
