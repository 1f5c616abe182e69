/**
 * Holds back what the console prints while a backend starts.
 *
 * When the wasm binary cannot be loaded, Emscripten (the toolchain that
 * built tfjs-backend-wasm) prints its own abort messages, three lines or
 * more, before TF.js gives up; convkit wants ONE line that says what
 * happened and what it does instead. So useBackend starts wasm inside
 * `withConsoleHeldBack`, and uses the first held-back line as the reason if
 * the start fails.
 *
 * Emscripten keeps a reference to console.error/warn bound when the module
 * is created, i.e. to the stand-ins installed here. So the stand-ins are not
 * one-shot: after the call they keep forwarding to the original methods.
 */
const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** What happened while the console was held back. */
export interface HeldBackRun {
  /** Whether `start` threw (or rejected). */
  readonly failed: boolean;
  /** What it threw, if it did. */
  readonly error: unknown;
  /** Non-empty lines printed to the console meanwhile; they were not shown. */
  readonly heldBack: string[];
}

/** Runs `start` with the console held back. Never throws: a failure is reported in the result. */
export async function withConsoleHeldBack(start: () => Promise<void>): Promise<HeldBackRun> {
  const heldBack: string[] = [];
  let holding = true;
  const originals = consoleMethods.map((method) => console[method]);
  consoleMethods.forEach((method, i) => {
    const original = originals[i];
    console[method] = (...args: unknown[]) => {
      if (!holding) return original.apply(console, args);
      const text = args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' ');
      heldBack.push(...text.split('\n').filter((line) => line.trim().length > 0));
    };
  });
  try {
    await start();
    return { failed: false, error: undefined, heldBack };
  } catch (error) {
    return { failed: true, error, heldBack };
  } finally {
    holding = false;
    consoleMethods.forEach((method, i) => (console[method] = originals[i]));
  }
}
