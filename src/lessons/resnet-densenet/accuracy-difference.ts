/**
 * What one training run can say about two final test accuracies: the
 * sentence lesson 08 prints under its training table, written from the
 * numbers, so the prose never claims more than the run shows.
 *
 * A test accuracy on N images is a binomial proportion: its standard error
 * is √(p(1 − p)/N). The difference of two such accuracies (independent
 * errors assumed, as in claims.ts) has standard error
 * √((p₁(1 − p₁) + p₂(1 − p₂))/N). A difference within GAP_Z_THRESHOLD (2)
 * standard errors is test-set noise; beyond it, it is still one seed, one
 * split and one batch order, which the sentence says.
 */
import { ConvkitInputError } from '../../core/errors';
import { GAP_Z_THRESHOLD } from './claims';

export interface NamedAccuracy {
  readonly name: string;
  /** Final test accuracy in [0, 1]. */
  readonly testAccuracy: number;
}

export interface AccuracyDifference {
  /** The better of the two (the first when equal). */
  readonly higher: NamedAccuracy;
  readonly lower: NamedAccuracy;
  /** higher − lower, percentage points. */
  readonly points: number;
  /** The difference in test images (rounded: accuracy × images is a count). */
  readonly images: number;
  /** Standard error of the difference, percentage points. */
  readonly standardErrorPoints: number;
  /** points > GAP_Z_THRESHOLD · standardErrorPoints. */
  readonly beyondNoise: boolean;
  readonly sentence: string;
}

export function accuracyDifference(a: NamedAccuracy, b: NamedAccuracy, testImages: number): AccuracyDifference {
  if (!Number.isInteger(testImages) || testImages < 1) throw new ConvkitInputError('testImages', testImages, 'must be a positive integer');
  for (const [field, v] of [
    ['a.testAccuracy', a.testAccuracy],
    ['b.testAccuracy', b.testAccuracy],
  ] as const) {
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new ConvkitInputError(field, v, 'must be a number from 0 to 1');
  }
  const [higher, lower] = b.testAccuracy > a.testAccuracy ? [b, a] : [a, b];
  const points = 100 * (higher.testAccuracy - lower.testAccuracy);
  const images = Math.round((higher.testAccuracy - lower.testAccuracy) * testImages);
  const standardErrorPoints = 100 * Math.sqrt((a.testAccuracy * (1 - a.testAccuracy) + b.testAccuracy * (1 - b.testAccuracy)) / testImages);
  const beyondNoise = points > GAP_Z_THRESHOLD * standardErrorPoints;
  const head =
    images === 0
      ? `${a.name} and ${b.name} end with the same test accuracy (${(100 * a.testAccuracy).toFixed(1)}%)`
      : `${higher.name} ends ${points.toFixed(1)} points above ${lower.name} (${images} of ${testImages} test images)`;
  const verdict = beyondNoise
    ? `more than ${GAP_Z_THRESHOLD} standard errors of test-set noise (the standard error of the difference is ${standardErrorPoints.toFixed(1)} points), but from one seed, one split and one batch order`
    : `within ${GAP_Z_THRESHOLD} standard errors of test-set noise (the standard error of the difference is ${standardErrorPoints.toFixed(1)} points): this run cannot tell the two apart`;
  return { higher, lower, points, images, standardErrorPoints, beyondNoise, sentence: `${head}; ${verdict}.` };
}
