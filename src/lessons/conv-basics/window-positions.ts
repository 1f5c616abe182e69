/**
 * Where the windows of a convolution sit along one axis: for every output
 * position o, the input columns its K taps read, o·S − P_before + j·D for
 * j = 0 … K − 1, and which of them are zero padding. Lesson 01 draws them as
 * a chart (output positions down, input columns across) to derive
 *
 *   out = ⌊(n + P_before + P_after − D·(K − 1) − 1) / S⌋ + 1
 *
 * — the last window must still end inside the padded input — and to show
 * TF's asymmetric 'same' padding: total = max((out − 1)·S + D·(K − 1) + 1 − n, 0)
 * zeros, the smaller half ⌊total / 2⌋ before the input, the odd one after it.
 * The output length comes from the cost model's rule (windowOutputLength) and
 * the zeros in front from the reference layers' (src/layers/reference/window.ts),
 * so the chart shows what the kit's loops do.
 */
import { ConvkitInputError, requireInteger } from '../../core/errors';
import { windowOutputLength } from '../../core/output-shape';
import { padBefore } from '../../layers/reference/window';
import { heatmap } from '../../plot/charts/heatmap';
import type { VegaLiteSpec } from '../../plot/vega-render';

export interface WindowPositionsOptions {
  /** Input length n along the axis. */
  readonly length: number;
  /** Kernel size K. */
  readonly kernel: number;
  /** Stride S; default 1. */
  readonly stride?: number;
  /** Dilation D; default 1. */
  readonly dilation?: number;
  readonly padding: 'same' | 'valid';
}

/** One tap of one window. */
export interface WindowTap {
  /** Output position o. */
  readonly output: number;
  /** Tap j of the kernel, 0 … K − 1. */
  readonly tap: number;
  /** The input column it reads: o·S − P_before + j·D (negative, or ≥ n, on the padding). */
  readonly column: number;
  readonly padded: boolean;
}

export interface WindowPositions {
  readonly length: number;
  readonly kernel: number;
  readonly stride: number;
  readonly dilation: number;
  readonly padding: 'same' | 'valid';
  /** The output length, from the cost model's rule. */
  readonly outputLength: number;
  /** Zeros before the input (top/left) and after it (bottom/right). */
  readonly padBefore: number;
  readonly padAfter: number;
  /** ⌊(n + P_before + P_after − D·(K − 1) − 1) / S⌋ + 1, which equals outputLength. */
  readonly formulaLength: number;
  /** Every tap of every window, output by output. */
  readonly taps: readonly WindowTap[];
}

/** The windows of a layer along one axis (see the top of this file). */
export function windowPositions(options: WindowPositionsOptions): WindowPositions {
  if (options === null || typeof options !== 'object')
    throw new ConvkitInputError('options', options, 'must be { length, kernel, stride?, dilation?, padding }');
  const length = requireInteger('length', options.length);
  const kernel = requireInteger('kernel', options.kernel);
  const stride = requireInteger('stride', options.stride ?? 1);
  const dilation = requireInteger('dilation', options.dilation ?? 1);
  const { padding } = options;
  if (padding !== 'same' && padding !== 'valid') throw new ConvkitInputError('padding', padding, "must be 'same' or 'valid'");
  const outputLength = windowOutputLength(length, kernel, stride, dilation, padding, 0, 'kernel');
  const span = dilation * (kernel - 1) + 1;
  const before = padBefore(length, outputLength, kernel, stride, dilation, padding, 0);
  const after = padding === 'same' ? Math.max((outputLength - 1) * stride + span - length, 0) - before : 0;
  const taps: WindowTap[] = [];
  for (let output = 0; output < outputLength; output++) {
    for (let tap = 0; tap < kernel; tap++) {
      const column = output * stride - before + tap * dilation;
      taps.push({ output, tap, column, padded: column < 0 || column >= length });
    }
  }
  return {
    length,
    kernel,
    stride,
    dilation,
    padding,
    outputLength,
    padBefore: before,
    padAfter: after,
    formulaLength: Math.floor((length + before + after - dilation * (kernel - 1) - 1) / stride) + 1,
    taps,
  };
}

/** "3", or "pad −1" for a column on the zero padding. */
const columnLabel = (column: number, length: number): string =>
  column < 0 || column >= length ? `pad ${column < 0 ? '−' : ''}${Math.abs(column)}` : String(column);

/**
 * A chart of the windows: one row per output position, one column per input
 * column (padding columns labelled "pad"), each cell a tap, numbered j.
 * Every input and padding column appears, read or not, in order.
 */
export function windowPositionsChart(positions: WindowPositions, title?: string): VegaLiteSpec {
  const { length, kernel, stride, dilation, padding } = positions;
  const rows = [...positions.taps]
    .sort((a, b) => a.column - b.column || a.output - b.output)
    .map((t) => ({ 'input column': columnLabel(t.column, length), output: `out ${t.output}`, 'tap j': t.tap }));
  // Columns no window reads still get their place on the axis, in order: Vega-Lite's domain lists them.
  const columns = Array.from({ length: length + positions.padBefore + positions.padAfter }, (_, i) => columnLabel(i - positions.padBefore, length));
  const spec = heatmap({
    data: rows,
    x: { field: 'input column', title: 'input column (pad = a zero of the padding)' },
    y: { field: 'output', title: 'output position' },
    value: { field: 'tap j', title: 'tap j' },
    showValues: true,
    format: 'd',
    title: title ?? `n = ${length}, K = ${kernel}, S = ${stride}${dilation > 1 ? `, D = ${dilation}` : ''}, '${padding}': ${positions.outputLength} outputs`,
  });
  const { encoding } = spec as unknown as { encoding: Record<string, Record<string, unknown>> };
  return { ...spec, encoding: { ...encoding, x: { ...encoding.x, scale: { domain: columns } } } } as VegaLiteSpec;
}
