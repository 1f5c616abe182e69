/**
 * Lesson 02's implementation exercises (see ../exercise.ts for how a
 * learner's function is checked).
 */
import type { ImplementationExercise } from '../exercise';

export const implementations: readonly ImplementationExercise[] = [];
