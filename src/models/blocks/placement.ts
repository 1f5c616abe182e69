/**
 * Where a block goes and what it adds: the BlockPlacement and BlockFragment
 * types every block builder in this folder shares, and the small helpers they
 * write their nodes with. Each builder takes the name of the node that feeds
 * it, that node's channel count, and a prefix for the names of the nodes it
 * makes; it returns those nodes in topological order, the name of the block's
 * last node and that node's channel count, so blocks chain: the output of one
 * is the input of the next.
 */
import { ConvkitInputError, requireInteger } from '../../core/errors';
import type { LayerNode, LayerSpec, Padding } from '../../core/spec';

/** What every block builder needs to know about where it goes. */
export interface BlockPlacement {
  /** Prefix of every node name the block makes, e.g. 'conv2_block1'. */
  readonly prefix: string;
  /** Name of the node (or INPUT) that feeds the block. */
  readonly input: string;
  /** Channels C of that input; residual, expansion and compression rules need it. */
  readonly inputChannels: number;
  /** Where the block sits, coarse to fine, e.g. ['dense_block_1', 'layer_3']. Default [prefix]. */
  readonly path?: readonly string[];
}

/** The nodes one block adds to a graph. */
export interface BlockFragment {
  /** In topological order; the last one is `output`. */
  readonly nodes: LayerNode[];
  /** Name of the node whose tensor leaves the block. */
  readonly output: string;
  /** Channels of that tensor. */
  readonly outputChannels: number;
}

/**
 * Collects nodes with the block's path, so each builder reads as a list of
 * layers. Shared by the family files; not part of the public API (the index
 * does not re-export it).
 */
export class FragmentWriter {
  readonly nodes: LayerNode[] = [];
  constructor(private readonly path: readonly string[]) {}

  add(name: string, layer: LayerSpec, inputs: readonly string[], extra: { sharedStorage?: boolean; path?: readonly string[] } = {}): string {
    const path = extra.path ?? this.path;
    this.nodes.push({ name, layer, inputs, path, ...(extra.sharedStorage ? { sharedStorage: true } : {}) });
    return name;
  }

  /** Appends another block's nodes and returns its output name. */
  append(fragment: BlockFragment): string {
    this.nodes.push(...fragment.nodes);
    return fragment.output;
  }

  done(output: string, outputChannels: number): BlockFragment {
    return { nodes: this.nodes, output, outputChannels };
  }
}

/** Checks the placement fields every builder shares and returns the block's path. Internal, like FragmentWriter. */
export function checkPlacement(placement: BlockPlacement): readonly string[] {
  if (typeof placement.prefix !== 'string' || placement.prefix.length === 0) {
    throw new ConvkitInputError('prefix', placement.prefix, 'must be a non-empty string');
  }
  if (typeof placement.input !== 'string' || placement.input.length === 0) {
    throw new ConvkitInputError('input', placement.input, 'must name an earlier node or the graph input');
  }
  requireInteger('inputChannels', placement.inputChannels);
  return placement.path ?? [placement.prefix];
}

/**
 * Padding for a strided layer as PyTorch and the Keras ResNet/DenseNet code
 * write it: (K - 1) / 2 zeros on every side, then no further padding. For
 * stride 1 it equals 'same'; for stride 2 on an even input it gives the same
 * output size as TF's 'same' (which pads only bottom/right), so the cost is
 * the same either way, but the numbers match the published implementations.
 */
export function symmetricPadding(kernelSize: number): Padding {
  const side = Math.floor((kernelSize - 1) / 2);
  return { top: side, bottom: side, left: side, right: side };
}
