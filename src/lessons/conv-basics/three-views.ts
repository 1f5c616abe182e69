/**
 * One layer, three views, held against each other (shared DESIGN, "One spec,
 * three views"): lessons 01–03 print the cost model's formula MACs and
 * parameters, the MACs the reference loops counted, and TF.js's output and
 * countParams() for one layer with given weights, and stop (throw) if they
 * disagree.
 *
 * The comparison itself is written once, in src/layers/agreement.ts; this file
 * wraps the layer in a one-node model, limits it to the conv kinds, and keeps
 * the names the notebooks import.
 */
import { ConvkitInputError } from '../../errors';
import { assertAgreement, compareViews, describeAgreement, type ViewsAgreement } from '../../layers/agreement';
import { checkTensor, type Tensor3 } from '../../layers/reference/tensor';
import type { LayerWeights } from '../../layers/reference/weights';
import { INPUT, type LayerSpec, type ModelSpec } from '../../models/spec';

/** The layer kinds this comparison covers (the ones with conv weights). */
export const THREE_VIEW_KINDS = ['conv2d', 'depthwiseConv2d', 'pointwiseConv2d', 'separableConv2d'] as const;
type ThreeViewKind = (typeof THREE_VIEW_KINDS)[number];

export interface ThreeViews extends ViewsAgreement {
  readonly kind: ThreeViewKind;
}

/** Name of the one node the layer becomes. */
const LAYER = 'layer';

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
  const model: ModelSpec = { name: 'one layer', input: input.shape, nodes: [{ name: LAYER, layer: spec, inputs: [INPUT] }] };
  return { kind: spec.kind as ThreeViewKind, ...compareViews(model, input, { [LAYER]: weights }, tolerance) };
}

/** Throws an Error that says which views disagree, and by how much; returns the views when all agree. */
export function assertViewsAgree(views: ThreeViews): ThreeViews {
  return assertAgreement(`this ${views.kind}`, views);
}

/** The lines a lesson prints: MACs from each view, parameters, and the output check. */
export function describeThreeViews(views: ThreeViews): string {
  return describeAgreement(`${views.kind} on ${views.inputShape.join('×')} → ${views.outputShape.join('×')}`, views);
}
