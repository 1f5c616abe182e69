/**
 * Turns a cell's iopub messages into nbformat outputs, the way Jupyter's own
 * clients do:
 *
 * - `stream`: appended to the cell's last output when that is a stream of
 *   the same name (stdout after stdout), otherwise a new output;
 * - `display_data`, `execute_result`, `error`: one output each;
 * - `update_display_data`: replaces data and metadata of every earlier output
 *   in the notebook that was shown with the same transient display_id (a
 *   progress line or a live chart redrawn in place), adding nothing new;
 * - `clear_output`: empties the cell's outputs (at once, or with wait=true
 *   just before the next output arrives).
 *
 * One collector lives for the whole notebook, because a display can be
 * updated from a later cell.
 */
import type { JupyterMessage } from './wire';
import { joinText, splitLines, type Output, type StreamOutput } from './nbformat';

interface DisplayRef {
  readonly outputs: Output[];
  readonly index: number;
}

export class OutputCollector {
  private readonly displays = new Map<string, DisplayRef[]>();

  /** Applies the iopub messages of one execution to `outputs` (modified in place). */
  collect(outputs: Output[], messages: readonly JupyterMessage[]): Output[] {
    let clearPending = false;
    // Stream text is gathered as pieces and split into lines once at the end: re-splitting the
    // whole text for every message made a 100,000-line cell quadratic (minutes, gigabytes).
    const pieces = new Map<StreamOutput, string[]>();
    const clear = (): void => {
      outputs.length = 0;
      clearPending = false;
    };
    for (const message of messages) {
      // biome-ignore lint/suspicious/noExplicitAny: a Jupyter message's content, a different shape per msg_type; each field is checked where it is read
      const content = message.content as Record<string, any>;
      const type = message.header.msg_type;
      if (type === 'clear_output') {
        if (content.wait) clearPending = true;
        else clear();
        continue;
      }
      if (type === 'update_display_data') {
        this.update(content);
        continue;
      }
      if (!['stream', 'display_data', 'execute_result', 'error'].includes(type)) continue;
      if (clearPending) clear();
      if (type === 'stream') {
        const last = outputs[outputs.length - 1];
        const text = String(content.text ?? '');
        if (last?.output_type === 'stream' && last.name === content.name) {
          const parts = pieces.get(last);
          if (parts) parts.push(text);
          else pieces.set(last, [joinText(last.text), text]);
        } else {
          const output: StreamOutput = { output_type: 'stream', name: content.name === 'stderr' ? 'stderr' : 'stdout', text: [] };
          outputs.push(output);
          pieces.set(output, [text]);
        }
      } else if (type === 'error') {
        outputs.push({
          output_type: 'error',
          ename: String(content.ename ?? 'Error'),
          evalue: String(content.evalue ?? ''),
          traceback: Array.isArray(content.traceback) ? content.traceback.map(String) : [],
        });
      } else {
        const data = toNotebookBundle(content.data ?? {});
        const metadata = (content.metadata ?? {}) as Record<string, unknown>;
        const output: Output =
          type === 'execute_result'
            ? { output_type: 'execute_result', execution_count: content.execution_count ?? null, data, metadata }
            : { output_type: 'display_data', data, metadata };
        outputs.push(output);
        const displayId = content.transient?.display_id;
        if (typeof displayId === 'string') {
          const refs = this.displays.get(displayId) ?? [];
          refs.push({ outputs, index: outputs.length - 1 });
          this.displays.set(displayId, refs);
        }
      }
    }
    for (const [output, parts] of pieces) output.text = splitLines(parts.join(''));
    return outputs;
  }

  // biome-ignore lint/suspicious/noExplicitAny: an update_display_data content, checked field by field below
  private update(content: Record<string, any>): void {
    const displayId = content.transient?.display_id;
    if (typeof displayId !== 'string') return;
    for (const ref of this.displays.get(displayId) ?? []) {
      const target = ref.outputs[ref.index];
      if (target && (target.output_type === 'display_data' || target.output_type === 'execute_result')) {
        target.data = toNotebookBundle(content.data ?? {});
        target.metadata = (content.metadata ?? {}) as Record<string, unknown>;
      }
    }
  }
}

/**
 * Stores text MIME types as lists of lines (Jupyter's on-disk form, which
 * diffs well); JSON MIME types stay objects; base64 images stay strings.
 */
export function toNotebookBundle(data: Record<string, unknown>): Record<string, unknown> {
  const bundle: Record<string, unknown> = {};
  for (const [mime, value] of Object.entries(data)) {
    const isText = mime.startsWith('text/') || mime === 'image/svg+xml' || mime === 'application/javascript';
    bundle[mime] = isText && typeof value === 'string' ? splitLines(value) : value;
  }
  return bundle;
}
