/**
 * A lesson's exercise sheet as data: every question in full (the numbered
 * exercises in order, then the ones to build), and nothing of the answer. The questions are the
 * very texts `ask()` prints (questionText, implementationQuestion), so the
 * sheet, the notebook and the check cannot disagree; the lecture notes
 * render it as a printable page with room to answer
 * (src/notebook/site/sheet-page.ts).
 */
import { implementationQuestion, lessonImplementations } from './implementation';
import { lessonExercises } from './index';
import { questionText } from './question';
import { isChoiceExercise } from './registry';

export interface SheetQuestion {
  readonly id: string;
  /** 'number': a number to work out; 'choice': one option to pick; 'build': a function to write. */
  readonly kind: 'number' | 'choice' | 'build';
  /** The question as the learner reads it; for a choice, without its options (they are `choices`). */
  readonly text: string;
  readonly choices?: readonly { readonly key: string; readonly text: string }[];
}

export interface ExerciseSheet {
  /** '04' */
  readonly lesson: string;
  readonly questions: readonly SheetQuestion[];
}

/** The sheet of lesson `lesson` ('01'–'09'): numbered exercises first, then the ones to build. */
export function exerciseSheet(lesson: string): ExerciseSheet {
  const numbered = lessonExercises(lesson).map(
    (exercise): SheetQuestion =>
      isChoiceExercise(exercise)
        ? { id: exercise.id, kind: 'choice', text: exercise.prompt, choices: exercise.choices.map(({ key, text }) => ({ key, text })) }
        : { id: exercise.id, kind: 'number', text: questionText(exercise) },
  );
  const build = lessonImplementations(lesson).map((exercise): SheetQuestion => ({ id: exercise.id, kind: 'build', text: implementationQuestion(exercise) }));
  return { lesson, questions: [...numbered, ...build] };
}
