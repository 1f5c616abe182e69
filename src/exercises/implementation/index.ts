/**
 * The notebook-facing side of the implementation exercises:
 * `checkImplementation('02.impl1', myDepthwise)` prints one line — "not
 * answered yet", "correct", the first failing case with the bug it shows, or
 * what the function returned instead of a result. Each lesson's exercises
 * live in ./lessons/, one file per lesson; worked solutions are in
 * notebooks/solutions/, and test/exercises/implementation/ proves that each
 * check accepts a correct function and diagnoses every bug it declares, each
 * from a deliberately buggy function written in the test.
 */
import type { Verdict } from '../exercise';
import { checkImplementationExercise, type ImplementationCase, type ImplementationExercise } from './exercise';

export type { ImplementationExercise, ImplementationBug, ImplementationCase, BugContext } from './exercise';
export { checkImplementationExercise, implementationQuestion } from './exercise';

/**
 * Widens an exercise over its own case type to the registry's type. Safe
 * because the checker only ever hands an exercise the cases it made itself.
 */
export function implementationExercise<C extends ImplementationCase>(exercise: ImplementationExercise<C>): ImplementationExercise {
  return exercise as unknown as ImplementationExercise;
}

/** Each lesson's implementation exercises, loaded only when asked for. */
const LESSONS: Readonly<Record<string, () => readonly ImplementationExercise[]>> = {
  '01': () => (require('./lessons/01-standard-convolution') as typeof import('./lessons/01-standard-convolution')).implementations,
  '02': () => (require('./lessons/02-depthwise-convolution') as typeof import('./lessons/02-depthwise-convolution')).implementations,
  '03': () => (require('./lessons/03-pointwise-convolution') as typeof import('./lessons/03-pointwise-convolution')).implementations,
  '04': () => (require('./lessons/04-depthwise-separable-mobilenet-v1') as typeof import('./lessons/04-depthwise-separable-mobilenet-v1')).implementations,
  '05': () => (require('./lessons/05-mobilenet-v2-v3') as typeof import('./lessons/05-mobilenet-v2-v3')).implementations,
  '06': () => (require('./lessons/06-dense-block') as typeof import('./lessons/06-dense-block')).implementations,
  '07': () => (require('./lessons/07-transition-layer') as typeof import('./lessons/07-transition-layer')).implementations,
  '08': () => (require('./lessons/08-resnet-vs-densenet') as typeof import('./lessons/08-resnet-vs-densenet')).implementations,
};

/** The implementation exercises of one lesson ('02'), in notebook order; none for a lesson without any. */
export function lessonImplementations(lesson: string): readonly ImplementationExercise[] {
  return LESSONS[lesson]?.() ?? [];
}

/** Every implementation exercise, in lesson order. */
export function allImplementations(): readonly ImplementationExercise[] {
  return Object.keys(LESSONS).flatMap((lesson) => lessonImplementations(lesson));
}

/** The implementation exercise with this id, or undefined. */
export function findImplementation(id: string): ImplementationExercise | undefined {
  return lessonImplementations(String(id).split('.')[0]).find((e) => e.id === id);
}

/** Checks a function without printing: the verdict. An unknown id is an 'invalid' verdict naming the known ids. */
export function implementationVerdict(id: string, fn: unknown): Verdict {
  const exercise = findImplementation(id);
  if (!exercise) {
    const known = allImplementations().map((e) => e.id);
    return {
      status: 'invalid',
      message: `Exercise ${JSON.stringify(String(id))}: no such implementation exercise. Known ids: ${known.join(', ') || '(none)'}.`,
    };
  }
  return checkImplementationExercise(exercise, fn);
}

/** For notebooks: runs the learner's function on the exercise's cases and prints the verdict's one line. */
export function checkImplementation(id: string, fn: unknown): void {
  console.log(implementationVerdict(id, fn).message);
}
