/**
 * The text a learner reads for an exercise: a numeric question ends with the
 * sentence that says how precise the answer must be (from the same
 * `precision` the check applies), a multiple-choice question lists its
 * options from the same `choices` the check reads.
 */
import { precisionSentence } from './precision';
import { isChoiceExercise, type Exercise } from './registry';

export function questionText(exercise: Exercise): string {
  if (isChoiceExercise(exercise)) {
    const options = exercise.choices.map((c) => `(${c.key}) ${c.text}`).join('; ');
    return `${exercise.prompt} ${options}.`;
  }
  return `${exercise.prompt} ${precisionSentence(exercise.precision, exercise.answer)}`;
}
