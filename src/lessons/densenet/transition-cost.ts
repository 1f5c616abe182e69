/**
 * The transition layer between two dense blocks (Huang et al. 2017,
 * arXiv:1608.06993, §3 "Pooling layers" and "Compression"):
 * BN → ReLU → 1×1 conv to ⌊θ·C⌋ channels → 2×2 average pooling, stride 2.
 *
 * The 1×1 conv runs at the block's full resolution (the pooling comes
 * after it), so it costs H·W·C·⌊θC⌋ MACs; the pooling halves height and
 * width and costs no MACs at all (4 additions per output value, counted as
 * elementwise work). θ < 1 ("DenseNet-C"; θ = 0.5 in DenseNet-BC) also
 * shrinks the next block's input k0, and with it every layer of that block.
 */
import { summarize } from '../../cost/summary';
import { ConvkitInputError, requireInteger } from '../../core/errors';
import { denseBlockSpec, transitionSpec } from '../../models/one-block';
import type { Shape3 } from '../../core/spec';

export interface TransitionCost {
  readonly compression: number;
  readonly inputShape: Shape3;
  readonly outputShape: Shape3;
  /** The 1×1 conv's multiply-adds (the only MACs of the layer). */
  readonly macs: number;
  /** BN, ReLU and pooling work, never mixed into MACs. */
  readonly elementwiseOps: number;
  /** Conv weights + BN γ/β. */
  readonly trainableParams: number;
  /** BN moving mean and variance. */
  readonly nonTrainableParams: number;
}

/** Cost of one transition layer with compression θ on a block output `input`. */
export function transitionCost(input: Shape3, compression = 0.5): TransitionCost {
  const summary = summarize(transitionSpec(input, { compression }));
  return {
    compression,
    inputShape: summary.input,
    outputShape: summary.rows[summary.rows.length - 1].outputShape,
    macs: summary.macs,
    elementwiseOps: summary.elementwiseOps,
    trainableParams: summary.params.trainable,
    nonTrainableParams: summary.params.nonTrainable,
  };
}

/** A transition with compression θ and the dense block after it. */
export interface CompressionEffect {
  readonly compression: number;
  /** Channels the transition passes on: the next block's k0. */
  readonly nextBlockInputChannels: number;
  readonly nextBlockOutputChannels: number;
  readonly transitionMacs: number;
  readonly nextBlockMacs: number;
  readonly transitionParams: number;
  readonly nextBlockParams: number;
}

/** What the compression θ does to the transition and to the next block (bottleneck layers, as in DenseNet-BC). */
export function compressionEffect(
  blockOutput: Shape3,
  compressions: readonly number[],
  nextBlock: { readonly layers: number; readonly growthRate: number },
): CompressionEffect[] {
  if (!Array.isArray(compressions) || compressions.length === 0) {
    throw new ConvkitInputError('compressions', compressions, 'must be a non-empty array of numbers in (0, 1]');
  }
  const layers = requireInteger('nextBlock.layers', nextBlock.layers);
  const growthRate = requireInteger('nextBlock.growthRate', nextBlock.growthRate);
  return compressions.map((theta) => {
    const transition = transitionCost(blockOutput, theta);
    const block = summarize(denseBlockSpec(transition.outputShape, { layers, growthRate, bottleneck: true }));
    return {
      compression: theta,
      nextBlockInputChannels: transition.outputShape[2],
      nextBlockOutputChannels: block.rows[block.rows.length - 1].outputShape[2],
      transitionMacs: transition.macs,
      nextBlockMacs: block.macs,
      transitionParams: transition.trainableParams,
      nextBlockParams: block.params.trainable,
    };
  });
}
