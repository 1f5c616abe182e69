/**
 * Feature reuse, measured as in the DenseNet paper's Figure 5 (Huang et al.
 * 2017, arXiv:1608.06993, §5 "Feature Reuse"): after training, how strongly
 * does each layer of a dense block weigh the channels that come from each
 * earlier layer?
 *
 * Inside a dense block the concatenation keeps every source in its own
 * channel range: [block input: k0 | layer 1: k | layer 2: k | …]. The first
 * convolution of a layer (the 1×1 bottleneck in DenseNet-BC, the 3×3 conv in
 * a plain DenseNet) has one slice of input channels per source. The cell
 * (source s, target l) is the mean |weight| over that slice, i.e. the L1 norm
 * divided by the number of weights, so sources with more channels do not win
 * by size. The transition layer after the block is the last target, as in
 * the paper's figure. (The BN before the conv rescales channels too; like the
 * paper, we look at the conv weights only.)
 *
 * An untrained layer spreads its weight evenly too, so these cells mean
 * something only next to the same measurement on untrained copies
 * (src/lessons/resnet-densenet/reuse-baseline.ts) or on the network before
 * training (reuseChange). Lesson 08 and the feature-reuse experiment
 * (./catalogue/feature-reuse.ts) both measure with it.
 */
import type * as tf from '@tensorflow/tfjs';
import { summarize } from '../cost/summary';
import { ConvkitInputError } from '../core/errors';
import type { ModelSpec } from '../core/spec';

export interface ReuseCell {
  /** 1, 2, … */
  readonly block: number;
  /** 'layer 1', …, or 'transition'. */
  readonly target: string;
  /** 'block input' or 'layer 1', …. */
  readonly source: string;
  /** Mean |w| of the target's first conv over the source's input channels. */
  readonly meanAbsWeight: number;
}

export interface SourceSlice {
  readonly source: string;
  readonly start: number;
  readonly end: number;
}

export interface ReuseTarget {
  readonly block: number;
  readonly target: string;
  /** Node name of the conv that reads the concatenation. */
  readonly conv: string;
  readonly slices: readonly SourceSlice[];
}

const CONV_KINDS = new Set(['conv2d', 'pointwiseConv2d']);

/**
 * Which conv of `spec` reads which channels of which source: for every dense
 * block (path 'dense_block_b'), each layer's first conv and the following
 * transition's conv (path 'transition_b').
 */
export function reuseTargets(spec: ModelSpec): ReuseTarget[] {
  const rows = summarize(spec).rows;
  const targets: ReuseTarget[] = [];
  for (let block = 1; ; block++) {
    const inBlock = rows.filter((row) => row.path[0] === `dense_block_${block}`);
    if (inBlock.length === 0) break;
    const layerKeys = [...new Set(inBlock.map((row) => row.path[1]).filter((key): key is string => key?.startsWith('layer_') === true))];
    const blockInputChannels = inBlock[0].inputShapes[0][2];
    const slices: SourceSlice[] = [{ source: 'block input', start: 0, end: blockInputChannels }];
    for (const key of layerKeys) {
      const layerRows = inBlock.filter((row) => row.path[1] === key);
      const convs = layerRows.filter((row) => CONV_KINDS.has(row.kind));
      if (convs.length === 0) throw new ConvkitInputError('spec', spec.name, `dense layer ${key} of block ${block} has no convolution`);
      const reading = convs[0];
      const channels = reading.inputShapes[0][2];
      if (channels !== slices[slices.length - 1].end) {
        throw new ConvkitInputError(
          `${reading.name}.input channels`,
          channels,
          `must equal the block input plus every earlier layer (${slices[slices.length - 1].end})`,
        );
      }
      targets.push({ block, target: key.replace('layer_', 'layer '), conv: reading.name, slices: [...slices] });
      const grown = convs[convs.length - 1].outputShape[2];
      slices.push({ source: key.replace('layer_', 'layer '), start: channels, end: channels + grown });
    }
    const transition = rows.find((row) => row.path[0] === `transition_${block}` && CONV_KINDS.has(row.kind));
    if (transition) targets.push({ block, target: 'transition', conv: transition.name, slices: [...slices] });
  }
  if (targets.length === 0) throw new ConvkitInputError('spec', spec.name, 'must contain a dense block (nodes with path dense_block_1)');
  return targets;
}

/** Mean |w| over input channels [start, end) of a kernel stored [kh, kw, in, out]. */
export function meanAbsOverInputChannels(kernel: Float32Array, shape: readonly number[], start: number, end: number): number {
  const [kh, kw, inChannels, outChannels] = shape;
  if (shape.length !== 4 || kernel.length !== kh * kw * inChannels * outChannels) {
    throw new ConvkitInputError('kernel shape', [...shape], 'must be [kh, kw, in, out] matching the data');
  }
  if (!(start >= 0 && end <= inChannels && start < end)) throw new ConvkitInputError('channel slice', [start, end], `must lie within [0, ${inChannels})`);
  let sum = 0;
  for (let p = 0; p < kh * kw; p++) {
    for (let c = start; c < end; c++) {
      const offset = (p * inChannels + c) * outChannels;
      for (let m = 0; m < outChannels; m++) sum += Math.abs(kernel[offset + m]);
    }
  }
  return sum / (kh * kw * (end - start) * outChannels);
}

/** The Figure-5 cells of a trained TF.js DenseNet built from `spec` (layer names = node names). */
export function featureReuse(model: tf.LayersModel, spec: ModelSpec): ReuseCell[] {
  return reuseTargets(spec).flatMap((target) => {
    const kernel = model.getLayer(target.conv).getWeights()[0];
    const values = kernel.dataSync() as Float32Array;
    return target.slices.map((slice) => ({
      block: target.block,
      target: target.target,
      source: slice.source,
      meanAbsWeight: meanAbsOverInputChannels(values, kernel.shape, slice.start, slice.end),
    }));
  });
}

/**
 * How much a target layer weighs sources two or more layers back (the block
 * input counts as layer 0), as a share of its mean over all its sources:
 * 1 means no preference for recent sources, below 1 a preference for them,
 * above 1 for distant ones. Needs a target with at least two such sources.
 */
export function distantReuseShare(cells: readonly ReuseCell[], block: number, target: string): number {
  const row = cells.filter((c) => c.block === block && c.target === target);
  if (row.length < 3)
    throw new ConvkitInputError('target', `block ${block}, ${target}`, 'must read at least three sources (two of them two or more layers back)');
  // Sources are in concatenation order; the last one is the direct predecessor.
  const distant = row.slice(0, -1);
  const mean = (xs: readonly ReuseCell[]) => xs.reduce((sum, c) => sum + c.meanAbsWeight, 0) / xs.length;
  return mean(distant) / mean(row);
}

/**
 * distantReuseShare averaged over every target of `cells` that reads at least
 * three sources (the later layers of each block and the transitions): one
 * number for the whole network, less noisy than a single layer's.
 */
export function meanDistantReuseShare(cells: readonly ReuseCell[]): number {
  const keys = [...new Set(cells.map((c) => `${c.block}\u0000${c.target}`))];
  const shares = keys
    .map((key) => key.split('\u0000'))
    .filter(([block, target]) => cells.filter((c) => c.block === Number(block) && c.target === target).length >= 3)
    .map(([block, target]) => distantReuseShare(cells, Number(block), target));
  if (shares.length === 0) throw new ConvkitInputError('cells', cells.length, 'must contain a target that reads at least three sources');
  return shares.reduce((sum, s) => sum + s, 0) / shares.length;
}

/** A cell of "what training changed": mean |w| after training over mean |w| at initialisation. */
export interface ReuseChangeCell {
  readonly block: number;
  readonly target: string;
  readonly source: string;
  /** trained meanAbsWeight / initial meanAbsWeight: 1 = training left this source's weight where it started. */
  readonly trainedOverInitial: number;
}

/** Pairs the cells of a trained network with those of the same network at initialisation (same spec, same seed). */
export function reuseChange(trained: readonly ReuseCell[], initial: readonly ReuseCell[]): ReuseChangeCell[] {
  if (trained.length !== initial.length) throw new ConvkitInputError('initial', initial.length, `must hold as many cells as trained (${trained.length})`);
  return trained.map((cell, i) => {
    const start = initial[i];
    if (start.block !== cell.block || start.target !== cell.target || start.source !== cell.source) {
      throw new ConvkitInputError(
        `initial[${i}]`,
        `${start.block}/${start.target}/${start.source}`,
        `must be the same cell as trained[${i}] (${cell.block}/${cell.target}/${cell.source})`,
      );
    }
    return { block: cell.block, target: cell.target, source: cell.source, trainedOverInitial: cell.meanAbsWeight / start.meanAbsWeight };
  });
}
