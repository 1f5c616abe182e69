/**
 * A whole block (or any small ModelSpec) in the three views at once, with
 * seeded random weights: lessons 04–08 print the three and throw when they
 * disagree, e.g. for a separable layer (MobileNet v1), an inverted residual
 * block (MobileNet v2) or a Dense Block.
 *
 * The comparison itself is written once, in src/layers/agreement.ts; this file
 * only picks the weights (the reference layers' seeded LeCun-scaled
 * randomWeights, node i with seed + i) and keeps the names the notebooks import.
 */
import { summarize } from '../cost/summary';
import { assertAgreement, compareViews, describeAgreement, type ViewsAgreement } from './agreement';
import { checkTensor, type Tensor3 } from '../core/tensor';
import { randomWeights, type LayerWeights } from '../layers/reference/weights';
import type { ModelSpec } from '../core/spec';

export interface BlockViews extends ViewsAgreement {
  /** The spec's name. */
  readonly model: string;
}

/**
 * Runs `spec` on `input` in all three views with seeded weights. Pick the
 * TF.js backend first (useBackend). `tolerance` is absolute (default 1e-4).
 */
export function blockViews(spec: ModelSpec, input: Tensor3, seed = 0, tolerance = 1e-4): BlockViews {
  checkTensor('input', input);
  const weights: Record<string, LayerWeights> = {};
  summarize(spec).rows.forEach((row, i) => {
    const w = randomWeights(row.layer, row.inputShapes, seed + i, 'lecun');
    if (w !== undefined) weights[row.name] = w;
  });
  return { model: spec.name, ...compareViews(spec, input, weights, tolerance) };
}

/** Throws an Error naming every disagreement; returns the views when all three agree. */
export function assertBlockViewsAgree(views: BlockViews): BlockViews {
  return assertAgreement(views.model, views);
}

/** The lines a lesson prints. */
export function describeBlockViews(views: BlockViews): string {
  return describeAgreement(`${views.model}: ${views.inputShape.join('×')} → ${views.outputShape.join('×')}`, views);
}
