/**
 * Lesson 09's review must combine ideas from several lessons, not copy one
 * lesson's question (a review that asks 01.2 or 06.1 again tests nothing
 * new). A review question repeats another when its normalised text equals,
 * contains or mostly shares the other's wording, or when it asks for the same
 * number in the same unit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allExercises, lessonExercises } from '../../src/exercises/index';
import { isChoiceExercise, type Exercise } from '../../src/exercises/registry';

/** Lower case, digits grouped, quotes and punctuation gone, one space between words. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/(\d),(\d)/g, '$1$2')
    .replace(/[^\p{L}\p{N}×·²]+/gu, ' ')
    .trim();
}

/** Share of a's word trigrams that also occur in b. */
function sharedTrigrams(a: string, b: string): number {
  const grams = (t: string): string[] => {
    const words = normalise(t).split(' ');
    return words.slice(2).map((_, i) => words.slice(i, i + 3).join(' '));
  };
  const inB = new Set(grams(b));
  const ofA = grams(a);
  return ofA.length === 0 ? 0 : ofA.filter((g) => inB.has(g)).length / ofA.length;
}

interface Asked {
  readonly prompt: string;
  readonly answer?: number;
  readonly unit?: string;
}
const asked = (e: Exercise): Asked => (isChoiceExercise(e) ? { prompt: e.prompt } : { prompt: e.prompt, answer: e.answer, unit: e.unit });

/** Why `review` repeats `other`, or undefined. */
export function repeatReason(review: Asked, other: Asked): string | undefined {
  const [a, b] = [normalise(review.prompt), normalise(other.prompt)];
  if (a === b) return 'same text';
  if (a.includes(b) || b.includes(a)) return 'one text contains the other';
  const shared = sharedTrigrams(review.prompt, other.prompt);
  if (shared >= 0.5) return `${Math.round(shared * 100)}% of its word trigrams are the other's`;
  if (review.answer !== undefined && review.answer === other.answer && review.unit === other.unit) return `same answer, ${other.answer} ${other.unit}`;
  return undefined;
}

test('the repeat rule flags a review question that restates 01.2 and one that restates 06.1', () => {
  // Each asks for the same number, in nearly the same words, as the lesson's question.
  const restates012 = {
    prompt: 'A 3×3 convolution with 128 filters, stride 1 and "same" padding runs on a 56×56×64 input. How many MACs does it take?',
    answer: 56 * 56 * 9 * 64 * 128,
    unit: 'MACs',
  };
  const restates061 = {
    prompt:
      "DenseNet-121's first dense block has 6 bottleneck layers with growth rate k = 32 and reads 64 channels (56×56). How many channels does the block output?",
    answer: 64 + 6 * 32,
    unit: 'channels',
  };
  const find = (id: string) => asked(allExercises().find((e) => e.id === id) as Exercise);
  assert.ok(repeatReason(restates012, find('01.2')));
  assert.ok(repeatReason(restates061, find('06.1')));
  assert.ok(repeatReason(find('01.2'), find('01.2')));
});

test('no review question repeats a question of another lesson', () => {
  const others = allExercises().filter((e) => !e.id.startsWith('09.'));
  const problems: string[] = [];
  for (const review of lessonExercises('09')) {
    for (const other of others) {
      const reason = repeatReason(asked(review), asked(other));
      if (reason) problems.push(`${review.id} repeats ${other.id}: ${reason}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('no two review questions repeat each other', () => {
  const review = lessonExercises('09');
  for (const [i, a] of review.entries()) {
    for (const b of review.slice(i + 1)) assert.equal(repeatReason(asked(a), asked(b)), undefined, `${a.id} and ${b.id}`);
  }
});
