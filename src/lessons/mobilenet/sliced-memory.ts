/**
 * Peak memory of one inverted residual block when its expanded tensor is
 * never stored whole (Sandler et al. 2018, arXiv:1801.04381, §5.1 "Memory
 * efficient inference").
 *
 * The block is F(x) = A(N(B(x))): B the 1×1 expansion C → tC, N the
 * per-channel part (BN, ReLU6, the depthwise conv, BN, ReLU6), A the 1×1
 * projection tC → C'. N works on each channel alone, so the tC expanded
 * channels can be split into s slices and F(x) = Σᵢ Aᵢ(N(Bᵢ(x))): expand one
 * slice, filter it, project it and add its share into the output, then drop
 * it. Live at any time: the input (every slice reads it; the residual adds it
 * at the end), the output being summed, and one slice of the expanded map
 * with its depthwise result. The paper: memory as low as the input plus the
 * output plus one channel's worth of the inner tensor, when s = tC.
 *
 *   peak(s) = |input| + |output| + ⌈tC / s⌉ · (H·W + H'·W') · bytes   (s ≥ 2)
 *
 * s = 1 is the ordinary block, expanded tensor whole (BN and ReLU6 in place):
 * the depthwise conv reads the expanded map E and writes its result D while
 * the input waits for the residual; then the projection reads D and writes
 * the output, E gone:
 *
 *   peak(1) = |input| + max(|E| + |D|, |D| + |output|)
 *
 * The price of slicing is
 * speed, not memory: s smaller matrix products instead of one cost cache
 * misses, so §5.1 recommends a small number of slices (2 to 5). (The paper
 * calls the slice count t too; here t stays the expansion factor.) The cost
 * model's `peakInferenceBytes` counts the plain layer-by-layer run, with
 * every BN and ReLU6 output its own tensor: never below peak(1), and equal
 * to it at stride 1 (input + two maps of the expanded size either way).
 */
import { ConvkitInputError, requireInteger } from '../../core/errors';

export interface SlicedMemoryOptions {
  /** Height = width of the input map. */
  readonly size: number;
  /** Input (bottleneck) channels C. */
  readonly channels: number;
  /** Expansion factor t: the expanded map has t·C channels. */
  readonly expansion: number;
  /** Output channels C'. Default C. */
  readonly filters?: number;
  /** Stride of the depthwise conv (1 or 2). Default 1. */
  readonly stride?: number;
  /** Bytes per value. Default 4 (fp32, as the rest of the kit; the paper's Table 3 counts 16-bit values). */
  readonly bytesPerValue?: number;
}

export interface SlicedMemoryPoint {
  /** Number of slices s the t·C expanded channels are cut into. */
  readonly slices: number;
  /** Channels of the largest slice, ⌈tC / s⌉. */
  readonly sliceChannels: number;
  readonly inputBytes: number;
  readonly outputBytes: number;
  /** Expanded slice (H×W) plus its depthwise result (H'×W'). */
  readonly sliceBytes: number;
  /** s ≥ 2: inputBytes + outputBytes + sliceBytes; s = 1: see peak(1) at the top of the file. */
  readonly peakBytes: number;
}

/** The peak of one block computed in `slices` slices (rule at the top of this file). */
export function slicedPeakMemory(options: SlicedMemoryOptions, slices: number): SlicedMemoryPoint {
  const size = requireInteger('size', options.size);
  const c = requireInteger('channels', options.channels);
  const t = requireInteger('expansion', options.expansion);
  const filters = requireInteger('filters', options.filters ?? c);
  const stride = requireInteger('stride', options.stride ?? 1);
  const bytes = requireInteger('bytesPerValue', options.bytesPerValue ?? 4);
  const expanded = t * c;
  requireInteger('slices', slices);
  if (slices > expanded) throw new ConvkitInputError('slices', slices, `must be at most the ${expanded} expanded channels (t·C)`);
  const outSize = Math.ceil(size / stride);
  const sliceChannels = Math.ceil(expanded / slices);
  const inputBytes = size * size * c * bytes;
  const outputBytes = outSize * outSize * filters * bytes;
  const expandedBytes = sliceChannels * size * size * bytes;
  const depthwiseBytes = sliceChannels * outSize * outSize * bytes;
  const sliceBytes = expandedBytes + depthwiseBytes;
  // Whole: the output is written only after E is freed. Sliced: the output sum lives from the first slice on.
  const peakBytes = slices === 1 ? inputBytes + Math.max(expandedBytes + depthwiseBytes, depthwiseBytes + outputBytes) : inputBytes + outputBytes + sliceBytes;
  return { slices, sliceChannels, inputBytes, outputBytes, sliceBytes, peakBytes };
}

/** The peak for each slice count: e.g. [1, t, t·C] = whole, t slices of C channels, one channel at a time. */
export function slicedPeakSweep(options: SlicedMemoryOptions, sliceCounts: readonly number[]): SlicedMemoryPoint[] {
  if (!Array.isArray(sliceCounts) || sliceCounts.length === 0) throw new ConvkitInputError('sliceCounts', sliceCounts, 'must be a non-empty array');
  return sliceCounts.map((s) => slicedPeakMemory(options, s));
}
