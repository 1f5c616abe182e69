/**
 * Which output channels depend on which input channels? Switch one input
 * channel off (set it to zero), run the layer again, and see which output
 * channels change. Lesson 02 shows with it that a depthwise convolution never
 * mixes channels (only the diagonal lights up), while a standard or a
 * pointwise convolution mixes all of them (every cell lights up).
 *
 * Runs on the reference layers, so it works for any spec with its weights.
 */
import { ConvkitInputError } from '../../core/errors';
import type { LayerSpec } from '../../core/spec';
import { runLayer } from '../../layers/reference/run-layer';
import { checkTensor, type Tensor3 } from '../../core/tensor';
import type { LayerWeights } from '../../layers/reference/weights';
import { withChannelsZeroed } from './feature-maps';

/** One cell of the dependence matrix. */
export interface ChannelDependence {
  readonly inputChannel: number;
  readonly outputChannel: number;
  /** Largest change of the output channel when the input channel is zeroed. */
  readonly maxChange: number;
  /** maxChange > threshold. */
  readonly depends: boolean;
}

/**
 * For every (input channel, output channel) pair: does zeroing the input
 * channel change the output channel? `threshold` (default 1e-6) absorbs
 * float rounding. Returns C_in·C_out rows, input channel major.
 */
export function channelDependence(spec: LayerSpec, input: Tensor3, weights: LayerWeights, threshold = 1e-6): ChannelDependence[] {
  checkTensor('input', input);
  if (!(typeof threshold === 'number' && threshold >= 0)) throw new ConvkitInputError('threshold', threshold, 'must be a number >= 0');
  const baseline = runLayer(spec, [input], weights).output;
  const outChannels = baseline.shape[2];
  const rows: ChannelDependence[] = [];
  for (let i = 0; i < input.shape[2]; i++) {
    const changed = runLayer(spec, [withChannelsZeroed(input, [i])], weights).output;
    const change = new Float64Array(outChannels);
    for (let k = 0; k < baseline.data.length; k++) {
      const o = k % outChannels;
      change[o] = Math.max(change[o], Math.abs(baseline.data[k] - changed.data[k]));
    }
    for (let o = 0; o < outChannels; o++) {
      rows.push({ inputChannel: i, outputChannel: o, maxChange: change[o], depends: change[o] > threshold });
    }
  }
  return rows;
}

/** The dependence as a 0/1 grid, grid[output][input] — easy to print or assert on. */
export function dependenceGrid(rows: readonly ChannelDependence[]): number[][] {
  const outputs = 1 + Math.max(...rows.map((r) => r.outputChannel));
  const inputs = 1 + Math.max(...rows.map((r) => r.inputChannel));
  const grid = Array.from({ length: outputs }, () => new Array<number>(inputs).fill(0));
  for (const r of rows) grid[r.outputChannel][r.inputChannel] = r.depends ? 1 : 0;
  return grid;
}
