/**
 * A JSON syntax error as one line with its place: "line 3, column 9:
 * Unexpected token 'x'". Node's own message spans several lines when it
 * quotes the text around the error (which, for a notebook, may hold
 * newlines), and for an unexpected token it gives no position at all.
 */

/**
 * True when the first `length` characters of `text` already break JSON:
 * not merely unfinished ("Unexpected end", or an error placed at the very
 * end, like an unterminated string or number) and not complete.
 */
export function brokenPrefix(text: string, length: number): boolean {
  try {
    JSON.parse(text.slice(0, length));
    return false;
  } catch (error) {
    const message = (error as Error).message;
    if (/Unexpected end of JSON input/.test(message)) return false;
    const at = /at position (\d+)/.exec(message);
    return !(at && Number(at[1]) >= length);
  }
}

/** Line and column (1-based) of the first character at which `text` stops being JSON. */
export function jsonErrorPlace(text: string): { offset: number; line: number; column: number } {
  // The shortest failing prefix ends at the bad character. A prefix that is merely unfinished
  // ("Unexpected end", or an error placed at its very end, like an unterminated string) is not
  // yet failing, and once the bad character is in, every longer prefix fails: a binary search.
  const fails = (length: number): boolean => brokenPrefix(text, length);
  let low = 0;
  let high = text.length;
  if (!fails(high))
    high = text.length; // the whole text only ends early
  else {
    while (low < high) {
      const mid = (low + high) >> 1;
      if (fails(mid + 1)) high = mid;
      else low = mid + 1;
    }
  }
  const offset = Math.min(high, text.length);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { offset, line, column };
}

/** The gist of a JSON.parse error message, on one line, without the quoted text or position. */
export function jsonErrorGist(message: string): string {
  const gist = message
    .replace(/, (\.\.\.)?".*" is not valid JSON$/s, '')
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/ after JSON at position \d+.*$/s, " after the notebook's JSON value")
    .replace(/\s+/g, ' ')
    .trim();
  return gist.length > 80 ? `${gist.slice(0, 80)}…` : gist;
}

/** "line L, column C: GIST" for `text`, which JSON.parse rejected with `error`. */
export function describeJsonError(text: string, error: Error): string {
  const { line, column } = jsonErrorPlace(text);
  return `line ${line}, column ${column}: ${jsonErrorGist(error.message)}`;
}
