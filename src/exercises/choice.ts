/**
 * Multiple-choice exercises ("which block mixes channels?"): every wrong
 * choice carries its own explanation, so a wrong pick is answered with why it
 * is wrong rather than a bare "no". The prompt is the question alone; the
 * options a learner reads are the choices' texts (./question.ts lists them),
 * so what is shown and what is checked are one list.
 */
import type { Verdict } from './exercise';

export interface Choice {
  /** The key the learner types, e.g. 'a'. */
  readonly key: string;
  /** The option as the learner reads it. */
  readonly text: string;
  /** For wrong choices: why this one does not fit. */
  readonly whyNot?: string;
}

export interface ChoiceExercise {
  readonly id: string;
  /** The question, without its options. */
  readonly prompt: string;
  readonly choices: readonly Choice[];
  /** Key of the right choice. */
  readonly answer: string;
}

export function checkChoice(exercise: ChoiceExercise, answer: unknown): Verdict {
  const label = `Exercise ${exercise.id}`;
  if (answer === undefined || answer === null) {
    return { status: 'not-answered', message: `${label}: not answered yet.` };
  }
  const keys = exercise.choices.map((c) => c.key);
  const key = typeof answer === 'string' ? answer.trim().toLowerCase() : '';
  const picked = exercise.choices.find((c) => c.key === key);
  if (!picked) {
    return { status: 'invalid', message: `${label}: answer with one of ${keys.map((k) => `'${k}'`).join(', ')} (got ${JSON.stringify(answer)}).` };
  }
  if (picked.key === exercise.answer) {
    return { status: 'correct', message: `${label}: correct — ${picked.text}.` };
  }
  return {
    status: 'mistake',
    mistake: picked.key,
    // Every wrong choice has a whyNot (test/exercises/choices.test.ts); the fallback only guards a new exercise.
    message: `${label}: not quite — ${picked.whyNot ?? `(${picked.key}) is not the answer; compare it with the other options.`}`,
  };
}
