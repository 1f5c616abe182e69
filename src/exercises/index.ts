/**
 * The notebook-facing side of the exercises: `check('04.2', answer)` prints
 * one line — "not answered yet", "correct", or a hint for the typical mistake
 * the answer shows. Each lesson's exercises live in ./lessons/, one file per
 * lesson; reference solutions live in notebooks/solutions/, and
 * test/exercises/ proves every check accepts its solution and recognises each
 * mistake it claims to diagnose.
 */
import { ConvkitInputError } from '../errors';
import { checkChoice } from './choice';
import { checkNumeric, type Verdict } from './exercise';
import { isChoiceExercise, type Exercise } from './registry';
export type { Exercise } from './registry';
export type { NumericExercise, Mistake, Verdict } from './exercise';
export type { ChoiceExercise, Choice } from './choice';
export { checkNumeric } from './exercise';
export { checkChoice } from './choice';
export { isChoiceExercise } from './registry';
export * as mistakes from './mistakes';

/**
 * Each lesson's exercises, loaded only when asked for: a notebook checking
 * lesson 02 does not depend on lesson 08's file loading cleanly.
 */
const LESSONS: Readonly<Record<string, () => readonly Exercise[]>> = {
  '01': () => (require('./lessons/01-standard-convolution') as typeof import('./lessons/01-standard-convolution')).exercises,
  '02': () => (require('./lessons/02-depthwise-convolution') as typeof import('./lessons/02-depthwise-convolution')).exercises,
  '03': () => (require('./lessons/03-pointwise-convolution') as typeof import('./lessons/03-pointwise-convolution')).exercises,
  '04': () =>
    (require('./lessons/04-depthwise-separable-mobilenet-v1') as typeof import('./lessons/04-depthwise-separable-mobilenet-v1')).exercises,
  '05': () => (require('./lessons/05-mobilenet-v2-v3') as typeof import('./lessons/05-mobilenet-v2-v3')).exercises,
  '06': () => (require('./lessons/06-dense-block') as typeof import('./lessons/06-dense-block')).exercises,
  '07': () => (require('./lessons/07-transition-layer') as typeof import('./lessons/07-transition-layer')).exercises,
  '08': () => (require('./lessons/08-resnet-vs-densenet') as typeof import('./lessons/08-resnet-vs-densenet')).exercises,
  '09': () => (require('./lessons/09-review') as typeof import('./lessons/09-review')).exercises,
};

/** The exercises of one lesson ('04'), in the order the notebook asks them. */
export function lessonExercises(lesson: string): readonly Exercise[] {
  const load = LESSONS[lesson];
  if (!load) throw new ConvkitInputError('lesson', lesson, `must be one of ${Object.keys(LESSONS).join(', ')}`);
  return load();
}

/** Every exercise of every lesson, in lesson order. */
export function allExercises(): readonly Exercise[] {
  return Object.keys(LESSONS).flatMap((lesson) => lessonExercises(lesson));
}

/** Looks an exercise up by id ('04.2'); unknown ids are an input error listing the lesson's ids. */
export function getExercise(id: string): Exercise {
  const lesson = String(id).split('.')[0];
  const exercises = LESSONS[lesson] ? lessonExercises(lesson) : [];
  const found = exercises.find((e) => e.id === id);
  if (!found) {
    const known = exercises.map((e) => e.id);
    throw new ConvkitInputError('exercise id', id, known.length > 0 ? `must be one of ${known.join(', ')}` : 'no such exercise');
  }
  return found;
}

/** Checks an answer without printing: the verdict object. */
export function verdict(id: string, answer: unknown): Verdict {
  const exercise = getExercise(id);
  return isChoiceExercise(exercise) ? checkChoice(exercise, answer) : checkNumeric(exercise, answer);
}

/** For notebooks: prints the verdict's one-line message. */
export function check(id: string, answer: unknown): void {
  console.log(verdict(id, answer).message);
}

/** For notebooks: prints an exercise's question. */
export function ask(id: string): void {
  console.log(`Exercise ${id}: ${getExercise(id).prompt}`);
}
