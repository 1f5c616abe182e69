/**
 * Runs a learner's function so that nothing it does stops the notebook: an
 * exception becomes its message, and a loop that never ends is cut off.
 *
 * The cut-off uses node:vm's timeout, which interrupts whatever JavaScript
 * runs during the call (V8's TerminateExecution), including functions
 * defined outside the context — so an endless `for (;;)` in a notebook cell
 * ends with a message instead of a kernel that must be restarted.
 */
import vm from 'node:vm';

/** How long one call may run. The largest case of any exercise takes well under 100 ms. */
export const TIME_LIMIT_MS = 2000;

export type GuardedResult =
  | { readonly status: 'returned'; readonly value: unknown }
  | { readonly status: 'threw'; readonly message: string }
  | { readonly status: 'timeout'; readonly milliseconds: number };

export function guardedCall(run: () => unknown, milliseconds = TIME_LIMIT_MS): GuardedResult {
  const box: { value?: unknown } = {};
  try {
    vm.runInNewContext('box.value = run()', { box, run }, { timeout: milliseconds });
    return { status: 'returned', value: box.value };
  } catch (error) {
    if ((error as { code?: string })?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { status: 'timeout', milliseconds };
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'threw', message: message.replace(/\s*\n\s*/g, ' ').trim() || '(no message)' };
  }
}
