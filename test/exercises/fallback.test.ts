/**
 * A wrong answer that no typical mistake explains gets the exercise's own
 * fallback hint, and that hint must speak of the quantity asked: channels for
 * a channel count, bytes for bytes, a slope for a slope — never the generic
 * "one output value first, then the whole map", which fits only a MACs count.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allExercises } from '../../src/exercises/index';
import { checkNumeric, type NumericExercise, type QuantityKind } from '../../src/exercises/exercise';
import { isChoiceExercise } from '../../src/exercises/registry';

/** The words a fallback for each kind must use, and the units an exercise of that kind may have. */
const KINDS: Readonly<Record<QuantityKind, { readonly words: RegExp; readonly unit: RegExp }>> = {
  macs: { words: /multiply-adds?|MACs?\b/, unit: /MACs/ },
  parameters: { words: /weights?|parameters?|γ|trainable numbers/, unit: /^parameters$/ },
  channels: { words: /channels?/, unit: /^channels$/ },
  pixels: { words: /pixels?|positions?/, unit: /^pixels$/ },
  bytes: { words: /bytes?/, unit: /^bytes$/ },
  values: { words: /values?/, unit: /^values$/ },
  rows: { words: /rows?/, unit: /^rows$/ },
  connections: { words: /connections?/, unit: /^connections$/ },
  layers: { words: /layers?/, unit: /^layers$/ },
  ratio: { words: /ratio|fraction|divide/, unit: /times|ratio|×/ },
  slope: { words: /slope|derivative/, unit: /slope/ },
};

const numeric = (): NumericExercise[] => allExercises().filter((e): e is NumericExercise => !isChoiceExercise(e));

test('every numeric exercise declares a quantity kind that fits its unit', () => {
  for (const exercise of numeric()) {
    const kind = KINDS[exercise.quantity];
    assert.ok(kind, `${exercise.id}: known kind ${exercise.quantity}`);
    assert.match(exercise.unit, kind.unit, `${exercise.id}: unit ${exercise.unit} fits ${exercise.quantity}`);
  }
});

test("every exercise's fallback hint names its own quantity, and only MAC counts talk of output values", () => {
  for (const exercise of numeric()) {
    assert.match(exercise.fallback, KINDS[exercise.quantity].words, `${exercise.id} (${exercise.quantity}): ${exercise.fallback}`);
    assert.doesNotMatch(exercise.fallback, /one output value first, then the whole map/, exercise.id);
    if (exercise.quantity !== 'macs') assert.doesNotMatch(exercise.fallback, /output value/, exercise.id);
    for (const mistake of exercise.mistakes) assert.notEqual(exercise.fallback, mistake.hint, `${exercise.id}: fallback differs from ${mistake.name}`);
  }
});

test("a wrong answer no mistake explains is answered with that exercise's fallback", () => {
  for (const exercise of numeric()) {
    const unexplained = exercise.answer * 7 + 13;
    const result = checkNumeric(exercise, unexplained);
    assert.equal(result.status, 'incorrect', exercise.id);
    // The message starts the hint as a sentence (capital first letter).
    assert.ok(result.message.endsWith(`. ${exercise.fallback.charAt(0).toUpperCase()}${exercise.fallback.slice(1)}`), `${exercise.id}: ${result.message}`);
  }
});
