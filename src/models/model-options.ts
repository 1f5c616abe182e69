/**
 * Checks shared by the model builders: width multiplier, input resolution and
 * number of classes. Each builder validates its own inputs, so a model built
 * directly (not through the zoo) still fails with a ConvkitInputError that
 * names the field, the value and the rule.
 */
import { ConvkitInputError, requireInteger, requirePositive } from '../core/errors';

/** Width multiplier α of the MobileNets: any number > 0 (the papers use 0.25 … 1.4). */
export function checkAlpha(alpha: unknown): number {
  return requirePositive('alpha', alpha);
}

/** Number of classes of the classifier: a positive integer. */
export function checkClasses(classes: unknown): number {
  return requireInteger('classes', classes);
}

/**
 * Input height = width: a positive integer for which `finalSize` (the side
 * of the network's last feature map) is at least 1. When it is not, the
 * message gives the smallest resolution that works.
 */
export function checkResolution(resolution: unknown, finalSize: (resolution: number) => number): number {
  const r = requireInteger('resolution', resolution);
  if (finalSize(r) >= 1) return r;
  let smallest = r + 1;
  while (finalSize(smallest) < 1 && smallest < 1 << 16) smallest++;
  throw new ConvkitInputError(
    'resolution',
    r,
    `too small: the last feature map would be ${Math.max(0, finalSize(r))}x${Math.max(0, finalSize(r))}; the smallest resolution this network accepts is ${smallest}`,
  );
}

/**
 * Output side of a window of size `kernel` with stride `stride` and `pad`
 * zeros on each side ("valid" rule after padding); 0 when the window does
 * not fit, so checkResolution can chain it through a network and report the
 * smallest resolution that works. Never negative.
 */
export function windowSide(size: number, kernel: number, stride: number, pad = 0): number {
  requireInteger('size', size, 0);
  requireInteger('kernel', kernel);
  requireInteger('stride', stride);
  requireInteger('pad', pad, 0);
  return Math.max(0, Math.floor((size + 2 * pad - kernel) / stride) + 1);
}

/** Output side under TF "same" padding: ceil(size / stride). */
export function sameSide(size: number, stride: number): number {
  requireInteger('size', size, 0);
  requireInteger('stride', stride);
  return Math.ceil(size / stride);
}
