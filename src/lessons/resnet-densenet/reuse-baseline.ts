/**
 * Feature reuse needs a baseline. A freshly initialised dense layer already
 * puts about the same mean |weight| on every source (its kernel is drawn
 * i.i.d., He-normal), so "every cell of the heatmap is far from zero" is
 * what initialisation produces, not something training did. And our
 * training (Adam, no weight decay) never pulls an unused weight towards
 * zero, so a source the layer ignores keeps its initial weight.
 *
 * The question the heatmap can answer is therefore: did training move the
 * balance between distant and recent sources further than two random
 * initialisations differ? We compute the distant-reuse share
 * (meanDistantReuseShare) of the same spec untrained with several seeds,
 * and call a trained share different only when it lies more than
 * REUSE_Z_THRESHOLD standard deviations from their mean.
 *
 *   spec ──buildTfModel(seed s), s = 0…n−1──► featureReuse ──► share_s   (no training)
 *   band = mean(share_s) ± REUSE_Z_THRESHOLD · sd(share_s)
 *   trained share above the band  → later layers lean MORE on distant sources than chance: reuse shown
 *                 inside the band → indistinguishable from initialisation: not shown
 *                 below the band  → training moved weight towards the recent sources: not shown
 *
 * (Huang et al. 2017, arXiv:1608.06993, §5 and Fig. 5, read the weights of a
 * network trained for 300 epochs with weight decay, where an unused weight
 * does shrink; that is the difference.)
 */
import { ConvkitInputError, requireInteger } from '../../core/errors';
import { buildTfModel } from '../../layers/tf/build-model';
import type { ModelSpec } from '../../core/spec';
import { featureReuse, meanDistantReuseShare } from '../../experiments/feature-reuse';

/** Standard deviations of the untrained shares a trained share must lie beyond to count as different. */
export const REUSE_Z_THRESHOLD = 3;
/** Untrained networks (seeds 0, 1, …) the baseline is built from. */
export const REUSE_BASELINE_NETWORKS = 10;

export type ReuseVerdict = 'more on distant sources' | 'as at initialisation' | 'more on recent sources';

export interface ReuseComparison {
  /** meanDistantReuseShare of the trained network. */
  readonly trainedShare: number;
  /** The same for each untrained network (seed 0, 1, …). */
  readonly untrainedShares: readonly number[];
  readonly untrainedMean: number;
  /** Sample standard deviation of untrainedShares. */
  readonly untrainedSd: number;
  /** REUSE_Z_THRESHOLD (or the threshold passed in). */
  readonly zThreshold: number;
  /** untrainedMean ∓ zThreshold · untrainedSd. */
  readonly bandLow: number;
  readonly bandHigh: number;
  readonly verdict: ReuseVerdict;
}

/** meanDistantReuseShare of `spec` freshly built with each seed 0 … networks−1. Nothing is trained. */
export function untrainedReuseShares(spec: ModelSpec, networks = REUSE_BASELINE_NETWORKS): number[] {
  const count = requireInteger('networks', networks);
  return Array.from({ length: count }, (_, seed) => {
    const model = buildTfModel(spec, { seed });
    try {
      return meanDistantReuseShare(featureReuse(model, spec));
    } finally {
      model.dispose();
    }
  });
}

/** Places a trained share against the untrained ones (see the file comment for the rule). */
export function compareReuseToUntrained(trainedShare: number, untrainedShares: readonly number[], zThreshold = REUSE_Z_THRESHOLD): ReuseComparison {
  if (!Number.isFinite(trainedShare) || trainedShare <= 0) throw new ConvkitInputError('trainedShare', trainedShare, 'must be a positive finite number');
  if (untrainedShares.length < 3)
    throw new ConvkitInputError('untrainedShares', untrainedShares.length, 'must hold at least 3 untrained networks to estimate their spread');
  if (!untrainedShares.every((s) => Number.isFinite(s) && s > 0))
    throw new ConvkitInputError('untrainedShares', [...untrainedShares], 'must all be positive finite numbers');
  if (!Number.isFinite(zThreshold) || zThreshold <= 0) throw new ConvkitInputError('zThreshold', zThreshold, 'must be a positive finite number');
  const n = untrainedShares.length;
  const mean = untrainedShares.reduce((sum, s) => sum + s, 0) / n;
  const sd = Math.sqrt(untrainedShares.reduce((sum, s) => sum + (s - mean) ** 2, 0) / (n - 1));
  const bandLow = mean - zThreshold * sd;
  const bandHigh = mean + zThreshold * sd;
  const verdict: ReuseVerdict =
    trainedShare > bandHigh ? 'more on distant sources' : trainedShare < bandLow ? 'more on recent sources' : 'as at initialisation';
  return { trainedShare, untrainedShares: [...untrainedShares], untrainedMean: mean, untrainedSd: sd, zThreshold, bandLow, bandHigh, verdict };
}

/** One sentence with the numbers, e.g. for the notebook and the claims table. */
export function describeReuseComparison(c: ReuseComparison): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const band = `${pct(c.bandLow)}–${pct(c.bandHigh)}`;
  const base =
    `trained: ${pct(c.trainedShare)} of the mean weight on sources two or more layers back (100% = no preference); ` +
    `${c.untrainedShares.length} untrained copies: ${pct(c.untrainedMean)} ± ${pct(c.untrainedSd)}, band ±${c.zThreshold} sd = ${band}.`;
  switch (c.verdict) {
    case 'more on distant sources':
      return `${base} Above the band: training moved weight towards the distant sources.`;
    case 'more on recent sources':
      return `${base} Below the band: training moved weight towards the recent sources.`;
    default:
      return `${base} Inside the band: the weights look as they did at initialisation, so they show no reuse beyond what random weights give.`;
  }
}
