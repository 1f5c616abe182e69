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

  constructor(field: string, value: unknown, rule: string) {
    super(`${field} = ${formatValue(value)}: ${rule}`);
    this.name = 'ConvkitInputError';
    this.field = field;
    this.value = value;
    this.rule = rule;
  }
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** Throws unless `value` is an integer >= min (default 1). */
export function requireInteger(field: string, value: unknown, min = 1): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new ConvkitInputError(field, value, min === 1 ? 'must be a positive integer' : `must be an integer >= ${min}`);
  }
  return value;
}

/** Throws unless `value` is a finite number > 0. */
export function requirePositive(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ConvkitInputError(field, value, 'must be a number greater than 0');
  }
  return value;
}
