import type { NumericExercise } from './exercise';
import type { ChoiceExercise } from './choice';

/** Either kind of exercise; multiple choice ones have `choices`. */
export type Exercise = NumericExercise | ChoiceExercise;

export function isChoiceExercise(exercise: Exercise): exercise is ChoiceExercise {
  return 'choices' in exercise;
}
