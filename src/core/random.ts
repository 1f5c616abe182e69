/**
 * A small seeded pseudo-random generator, so every "random" tensor in the
 * lessons and tests is the same on every run
 * (docs/design.md#seeds-and-reproducible-outputs).
 *
 * mulberry32 (Tommy Ettinger's 32-bit generator): one 32-bit state word, a
 * Weyl-sequence step (add 0x6D2B79F5) and an integer mix. It is not
 * cryptographic, but its output is well spread and it fits in a few lines a
 * learner can read.
 */
import { ConvkitInputError } from './errors';

/** A function that returns the next number in [0, 1) every time it is called. */
export type RandomSource = () => number;

/** Returns a generator of uniform numbers in [0, 1) that depends only on `seed`. */
export function mulberry32(seed: number): RandomSource {
  if (typeof seed !== 'number' || !Number.isInteger(seed)) {
    throw new ConvkitInputError('seed', seed, 'must be an integer');
  }
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fills `length` numbers drawn uniformly from [low, high) with the given seed. */
export function uniformArray(length: number, seed: number, low = -1, high = 1): Float32Array {
  const next = mulberry32(seed);
  const values = new Float32Array(length);
  const span = high - low;
  for (let i = 0; i < length; i++) values[i] = low + span * next();
  return values;
}

/**
 * Fisher–Yates shuffle of 0..count-1 driven by the seeded generator: the same
 * seed always gives the same order (used by the digits train/test split).
 */
export function seededPermutation(count: number, seed: number): Int32Array {
  const next = mulberry32(seed);
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const held = order[i];
    order[i] = order[j];
    order[j] = held;
  }
  return order;
}
