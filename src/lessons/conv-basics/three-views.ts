/**
 * One layer, three views, held against each other (docs/design.md#one-spec-three-views):
 * lessons 01–03 print the cost model's formula MACs and
 * parameters, the MACs the reference loops counted, and TF.js's output and
 * countParams() for one layer with given weights, and stop (throw) if they
 * disagree.
 *
 * The comparison itself is written once, in src/layers/agreement.ts; this file
 * wraps the layer in a one-node model, limits it to the conv kinds, refuses
 * weights that repeat a kernel across channels or filters (distinct-weights.ts:
 * with those, a layer that mixed up its channels would still agree), and keeps
 * the names the notebooks import.
 */
import { ConvkitInputError } from '../../core/errors';
import { assertAgreement, compareViews, describeAgreement, type ViewsAgreement } from '../../views/agreement';
import { checkTensor, type Tensor3 } from '../../core/tensor';
import type { LayerWeights } from '../../layers/reference/weights';
import { INPUT, type LayerSpec, type ModelSpec } from '../../core/spec';
import { describeSlices, requireDistinctSlices, type KernelSlices } from './distinct-weights';

/** The layer kinds this comparison covers (the ones with conv weights). */
export const THREE_VIEW_KINDS = ['conv2d', 'depthwiseConv2d', 'pointwiseConv2d', 'separableConv2d'] as const;
type ThreeViewKind = (typeof THREE_VIEW_KINDS)[number];

export interface ThreeViews extends ViewsAgreement {
  readonly kind: ThreeViewKind;
  /** The layer's kernels cut into (channel, filter) slices; no two are equal. */
  readonly slices: readonly KernelSlices[];
}

/** Name of the one node the layer becomes. */
const LAYER = 'layer';

/**
 * Runs `spec` on `input` with `weights` in all three views. The caller picks
 * the TF.js backend first (useBackend). `tolerance` is absolute, on output
 * values (default 1e-4: float32 sums of a few hundred terms of size ~1).
 * Weights with two equal (channel, filter) kernel slices are an input error.
 */
export function compareThreeViews(spec: LayerSpec, input: Tensor3, weights: LayerWeights, tolerance = 1e-4): ThreeViews {
  checkTensor('input', input);
  if (!(THREE_VIEW_KINDS as readonly string[]).includes(spec?.kind)) {
    throw new ConvkitInputError('spec.kind', spec?.kind, `must be one of ${THREE_VIEW_KINDS.join(', ')}`);
  }
  const slices = requireDistinctSlices(spec, input.shape, weights);
  const model: ModelSpec = { name: 'one layer', input: input.shape, nodes: [{ name: LAYER, layer: spec, inputs: [INPUT] }] };
  return { kind: spec.kind as ThreeViewKind, slices, ...compareViews(model, input, { [LAYER]: weights }, tolerance) };
}

/** Throws an Error that says which views disagree, and by how much; returns the views when all agree. */
export function assertViewsAgree(views: ThreeViews): ThreeViews {
  return assertAgreement(`this ${views.kind}`, views);
}

/** The lines a lesson prints: MACs from each view, parameters, the weights used, and the output check. */
export function describeThreeViews(views: ThreeViews): string {
  const lines = describeAgreement(`${views.kind} on ${views.inputShape.join('×')} → ${views.outputShape.join('×')}`, views).split('\n');
  // the weights line goes just above the verdict ("agree: …"), which stays last
  lines.splice(lines.length - 1, 0, `  weights     ${describeSlices(views.slices)}`);
  return lines.join('\n');
}
