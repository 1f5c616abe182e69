/**
 * The three views of one spec, held against each other
 * (docs/design.md#one-spec-three-views). Written once here; lesson 01–03's one-layer check
 * (lessons/conv-basics/three-views.ts) and lesson 04–08's block check
 * (views/block-views.ts) are thin wrappers around it.
 *
 *   spec ──► cost model       summarize(spec): formula MACs, parameters, output shape
 *        ──► reference loops  runModel: runs every node and COUNTS its multiply-adds
 *        ──► TF.js            buildTfModel, the SAME weights copied in: output values,
 *                             countParams()
 *
 * The views agree when
 *   counted MACs == formula MACs             (exactly: both are integers)
 *   TF.js countParams() == formula params    (exactly; Keras total, BN statistics included)
 *   the three output shapes are equal
 *   max |reference − TF.js| <= tolerance      (float32 sums in a different order differ
 *                                              in the last bits, so not exactly)
 * TF.js does not count multiply-adds; its check is on the values it computes.
 */
import * as tf from '@tensorflow/tfjs';
import { summarize } from '../cost/summary';
import { ConvkitInputError } from '../core/errors';
import type { ModelSpec, Shape3 } from '../core/spec';
import { runModel } from '../layers/reference/run-model';
import { checkTensor, type Tensor3 } from '../core/tensor';
import type { LayerWeights } from '../layers/reference/weights';
import { buildTfModel } from '../layers/tf/build-model';

/** What the three views said about one spec on one input. */
export interface ViewsAgreement {
  readonly inputShape: Shape3;
  /** Output shape from the cost model. */
  readonly outputShape: Shape3;
  /** Cost model (formulas), summed over the layers. */
  readonly formulaMacs: number;
  /** Counted by the reference loops while they ran. */
  readonly countedMacs: number;
  /** Cost model, Keras total (weights, biases, BN γ/β and moving statistics): what countParams() counts. */
  readonly formulaParams: number;
  /** tf.LayersModel.countParams(). */
  readonly tfParams: number;
  /** Largest |reference − TF.js| over the output values (Infinity when their sizes differ). */
  readonly maxAbsDifference: number;
  /** Absolute tolerance on the output values. */
  readonly tolerance: number;
  /** The reference output (a lesson shows it as images). */
  readonly referenceOutput: Tensor3;
  /** The TF.js output, NHWC without the batch axis. */
  readonly tfOutput: Tensor3;
  /** True when agreementProblems() finds nothing. */
  readonly agree: boolean;
}

/** The numbers agreementProblems() looks at (a ViewsAgreement has them all). */
export type AgreementFigures = Pick<ViewsAgreement, 'formulaMacs' | 'countedMacs' | 'formulaParams' | 'tfParams' | 'maxAbsDifference' | 'tolerance'> & {
  readonly outputShape?: Shape3;
  readonly referenceOutput?: { readonly shape: Shape3 };
  readonly tfOutput?: { readonly shape: Shape3 };
};

/** Largest |a − b|; Infinity when the two outputs do not even have the same number of values. */
export function outputDifference(reference: ArrayLike<number>, tfValues: ArrayLike<number>): number {
  if (reference.length !== tfValues.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  // Math.max propagates NaN, so an output with NaN never passes as a small difference.
  for (let i = 0; i < reference.length; i++) worst = Math.max(worst, Math.abs(reference[i] - tfValues[i]));
  return worst;
}

/** One sentence per disagreement; empty when the three views agree. */
export function agreementProblems(views: AgreementFigures): string[] {
  const problems: string[] = [];
  if (views.formulaMacs !== views.countedMacs) problems.push(`formula MACs ${views.formulaMacs} ≠ counted MACs ${views.countedMacs}`);
  if (views.formulaParams !== views.tfParams) problems.push(`formula params ${views.formulaParams} ≠ TF.js countParams ${views.tfParams}`);
  const shapes = [views.outputShape, views.referenceOutput?.shape, views.tfOutput?.shape];
  const known = shapes.filter((shape): shape is Shape3 => shape !== undefined).map((shape) => shape.join('×'));
  if (new Set(known).size > 1) {
    problems.push(
      `output shapes differ: formula ${shapes[0]?.join('×') ?? '?'}, reference ${shapes[1]?.join('×') ?? '?'}, TF.js ${shapes[2]?.join('×') ?? '?'}`,
    );
  }
  if (!(views.maxAbsDifference <= views.tolerance)) {
    problems.push(`reference and TF.js outputs differ by ${views.maxAbsDifference} > ${views.tolerance}`);
  }
  return problems;
}

/** Throws an Error naming `subject` and every disagreement; returns `views` when all three agree. */
export function assertAgreement<V extends AgreementFigures>(subject: string, views: V): V {
  const problems = agreementProblems(views);
  if (problems.length > 0) throw new Error(`the three views of ${subject} disagree: ${problems.join('; ')}`);
  return views;
}

/** The lines a lesson prints under `heading`: MACs from two views, parameters from two, the output check. */
export function describeAgreement(heading: string, views: AgreementFigures): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const agree = agreementProblems(views).length === 0;
  return [
    heading,
    `  MACs        formula ${n(views.formulaMacs)} | counted by the reference loops ${n(views.countedMacs)}`,
    `  parameters  formula ${n(views.formulaParams)} | TF.js countParams() ${n(views.tfParams)}`,
    `  outputs     reference vs TF.js, same weights: max |difference| ${views.maxAbsDifference <= views.tolerance ? '<=' : '>'} ${views.tolerance}`,
    `  agree: ${agree ? 'yes' : 'NO'}`,
  ].join('\n');
}

/** snake_case weight name of TF.js → the reference layers' camelCase field. */
function referenceField(variableName: string, kind: string): string {
  const last = variableName.split('/').pop() ?? variableName;
  const camel = last.replace(/_\d+$/, '').replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  // A depthwise layer's kernel is `depthwise_kernel` in TF.js and `kernel` in the reference layer.
  return kind === 'depthwiseConv2d' && camel === 'depthwiseKernel' ? 'kernel' : camel;
}

/** Copies the reference weights into the TF.js layers of the same names. */
function copyWeights(spec: ModelSpec, model: tf.LayersModel, weights: Readonly<Record<string, LayerWeights>>): void {
  for (const node of spec.nodes) {
    const layer = model.getLayer(node.name);
    if (layer.weights.length === 0) continue;
    const arrays = weights[node.name] as unknown as Record<string, Float32Array | undefined> | undefined;
    if (arrays === undefined) throw new ConvkitInputError(`weights.${node.name}`, undefined, 'must hold the weights of every layer that has any');
    const values = layer.weights.map((variable) => {
      const field = referenceField(variable.originalName, node.layer.kind);
      const array = arrays[field];
      if (array === undefined)
        throw new ConvkitInputError(`weights.${node.name}.${field}`, undefined, `must exist (the layer's arrays: ${Object.keys(arrays).join(', ')})`);
      return tf.tensor(array, variable.shape as number[]);
    });
    layer.setWeights(values);
    tf.dispose(values);
  }
}

/**
 * Runs `spec` on `input` in all three views with the given reference
 * `weights` (by node name; copied into TF.js by weight name). Pick the TF.js
 * backend first (useBackend). `tolerance` is absolute, on output values
 * (default 1e-4: float32 sums of a few hundred terms of size ~1).
 */
export function compareViews(spec: ModelSpec, input: Tensor3, weights: Readonly<Record<string, LayerWeights>>, tolerance = 1e-4): ViewsAgreement {
  checkTensor('input', input);
  if (!(typeof tolerance === 'number' && tolerance >= 0)) throw new ConvkitInputError('tolerance', tolerance, 'must be a number >= 0');
  const summary = summarize(spec);
  const reference = runModel(spec, input, { weights });
  const model = buildTfModel(spec);
  try {
    copyWeights(spec, model, weights);
    const tfData = tf.tidy(() => (model.predict(tf.tensor4d(input.data, [1, ...input.shape])) as tf.Tensor).dataSync() as Float32Array);
    const tfShape = model.outputs[0].shape.slice(1) as number[];
    const tfOutput: Tensor3 = { shape: [tfShape[0], tfShape[1], tfShape[2]], data: Float32Array.from(tfData) };
    const figures = {
      inputShape: input.shape,
      outputShape: summary.rows[summary.rows.length - 1].outputShape,
      formulaMacs: summary.macs,
      countedMacs: reference.macs,
      formulaParams: summary.params.total,
      tfParams: model.countParams(),
      maxAbsDifference: outputDifference(reference.output.data, tfOutput.data),
      tolerance,
      referenceOutput: reference.output,
      tfOutput,
    };
    return { ...figures, agree: agreementProblems(figures).length === 0 };
  } finally {
    model.dispose();
  }
}
