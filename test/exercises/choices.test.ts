/**
 * The multiple-choice questions as a set: the key must not favour one letter
 * and the right option must not give itself away by being the longest, every
 * wrong option explains itself, and the question a learner reads lists
 * exactly the options the check knows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allExercises, lessonExercises, question } from '../../src/exercises/index';
import type { ChoiceExercise } from '../../src/exercises/choice';
import { isChoiceExercise } from '../../src/exercises/registry';

/** No letter may hold more than this share of a set's answers, so that guessing one letter does not pay. */
const MAX_KEY_SHARE = 0.4;
/** The right option may be the strictly longest one in at most this share of the questions. */
const MAX_LONGEST_SHARE = 0.4;

const LESSONS = ['01', '02', '03', '04', '05', '06', '07', '08', '09'];
const choiceExercises = (list: readonly unknown[]): ChoiceExercise[] => (list as Parameters<typeof isChoiceExercise>[0][]).filter(isChoiceExercise);

/**
 * What is wrong with one set of answer keys. With n ≥ 3 answers, no letter may
 * hold more than 40% of them; two answers (40% cannot be met) must differ.
 */
export function keyProblems(name: string, keys: readonly string[]): string[] {
  if (keys.length < 2) return [];
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  const [letter, most] = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a));
  const limit = keys.length === 2 ? 1 : Math.floor(MAX_KEY_SHARE * keys.length);
  return most > limit ? [`${name}: '${letter}' is the answer of ${most} of ${keys.length} questions (at most ${limit})`] : [];
}

/** Is the right option strictly longer than every wrong one? */
function rightIsLongest(exercise: ChoiceExercise): boolean {
  const right = exercise.choices.find((c) => c.key === exercise.answer)?.text.length ?? 0;
  return exercise.choices.every((c) => c.key === exercise.answer || c.text.length < right);
}

test('the key rule flags a lopsided key (b for 9 of 13) and passes a balanced one', () => {
  assert.equal(keyProblems('lopsided', ['b', 'c', 'b', 'b', 'b', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'b']).length, 1);
  assert.equal(keyProblems('pair', ['b', 'b']).length, 1);
  assert.equal(keyProblems('balanced', ['a', 'b', 'c', 'd', 'a', 'b', 'c', 'd', 'a', 'b']).length, 0);
});

test('no letter holds more than 40% of the answers, in the whole course or in any lesson', () => {
  const problems = [
    ...keyProblems(
      'all lessons',
      choiceExercises(allExercises()).map((e) => e.answer),
    ),
    ...LESSONS.flatMap((lesson) =>
      keyProblems(
        `lesson ${lesson}`,
        choiceExercises(lessonExercises(lesson)).map((e) => e.answer),
      ),
    ),
  ];
  assert.deepEqual(problems, []);
});

test('the right option is not the longest in most questions, nor in every question of a lesson', () => {
  const all = choiceExercises(allExercises());
  const longest = all.filter(rightIsLongest).map((e) => e.id);
  assert.ok(longest.length <= Math.floor(MAX_LONGEST_SHARE * all.length), `right option longest in ${longest.join(', ')}`);
  for (const lesson of LESSONS) {
    const set = choiceExercises(lessonExercises(lesson));
    if (set.length >= 2) assert.ok(!set.every(rightIsLongest), `lesson ${lesson}: the right option is always the longest`);
  }
  // On average the right option is no longer than the wrong ones by more than a fifth.
  const ratio =
    all.reduce((sum, e) => {
      const right = e.choices.find((c) => c.key === e.answer)?.text.length ?? 0;
      const wrong = e.choices.filter((c) => c.key !== e.answer).map((c) => c.text.length);
      return sum + right / (wrong.reduce((a, b) => a + b, 0) / wrong.length);
    }, 0) / all.length;
  assert.ok(ratio <= 1.2, `right / wrong option length ${ratio.toFixed(2)}`);
});

test('every multiple-choice question has one right key among its choices, and every wrong choice says why', () => {
  for (const exercise of choiceExercises(allExercises())) {
    const keys = exercise.choices.map((c) => c.key);
    assert.deepEqual(keys, ['a', 'b', 'c', 'd'].slice(0, keys.length), `${exercise.id}: keys a, b, … in order`);
    assert.ok(keys.includes(exercise.answer), exercise.id);
    for (const choice of exercise.choices) {
      if (choice.key === exercise.answer) assert.equal(choice.whyNot, undefined, `${exercise.id}: the right choice has no whyNot`);
      else assert.ok((choice.whyNot ?? '').length > 20, `${exercise.id} ${choice.key} explains why not`);
    }
  }
});

test('the question a learner reads lists exactly the options the check knows, and the stem lists none itself', () => {
  for (const exercise of choiceExercises(allExercises())) {
    const shown = question(exercise.id);
    for (const choice of exercise.choices) assert.ok(shown.includes(`(${choice.key}) ${choice.text}`), `${exercise.id} shows (${choice.key})`);
    assert.doesNotMatch(exercise.prompt, /\([a-d]\) /, `${exercise.id}: options come from choices, not from the stem`);
  }
});
