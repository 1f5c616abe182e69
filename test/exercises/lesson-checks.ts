/**
 * Shared by test/exercises/lesson-NN.test.ts: proves that an exercise's check
 * recognises each typical mistake it declares, from wrong answers the test
 * works out on its own, and that no declared mistake goes untested.
 */
import assert from 'node:assert/strict';
import { checkChoice } from '../../src/exercises/choice';
import { checkNumeric, type Verdict } from '../../src/exercises/exercise';
import { isChoiceExercise, type Exercise } from '../../src/exercises/registry';
import type { Solution } from '../../src/exercises/solution';

/**
 * The exercise `id` of one lesson's list. The tests look exercises up in the
 * lesson's own module rather than through src/exercises/index.ts, so a broken
 * exercise file of another lesson cannot fail these tests.
 */
export function exerciseIn(exercises: readonly Exercise[], id: string): Exercise {
  const found = exercises.find((e) => e.id === id);
  if (!found) throw new Error(`no exercise ${id} in this lesson`);
  return found;
}

/** The verdict the notebook's check(id, answer) prints, computed from the lesson's own list. */
export function verdictIn(exercises: readonly Exercise[], id: string, answer: unknown): Verdict {
  const exercise = exerciseIn(exercises, id);
  return isChoiceExercise(exercise) ? checkChoice(exercise, answer) : checkNumeric(exercise, answer);
}

/** The numeric answer of a solution (throws for a multiple-choice one). */
export function answerOf(solutions: readonly Solution[], id: string): number {
  const found = solutions.find((s) => s.id === id);
  if (!found || typeof found.answer !== 'number') throw new Error(`no numeric solution ${id}`);
  return found.answer;
}

/**
 * `wrongAnswers` maps each mistake name to the answer a learner making it
 * would give, computed by the test. Every declared mistake must be listed, and
 * every listed answer must get that mistake's hint.
 */
export function assertDiagnoses(exercise: Exercise, wrongAnswers: Readonly<Record<string, number>>): void {
  assert.ok(!isChoiceExercise(exercise), `${exercise.id} is numeric`);
  if (isChoiceExercise(exercise)) return;
  assert.deepEqual(
    exercise.mistakes.map((m) => m.name).sort(),
    Object.keys(wrongAnswers).sort(),
    `${exercise.id}: the test covers exactly the declared mistakes`,
  );
  for (const [name, wrong] of Object.entries(wrongAnswers)) {
    const result = checkNumeric(exercise, wrong);
    assert.equal(result.status, 'mistake', `${exercise.id} ${name}: ${wrong} → ${result.message}`);
    assert.equal(result.status === 'mistake' && result.mistake, name, `${exercise.id}: ${wrong} is diagnosed as ${name}`);
  }
}

/** The keys of a multiple-choice exercise's wrong options (every key but the answer). */
export function wrongKeys(exercise: Exercise): string[] {
  assert.ok(isChoiceExercise(exercise), `${exercise.id} is multiple choice`);
  return isChoiceExercise(exercise) ? exercise.choices.map((c) => c.key).filter((k) => k !== exercise.answer) : [];
}
