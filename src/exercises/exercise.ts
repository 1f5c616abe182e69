/**
 * What a numeric exercise is, and how an answer is checked.
 *
 * A numeric exercise knows its right answer and, for each typical mistake, the
 * number a learner who made that mistake would get (forgot the K² factor,
 * counted FLOPs instead of MACs, used the input instead of the output size,
 * forgot the bias, …). Checking an answer compares it with the right value
 * first, then with each mistake's value, so a hint is given only when the
 * answer really is what that mistake produces — never a guess. An answer no
 * mistake explains gets the exercise's own fallback hint, written for the
 * quantity asked (channels, bytes, a slope…), not one generic sentence.
 *
 * How close an answer must be is part of the exercise (`precision`), and the
 * question a learner reads states it (./question.ts), so the sentence and
 * the check cannot disagree.
 *
 * All values come from the cost model, so an exercise cannot disagree with the
 * numbers a lesson prints.
 */
import { acceptsAround, type Precision } from './precision';

export type { Precision } from './precision';

/** A typical wrong path and the hint that puts the learner back on track. */
export interface Mistake {
  /** Short name, e.g. 'forgot K²'. */
  readonly name: string;
  /** What to look at again; specific, without giving the answer away. */
  readonly hint: string;
  /** The answer a learner who made this mistake would give. */
  readonly wrongAnswer: number;
}

/**
 * The kind of number asked for. It picks the words a fallback hint must use
 * (test/exercises/fallback.test.ts) and which units fit.
 */
export type QuantityKind = 'macs' | 'parameters' | 'channels' | 'pixels' | 'bytes' | 'values' | 'rows' | 'connections' | 'ratio' | 'slope' | 'layers';

export interface NumericExercise {
  /** Stable id used in notebooks, e.g. '01.2'. */
  readonly id: string;
  /** The question, without the precision sentence (./question.ts adds it). */
  readonly prompt: string;
  readonly answer: number;
  /** Unit shown in feedback, e.g. 'MACs', 'parameters', 'bytes'. */
  readonly unit: string;
  readonly quantity: QuantityKind;
  /** Exact integer, or how many significant digits are enough. */
  readonly precision: Precision;
  readonly mistakes: readonly Mistake[];
  /**
   * The hint for a wrong answer that no typical mistake explains: how to
   * re-derive THIS quantity step by step, in its own terms.
   */
  readonly fallback: string;
}

export type Verdict =
  | { readonly status: 'not-answered'; readonly message: string }
  | { readonly status: 'correct'; readonly message: string }
  | { readonly status: 'mistake'; readonly mistake: string; readonly message: string }
  | { readonly status: 'incorrect'; readonly message: string }
  | { readonly status: 'invalid'; readonly message: string };

/**
 * Checks a learner's answer. `undefined` and `null` mean the cell is still the
 * committed stub: the verdict is "not answered yet", never an error, so a
 * notebook with unanswered exercises still runs top to bottom.
 */
export function checkNumeric(exercise: NumericExercise, answer: unknown): Verdict {
  const label = `Exercise ${exercise.id}`;
  if (answer === undefined || answer === null) {
    return { status: 'not-answered', message: `${label}: not answered yet.` };
  }
  if (typeof answer !== 'number' || !Number.isFinite(answer)) {
    return {
      status: 'invalid',
      message: `${label}: the answer must be a finite number (got ${typeof answer === 'string' ? JSON.stringify(answer) : String(answer)}).`,
    };
  }
  if (acceptsAround(exercise.precision, exercise.answer, answer)) {
    return { status: 'correct', message: `${label}: correct — ${exercise.answer.toLocaleString('en-US')} ${exercise.unit}.` };
  }
  for (const mistake of exercise.mistakes) {
    if (mistake.wrongAnswer !== exercise.answer && acceptsAround(exercise.precision, mistake.wrongAnswer, answer)) {
      return { status: 'mistake', mistake: mistake.name, message: `${label}: not quite — ${mistake.hint}` };
    }
  }
  const direction = answer > exercise.answer ? 'too large' : 'too small';
  return {
    status: 'incorrect',
    // The fallback is written to follow a dash or a colon; here it starts a sentence.
    message: `${label}: not correct (${answer.toLocaleString('en-US')} is ${direction}). ${exercise.fallback.charAt(0).toUpperCase()}${exercise.fallback.slice(1)}`,
  };
}
