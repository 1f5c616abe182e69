/**
 * A lesson's answer key as data, for teachers: for each exercise the
 * answer and how close an answer must be to count, and every typical
 * mistake the check recognises with the wrong answer it leads to and the
 * hint the learner then sees — so a teacher knows what the class will get
 * wrong. Everything is read from the exercise definitions the check itself
 * uses (test/exercises/answer-key.test.ts runs the check on every number
 * here), so the key cannot disagree with the check.
 *
 * Not yet here: the worked steps (formula, sizes, arithmetic) of each
 * answer; the reference solutions in notebooks/solutions/ show the code.
 */
import { halfUnit } from './precision';
import { implementationQuestion, lessonImplementations } from './implementation';
import { lessonExercises } from './index';
import { questionText } from './question';
import { isChoiceExercise } from './registry';

export interface KeyMistake {
  /** The mistake's name ('forgot K²'), a wrong option ('(b) …') or a bug ('kernel flipped'). */
  readonly name: string;
  /** The wrong answer it leads to, as the learner would type it (numbers and options only). */
  readonly wrongAnswer?: string;
  /** What the check then tells the learner. */
  readonly hint: string;
}

export interface KeyEntry {
  readonly id: string;
  readonly kind: 'number' | 'choice' | 'build';
  readonly question: string;
  /** The right answer as a learner would give it ('1,605,632', '0.121', 'c'); for 'build', where the reference solution is. */
  readonly answer: string;
  /** Which answers count ('exactly', 'from 0.1205 to 0.1215'). */
  readonly accepted: string;
  readonly mistakes: readonly KeyMistake[];
}

export interface AnswerKey {
  readonly lesson: string;
  readonly entries: readonly KeyEntry[];
}

const number = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 12 });

/** The answer rounded to the digits the check asks for, as a learner would write it. */
function asGiven(value: number, digits: number | undefined): string {
  return number(digits === undefined ? value : Number(value.toPrecision(digits)));
}

/** The key of lesson `lesson` ('01'–'09'), in the order of its sheet. */
export function answerKey(lesson: string): AnswerKey {
  const numbered = lessonExercises(lesson).map((exercise): KeyEntry => {
    if (isChoiceExercise(exercise)) {
      const right = exercise.choices.find((choice) => choice.key === exercise.answer);
      return {
        id: exercise.id,
        kind: 'choice',
        question: questionText(exercise),
        answer: exercise.answer,
        accepted: `(${exercise.answer}) ${right?.text ?? ''}`.trim(),
        mistakes: exercise.choices
          .filter((choice) => choice.key !== exercise.answer)
          .map((choice) => ({ name: `(${choice.key}) ${choice.text}`, wrongAnswer: choice.key, hint: choice.whyNot ?? '' })),
      };
    }
    const digits = exercise.precision.kind === 'significant' ? exercise.precision.digits : undefined;
    const half = digits === undefined ? 0 : halfUnit(exercise.answer, digits);
    return {
      id: exercise.id,
      kind: 'number',
      question: questionText(exercise),
      answer: asGiven(exercise.answer, digits),
      accepted:
        digits === undefined
          ? `exactly ${number(exercise.answer)} ${exercise.unit}`
          : `${number(exercise.answer)} ${exercise.unit} to ${digits} significant digits: anything from ${number(exercise.answer - half)} to ${number(exercise.answer + half)}`,
      mistakes: exercise.mistakes.map((mistake) => ({ name: mistake.name, wrongAnswer: asGiven(mistake.wrongAnswer, digits), hint: mistake.hint })),
    };
  });
  const build = lessonImplementations(lesson).map(
    (exercise): KeyEntry => ({
      id: exercise.id,
      kind: 'build',
      question: implementationQuestion(exercise),
      answer: `the reference solution, notebooks/solutions/${lesson}-solutions.ipynb`,
      accepted: `every number of every case within ${exercise.tolerance} of the reference's size`,
      mistakes: exercise.bugs.map((bug) => ({ name: bug.name, hint: bug.hint })),
    }),
  );
  return { lesson, entries: [...numbered, ...build] };
}
