/**
 * Every numeric question says how precise the answer must be, and the check
 * does what the sentence says: "Give the exact integer" rejects an answer
 * off by one, "3 significant digits are enough" accepts the answer rounded to
 * three digits and rejects one a digit off; a typical mistake rounded the
 * same way still gets its hint, never "correct".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { allExercises, question } from '../../src/exercises/index';
import { checkNumeric, type NumericExercise } from '../../src/exercises/exercise';
import { acceptsAround, halfUnit, significant } from '../../src/exercises/precision';
import { isChoiceExercise } from '../../src/exercises/registry';

const numeric = (): NumericExercise[] => allExercises().filter((e): e is NumericExercise => !isChoiceExercise(e));
const rounded = (x: number, digits: number): number => Number(x.toPrecision(digits));

test('every numeric question ends with its precision sentence, and the stem states no precision of its own', () => {
  for (const exercise of numeric()) {
    const shown = question(exercise.id);
    if (exercise.precision.kind === 'exact') {
      assert.ok(Number.isInteger(exercise.answer), `${exercise.id}: an exact answer is an integer`);
      assert.match(shown, /Give the exact integer\.$/, exercise.id);
    } else {
      assert.match(shown, new RegExp(` ${exercise.precision.digits} significant digits are enough\\.$`), exercise.id);
    }
    assert.doesNotMatch(exercise.prompt, /decimals?|significant|exact|enough/i, `${exercise.id}: precision is said once, by the precision field`);
  }
});

test('an exact question rejects an answer off by one, and accepts nothing but the integer', () => {
  for (const exercise of numeric().filter((e) => e.precision.kind === 'exact')) {
    assert.equal(checkNumeric(exercise, exercise.answer).status, 'correct', exercise.id);
    for (const near of [exercise.answer - 1, exercise.answer + 1, exercise.answer + 0.5]) {
      assert.notEqual(checkNumeric(exercise, near).status, 'correct', `${exercise.id}: ${near}`);
    }
  }
});

test('a significant-digits question accepts the answer rounded to those digits and rejects one a digit off', () => {
  const inexact = numeric().filter((e) => e.precision.kind === 'significant');
  assert.ok(inexact.length >= 3);
  for (const exercise of inexact) {
    if (exercise.precision.kind !== 'significant') continue;
    const digits = exercise.precision.digits;
    assert.equal(checkNumeric(exercise, rounded(exercise.answer, digits)).status, 'correct', `${exercise.id}: ${rounded(exercise.answer, digits)}`);
    assert.equal(checkNumeric(exercise, rounded(exercise.answer, digits + 2)).status, 'correct', `${exercise.id}: more digits`);
    const unit = 2 * halfUnit(exercise.answer, digits);
    for (const off of [rounded(exercise.answer, digits) + unit, rounded(exercise.answer, digits) - unit]) {
      assert.notEqual(checkNumeric(exercise, off).status, 'correct', `${exercise.id}: ${off} is a digit off`);
    }
    for (const mistake of exercise.mistakes) {
      const result = checkNumeric(exercise, rounded(mistake.wrongAnswer, digits));
      assert.equal(result.status === 'mistake' && result.mistake, mistake.name, `${exercise.id}: ${mistake.name} rounded to ${digits} digits`);
    }
  }
});

test('significant digits: the rounded value always passes, a value two half-units away never does', () => {
  fc.assert(
    fc.property(fc.double({ min: 1e-6, max: 1e12, noNaN: true }), fc.integer({ min: 1, max: 6 }), (target, digits) => {
      const p = significant(digits);
      return acceptsAround(p, target, rounded(target, digits)) && !acceptsAround(p, target, target + 2.01 * halfUnit(target, digits));
    }),
  );
});
