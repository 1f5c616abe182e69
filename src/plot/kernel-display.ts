import { MimeBundle } from './mime-bundle';

/**
 * Sending one display_data message with several MIME types from a tslab cell.
 *
 * tslab's public `display.*` helpers send one MIME type per message, which
 * would show a chart twice (or the wrong representation) in every front end.
 * Underneath, tslab keeps the current cell's writer in
 * `tslab/dist/jupyter.js` as `lastWriteDisplayData({ data, metadata,
 * transient }, update)`; it is set while the kernel runs a cell and null
 * anywhere else. Calling it with a full `data` object sends one bundle.
 *
 * The module is found in Node's require cache rather than by `require('tslab')`
 * so that the kit talks to the very module instance the running kernel loaded,
 * wherever tslab is installed (project, global or elsewhere).
 */

type WriteDisplayData = (message: { data: MimeBundle; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

interface TslabJupyterModule {
  lastWriteDisplayData?: WriteDisplayData | null;
}

const TSLAB_JUPYTER_MODULE = /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/;

/** The running tslab kernel's display writer, or null outside a kernel. */
export function findKernelDisplayWriter(): WriteDisplayData | null {
  for (const [path, cached] of Object.entries(require.cache)) {
    if (!TSLAB_JUPYTER_MODULE.test(path) || cached === undefined) continue;
    const writer = (cached.exports as TslabJupyterModule).lastWriteDisplayData;
    if (typeof writer === 'function') return writer;
  }
  return null;
}

/** True while code runs inside a tslab kernel that can take display messages. */
export function inKernel(): boolean {
  return findKernelDisplayWriter() !== null;
}

/**
 * Publishes `bundle` as one display_data message when running in a tslab
 * kernel and returns true; elsewhere (a script, a test, the REPL) it prints
 * the text/plain line so the call is not silent, and returns false.
 */
export function publishBundle(bundle: MimeBundle): boolean {
  const writer = findKernelDisplayWriter();
  if (writer === null) {
    console.log(bundle['text/plain']);
    return false;
  }
  writer({ data: bundle, metadata: {}, transient: {} }, false);
  return true;
}

/**
 * What every show*() helper returns: inside a kernel the bundle has been sent
 * and nothing is returned (so a cell ending in `await show(…)` does not also
 * echo the bundle as text); outside a kernel the bundle itself, for tests,
 * scripts and the HTML notes.
 */
export function displayed(bundle: MimeBundle): MimeBundle | undefined {
  return publishBundle(bundle) ? undefined : bundle;
}
