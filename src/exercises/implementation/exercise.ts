/**
 * Implementation exercises: the learner writes the block's function, and the
 * kit runs it on cases the learner did not choose and compares each result
 * with the reference.
 *
 * The verdict follows the numeric exercises (../exercise.ts): "correct" only
 * when every case agrees within the stated tolerance; otherwise the first
 * case that does not, and, when the learner's output is exactly what a
 * typical bug produces on that case, that bug's hint. A bug is declared
 * either by what it produces (a buggy version of the block, run on the same
 * case) or by a test on the learner's function itself (switch an input
 * channel off and see which outputs move). An output no declared bug
 * explains gets the shape or the first differing value, and the exercise's
 * fallback.
 *
 * A notebook must always run on: a function not written yet (the committed
 * stub returns undefined) is "not answered yet", a function that throws is
 * reported with its message, one that returns the wrong kind of value is
 * told what was expected, and one that runs too long (an endless loop) is
 * stopped after `TIME_LIMIT_MS` (./guarded-call.ts).
 */
import type { Verdict } from '../exercise';
import { guardedCall } from './guarded-call';
import { agrees, largestDifference, positionText, shapeText, type Values } from './values';

/** One seeded case: what it is, in words a learner recognises ("input 7×7×3, 3×3, stride 2, 'same'"). */
export interface ImplementationCase {
  readonly label: string;
}

/** What a bug's detector may look at. */
export interface BugContext<C extends ImplementationCase> {
  readonly case: C;
  readonly output: Values;
  readonly expected: Values;
  /** Runs the learner's function on another case (e.g. the same input with a channel switched off); undefined if it throws or returns something unreadable. */
  readonly call: (other: C) => Values | undefined;
}

/** A typical bug, and the hint that sends the learner to it. */
export interface ImplementationBug<C extends ImplementationCase> {
  /** Short name, e.g. 'kernel flipped'. */
  readonly name: string;
  /** What to look at again, without giving the code away. */
  readonly hint: string;
  /** What a function with this bug returns on the case: the learner's output is compared with it as with the reference. */
  readonly produces?: (c: C) => Values;
  /** Or a test on the learner's function itself. */
  readonly detect?: (context: BugContext<C>) => boolean;
}

export interface ImplementationExercise<C extends ImplementationCase = ImplementationCase> {
  /** Stable id used in notebooks, e.g. '02.impl1'. */
  readonly id: string;
  /** What to write, in a sentence or two. */
  readonly prompt: string;
  /** The function's signature as the stub declares it, e.g. 'depthwiseConv2d(input: number[][][], kernel: number[][][], stride: number, padding: "same" | "valid"): number[][][]'. */
  readonly signature: string;
  /** The seeded cases, in order; the same on every run. */
  readonly cases: () => readonly C[];
  /** Calls the learner's function on fresh copies of the case's inputs and returns what it returned. */
  // biome-ignore lint/complexity/noBannedTypes: the learner's function, whatever its parameters; `call` knows them
  readonly call: (fn: Function, c: C) => unknown;
  /** The reference result. */
  readonly expected: (c: C) => Values;
  /** Reads the learner's return value into Values, or says in words why it is not the expected kind. */
  readonly read: (value: unknown) => Values | string;
  /** |learner − reference| ≤ tolerance · max(1, |reference|) for every number. */
  readonly tolerance: number;
  readonly bugs: readonly ImplementationBug<C>[];
  /** The hint for an output no declared bug explains: how to find the mistake step by step. */
  readonly fallback: string;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

/** The question text ask() prints for an implementation exercise. */
export function implementationQuestion<C extends ImplementationCase>(exercise: ImplementationExercise<C>): string {
  const count = exercise.cases().length;
  return `${exercise.prompt} Write \`${exercise.signature}\`; checkImplementation("${exercise.id}", yourFunction) runs it on ${count} cases and compares every number with the reference within ${exercise.tolerance} of its size.`;
}

/** Checks a learner's function against an implementation exercise. */
export function checkImplementationExercise<C extends ImplementationCase>(exercise: ImplementationExercise<C>, fn: unknown): Verdict {
  const label = `Exercise ${exercise.id}`;
  if (fn === undefined || fn === null) return { status: 'not-answered', message: `${label}: not answered yet.` };
  if (typeof fn !== 'function') {
    return {
      status: 'invalid',
      message: `${label}: expected a function \`${exercise.signature}\`, got ${typeof fn === 'string' ? JSON.stringify(fn) : typeof fn}.`,
    };
  }
  const cases = exercise.cases();
  for (const [i, c] of cases.entries()) {
    const where = `case ${i + 1} of ${cases.length} (${c.label})`;
    const ran = guardedCall(() => exercise.call(fn, c));
    if (ran.status === 'threw') return { status: 'invalid', message: `${label}: your function threw on ${where}: ${ran.message}` };
    if (ran.status === 'timeout') {
      return { status: 'invalid', message: `${label}: your function was stopped after ${ran.milliseconds} ms on ${where}; look for a loop that never ends.` };
    }
    if (ran.value === undefined) {
      return i === 0
        ? { status: 'not-answered', message: `${label}: not answered yet (the function returns undefined).` }
        : { status: 'invalid', message: `${label}: your function returned undefined on ${where}.` };
    }
    const output = exercise.read(ran.value);
    if (typeof output === 'string') return { status: 'invalid', message: `${label}: on ${where}, ${output}.` };
    const expected = exercise.expected(c);
    if (agrees(output, expected, exercise.tolerance)) continue;
    const call = (other: C): Values | undefined => {
      const again = guardedCall(() => exercise.call(fn, other));
      if (again.status !== 'returned') return undefined;
      const read = exercise.read(again.value);
      return typeof read === 'string' ? undefined : read;
    };
    for (const bug of exercise.bugs) {
      const produced = bug.produces ? agrees(output, bug.produces(c), exercise.tolerance) : false;
      if (produced || bug.detect?.({ case: c, output, expected, call })) {
        return { status: 'mistake', mistake: bug.name, message: `${label}: not quite, on ${where}: ${bug.hint}` };
      }
    }
    const difference = sameShape(output.shape, expected.shape)
      ? (() => {
          const { index } = largestDifference(output, expected);
          return `at ${positionText(expected.shape, index)} you have ${output.data[index]}, the reference ${expected.data[index]}`;
        })()
      : `your output is ${shapeText(output.shape)}, the reference's ${shapeText(expected.shape)}`;
    return { status: 'incorrect', message: `${label}: not correct on ${where}: ${difference}. ${exercise.fallback}` };
  }
  return { status: 'correct', message: `${label}: correct — all ${cases.length} cases agree with the reference.` };
}
