/**
 * How close a numeric answer must be, said once and used twice: the question
 * states it (precisionSentence) and the check applies it (acceptsAround).
 *
 * - exact: cost arithmetic on integers has one right answer; a ratio of two
 *   such integers that is itself a whole number (4, 9, 256) is exact too.
 * - significant: a value whose decimals do not end (1/M + 1/K², a slope) is
 *   right when it agrees with the true value to `digits` significant digits,
 *   i.e. lies within half a unit of the last of those digits. The true value
 *   rounded to that many digits therefore always passes.
 */
export type Precision = { readonly kind: 'exact' } | { readonly kind: 'significant'; readonly digits: number };

export const EXACT: Precision = { kind: 'exact' };

export function significant(digits: number): Precision {
  return { kind: 'significant', digits };
}

/** Half a unit of the `digits`-th significant digit of `target`: the widest error that still rounds right. */
export function halfUnit(target: number, digits: number): number {
  if (target === 0) return 0.5 * 10 ** (1 - digits);
  return 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(target))) - digits + 1);
}

/** Does `value` count as `target` under this precision? */
export function acceptsAround(precision: Precision, target: number, value: number): boolean {
  switch (precision.kind) {
    case 'exact':
      // Whole numbers must match exactly; a non-integer target allows only float noise.
      return Number.isInteger(target) ? value === target : Math.abs(value - target) <= 1e-9 * Math.abs(target);
    case 'significant':
      // A relative hair of slack so that the rounded value exactly half a unit away is not lost to float error.
      return Math.abs(value - target) <= halfUnit(target, precision.digits) * (1 + 1e-9);
  }
}

/** The sentence a question ends with, e.g. "Give the exact integer." */
export function precisionSentence(precision: Precision, answer: number): string {
  switch (precision.kind) {
    case 'exact':
      return Number.isInteger(answer) ? 'Give the exact integer.' : 'Give the exact value.';
    case 'significant':
      return `${precision.digits} significant digit${precision.digits === 1 ? ' is' : 's are'} enough.`;
  }
}
