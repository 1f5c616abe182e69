/**
 * What an exercise is, and how an answer is checked.
 *
 * A numeric exercise knows its right answer and, for each typical mistake, the
 * number a learner who made that mistake would get (forgot the K² factor,
 * counted FLOPs instead of MACs, used the input instead of the output size,
 * forgot the bias, …). Checking an answer compares it with the right value
 * first, then with each mistake's value, so a hint is given only when the
 * answer really is what that mistake produces — never a guess.
 *
 * All values come from the cost model, so an exercise cannot disagree with the
 * numbers a lesson prints.
 */

/** A typical wrong path and the hint that puts the learner back on track. */
export interface Mistake {
  /** Short name, e.g. 'forgot K²'. */
  readonly name: string;
  /** What to look at again; specific, without giving the answer away. */
  readonly hint: string;
  /** The answer a learner who made this mistake would give. */
  readonly wrongAnswer: number;
}

export interface NumericExercise {
  /** Stable id used in notebooks, e.g. '01.2'. */
  readonly id: string;
  /** The question as the notebook shows it. */
  readonly prompt: string;
  readonly answer: number;
  /** Unit shown in feedback, e.g. 'MACs', 'parameters', 'bytes'. */
  readonly unit: string;
  /**
   * Relative tolerance. 0 (the default) means the exact integer is required:
   * cost arithmetic has one right answer.
   */
  readonly tolerance?: number;
  readonly mistakes: readonly Mistake[];
}

export type Verdict =
  | { readonly status: 'not-answered'; readonly message: string }
  | { readonly status: 'correct'; readonly message: string }
  | { readonly status: 'mistake'; readonly mistake: string; readonly message: string }
  | { readonly status: 'incorrect'; readonly message: string }
  | { readonly status: 'invalid'; readonly message: string };

function matches(value: number, target: number, tolerance: number): boolean {
  if (tolerance === 0) return value === target;
  return Math.abs(value - target) <= tolerance * Math.max(1, Math.abs(target));
}

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
  const tolerance = exercise.tolerance ?? 0;
  if (matches(answer, exercise.answer, tolerance)) {
    return { status: 'correct', message: `${label}: correct — ${exercise.answer.toLocaleString('en-US')} ${exercise.unit}.` };
  }
  for (const mistake of exercise.mistakes) {
    if (mistake.wrongAnswer !== exercise.answer && matches(answer, mistake.wrongAnswer, tolerance)) {
      return { status: 'mistake', mistake: mistake.name, message: `${label}: not quite — ${mistake.hint}` };
    }
  }
  const direction = answer > exercise.answer ? 'too large' : 'too small';
  return {
    status: 'incorrect',
    message: `${label}: not correct (${answer.toLocaleString('en-US')} is ${direction}). Re-derive it step by step: one output value first, then the whole map.`,
  };
}
