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
import { exercises as lesson01 } from './lessons/01-standard-convolution';
import { exercises as lesson02 } from './lessons/02-depthwise-convolution';
import { exercises as lesson03 } from './lessons/03-pointwise-convolution';
import { exercises as lesson04 } from './lessons/04-depthwise-separable-mobilenet-v1';
import { exercises as lesson05 } from './lessons/05-mobilenet-v2-v3';
import { exercises as lesson06 } from './lessons/06-dense-block';
import { exercises as lesson07 } from './lessons/07-transition-layer';
import { exercises as lesson08 } from './lessons/08-resnet-vs-densenet';
import { exercises as lesson09 } from './lessons/09-review';

export type { Exercise } from './registry';
export type { NumericExercise, Mistake, Verdict } from './exercise';
export type { ChoiceExercise, Choice } from './choice';
export { checkNumeric } from './exercise';
export { checkChoice } from './choice';
export { isChoiceExercise } from './registry';
export * as mistakes from './mistakes';

/** Every exercise of every lesson, in lesson order. */
export const ALL_EXERCISES: readonly Exercise[] = [
  ...lesson01, ...lesson02, ...lesson03, ...lesson04, ...lesson05,
  ...lesson06, ...lesson07, ...lesson08, ...lesson09,
];

/** Looks an exercise up by id ('04.2'); unknown ids are an input error listing the lesson's ids. */
export function getExercise(id: string): Exercise {
  const found = ALL_EXERCISES.find((e) => e.id === id);
  if (!found) {
    const lesson = String(id).split('.')[0];
    const known = ALL_EXERCISES.filter((e) => e.id.startsWith(`${lesson}.`)).map((e) => e.id);
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
