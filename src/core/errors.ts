/**
 * One error type for bad input anywhere in the kit. Its message always names
 * the field, the value and the rule, e.g.
 *   alpha = -1: must be a number greater than 0
 * so the CLI can print it as one line (exit code 2, no stack) and a notebook
 * shows the learner exactly what to fix.
 */
export class ConvkitInputError extends Error {
  readonly field: string;
  readonly value: unknown;
  readonly rule: string;

  /**
   * `shown` replaces "= value" in the message where the value itself would
   * mislead, e.g. '(no value)' for a flag typed without one.
   */
  constructor(field: string, value: unknown, rule: string, shown?: string) {
    super(`${field} ${shown ?? describeValue(value)}: ${rule}`);
    this.name = 'ConvkitInputError';
    this.field = field;
    this.value = value;
    this.rule = rule;
  }
}

/** Longest value echoed in a message; a 10 KB model name is cut, with its length. */
export const MAX_SHOWN_VALUE_LENGTH = 60;

/**
 * "= value" for a message. A value that was not given (undefined or null)
 * is said in words, never printed as a literal `undefined`/`null`; a long
 * value is cut to MAX_SHOWN_VALUE_LENGTH characters, saying how long it was.
 */
function describeValue(value: unknown): string {
  if (value == null) return '(not given)';
  return `= ${shorten(formatValue(value))}`;
}

function shorten(text: string): string {
  if (text.length <= MAX_SHOWN_VALUE_LENGTH) return text;
  const length = ` (${text.length.toLocaleString('en-US')} characters)`;
  return `${text.slice(0, MAX_SHOWN_VALUE_LENGTH - length.length - 1)}…${length}`;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (value == null) return '(not given)';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Throws unless `value` is an integer >= min (default 1). */
export function requireInteger(field: string, value: unknown, min = 1): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ConvkitInputError(field, value, min === 1 ? 'must be a positive integer' : `must be an integer >= ${min}`);
  }
  // 1e308 is an integer too, but every size computed from it would round or overflow.
  if (!Number.isSafeInteger(value)) throw new ConvkitInputError(field, value, 'must be an integer below 2^53');
  return value;
}

/** Throws unless `value` is a finite number > 0. */
export function requirePositive(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ConvkitInputError(field, value, 'must be a number greater than 0');
  }
  return value;
}
