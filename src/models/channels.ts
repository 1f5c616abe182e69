/**
 * How a width multiplier turns a paper's channel count into a whole number of
 * channels. The MobileNet papers scale every layer's width by α; each family
 * rounds the product its own way, and the rounding decides the exact MAC and
 * parameter counts, so it lives in one place.
 */

import { ConvkitInputError, requireInteger, requirePositive } from '../core/errors';

/** A size that may be fractional before rounding (α·C, t·C): finite and >= 0, below 2^52. */
function requireFiniteAtLeastZero(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value >= 2 ** 52) {
    throw new ConvkitInputError(field, value, 'must be a finite number >= 0 and below 2^52');
  }
  return value;
}

/**
 * MobileNet v1 (Howard et al. 2017, §3.3): a layer with C channels gets
 * round(α·C), at least 1.
 *
 * Keras' `MobileNet` truncates instead (`int(C * alpha)`). For the widths the
 * paper publishes (α = 0.25, 0.5, 0.75, 1) every product α·C is a whole number
 * (all v1 widths are multiples of 32), so both rules give the same network;
 * they differ only for other α, where rounding to nearest keeps the scaled
 * network closest to the intended width.
 */
export function scaleChannelsV1(channels: number, alpha: number): number {
  requireInteger('channels', channels);
  requirePositive('alpha', alpha);
  requireFiniteAtLeastZero('channels × alpha', channels * alpha);
  return Math.max(1, Math.round(channels * alpha));
}

/**
 * `_make_divisible` of the TF-Slim / Keras MobileNet v2 and v3 code: round
 * `value` to the nearest multiple of `divisor` (at least `minValue`, default
 * the divisor), then add one more divisor if rounding down lost more than 10%.
 * Multiples of 8 map well onto vector hardware; the 10% guard keeps narrow
 * layers from shrinking too much.
 *
 *   makeDivisible(32 * 0.35, 8) = 16   (11.2 → 8 would lose 29%, so 16)
 *   makeDivisible(96 / 4, 8)    = 24
 */
export function makeDivisible(value: number, divisor = 8, minValue = divisor): number {
  requireFiniteAtLeastZero('value', value);
  requireInteger('divisor', divisor);
  requireInteger('minValue', minValue, 0);
  // Python's int(v + d/2) // d * d, for v >= 0.
  let rounded = Math.max(minValue, Math.floor(Math.trunc(value + divisor / 2) / divisor) * divisor);
  if (rounded < 0.9 * value) rounded += divisor;
  return rounded;
}

/**
 * Round to the nearest integer, a tie to the even neighbour: 12.5 → 12,
 * 13.5 → 14, 2.5 → 2. This is Python 3's `round`, which the reference
 * MobileNet v2 code uses for the inverted residual's expanded width
 * (torchvision's `InvertedResidual`: `hidden_dim = int(round(inp * expand_ratio))`),
 * so t·C = 12.5 gives 12 channels there and here. Math.round would give 13.
 * Exact for every double below 2^52, where x − floor(x) has no rounding error.
 * Channel counts are never negative, so neither is `value` here.
 */
export function roundHalfToEven(value: number): number {
  requireFiniteAtLeastZero('value', value);
  const floor = Math.floor(value);
  const rest = value - floor;
  if (rest > 0.5) return floor + 1;
  if (rest < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
