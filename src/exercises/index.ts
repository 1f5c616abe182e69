/**
 * The notebook-facing side of the exercises: `check('04.2', answer)` prints
 * one line — "not answered yet", "correct", or a hint for the typical mistake
 * the answer shows. Each lesson's exercises live in ./lessons/, one file per
 * lesson; reference solutions live in notebooks/solutions/, and
 * test/exercises/ proves every check accepts its solution and recognises each
 * mistake it claims to diagnose.
 */
import { ConvkitInputError } from '../core/errors';
import { checkChoice } from './choice';
import { checkNumeric, type Verdict } from './exercise';
import { questionText } from './question';
import { isChoiceExercise, type Exercise } from './registry';
import { findImplementation, implementationQuestion } from './implementation';
export type { Exercise } from './registry';
export type { NumericExercise, Mistake, Verdict, QuantityKind, Precision } from './exercise';
export { questionText } from './question';
export type { ChoiceExercise, Choice } from './choice';
export { checkNumeric } from './exercise';
export { checkChoice } from './choice';
export { isChoiceExercise } from './registry';
export * as mistakes from './mistakes';
export {
  checkImplementation,
  implementationVerdict,
  lessonImplementations,
  allImplementations,
  findImplementation,
  implementationQuestion,
  checkImplementationExercise,
} from './implementation';
export type { ImplementationExercise, ImplementationBug, ImplementationCase } from './implementation';

/**
 * Each lesson's exercises, loaded only when asked for: a notebook checking
 * lesson 02 does not depend on lesson 08's file loading cleanly.
 */
const LESSONS: Readonly<Record<string, () => readonly Exercise[]>> = {
  '01': () => (require('./lessons/01-standard-convolution') as typeof import('./lessons/01-standard-convolution')).exercises,
  '02': () => (require('./lessons/02-depthwise-convolution') as typeof import('./lessons/02-depthwise-convolution')).exercises,
  '03': () => (require('./lessons/03-pointwise-convolution') as typeof import('./lessons/03-pointwise-convolution')).exercises,
  '04': () => (require('./lessons/04-depthwise-separable-mobilenet-v1') as typeof import('./lessons/04-depthwise-separable-mobilenet-v1')).exercises,
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

/** The exercise with this id, or undefined (no error): for the notebook-facing functions below. */
function findExercise(id: string): Exercise | undefined {
  const lesson = String(id).split('.')[0];
  return LESSONS[lesson] ? lessonExercises(lesson).find((e) => e.id === id) : undefined;
}

/** "01.1–01.6, 02.1–02.5, …": every known id, one range per lesson (ids of a lesson are numbered from 1 without gaps). */
function knownIdRanges(): string {
  return Object.keys(LESSONS)
    .map((lesson) => {
      const ids = lessonExercises(lesson).map((e) => e.id);
      return ids.length > 1 ? `${ids[0]}–${ids[ids.length - 1]}` : ids[0];
    })
    .join(', ');
}

/**
 * One line for an id that names no exercise: which ids exist and, when the
 * id only lacks the leading zero of its lesson ('9.1'), the id meant.
 */
export function unknownIdMessage(id: unknown): string {
  const text = String(id);
  const [lesson, number] = text.trim().split('.');
  const padded = lesson !== undefined && number !== undefined && /^\d$/.test(lesson) ? `0${lesson}.${number}` : undefined;
  const meant = padded !== undefined && findExercise(padded) ? ` Did you mean "${padded}"?` : '';
  return `Exercise ${JSON.stringify(text)}: no such exercise.${meant} Known ids: ${knownIdRanges()}.`;
}

/** Looks an exercise up by id ('04.2'); an unknown id is an input error naming the known ids. */
export function getExercise(id: string): Exercise {
  const found = findExercise(id);
  if (!found) throw new ConvkitInputError('exercise id', id, `must be a known id (${knownIdRanges()})`);
  return found;
}

/** Checks an answer without printing: the verdict object. An unknown id is an 'invalid' verdict, not an exception. */
export function verdict(id: string, answer: unknown): Verdict {
  const exercise = findExercise(id);
  if (!exercise) return { status: 'invalid', message: unknownIdMessage(id) };
  return isChoiceExercise(exercise) ? checkChoice(exercise, answer) : checkNumeric(exercise, answer);
}

/** For notebooks: prints the verdict's one-line message (a mistyped id prints one line too, never a stack trace). */
export function check(id: string, answer: unknown): void {
  console.log(verdict(id, answer).message);
}

/** The question of an exercise as ask() prints it, with its precision sentence or its options. */
export function question(id: string): string {
  const exercise = findExercise(id);
  if (exercise) return `Exercise ${id}: ${questionText(exercise)}`;
  const implementation = findImplementation(id);
  return implementation ? `Exercise ${id}: ${implementationQuestion(implementation)}` : unknownIdMessage(id);
}

/** For notebooks: prints an exercise's question (or one line naming the known ids). */
export function ask(id: string): void {
  console.log(question(id));
}
