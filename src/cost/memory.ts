/**
 * Memory of one forward (inference) and one training pass, batch of one.
 *
 * The rules, each a few lines below:
 *
 * - weightsBytes: every parameter (trainable and not) × bytes per element.
 * - Intermediate maps: a node may materialise a tensor inside itself besides
 *   its output. Only a depthwise separable convolution does: its depthwise
 *   step writes an Hout×Wout×(C·d) map that its pointwise step reads
 *   (LayerCost.intermediateBytes). Such a map counts like an output in every
 *   figure below, so one separableConv2d layer costs the same memory as the
 *   depthwise + pointwise pair MobileNet builds (Howard et al. 2017, Fig. 3),
 *   not less.
 * - activationsBytes: the sum of every node's output and intermediate map;
 *   the input is not included.
 * - peakInferenceBytes: walk the nodes in order. A tensor (the input or a
 *   node's output) is live from its creation until the last node that reads
 *   it has run. While a node runs, its inputs, its intermediate map and its
 *   output are live together (the caller still holds the inputs while the
 *   layer works), with everything else still awaited later; the
 *   intermediate dies when its node ends. The peak is the largest such
 *   total. An output nobody reads (e.g. the model's output) is live while
 *   its node runs and, for the last node, at the end.
 * - trainingBytes: the backward pass of a layer needs its input (to get the
 *   weight gradient) or its output (e.g. ReLU), so a plain framework keeps
 *   every tensor of the forward pass: the input plus every node output and
 *   every intermediate map (the pointwise step's weight gradient needs the
 *   depthwise result). In-place ops and recomputation are not modelled, so
 *   this is the straightforward, upper-bound figure.
 * - sharedStorageTrainingBytes (only for graphs with nodes marked
 *   `sharedStorage`; Pleiss et al. 2017, "Memory-Efficient Implementation of
 *   DenseNets", §3-4): the marked tensors are not kept per layer. Concat
 *   outputs all live in one shared buffer, and the BN/ReLU outputs computed
 *   from them in a second shared buffer (ReLU runs in place on it); the
 *   backward pass recomputes them into the same buffers. Each buffer is as
 *   large as the largest tensor it ever holds. So the figure is
 *   trainingBytes − (every marked output) + max(marked concat outputs)
 *   + max(other marked outputs). In a dense block the concatenations grow
 *   linearly with depth, so their sum grows quadratically; with sharing only
 *   the linear new features and one largest buffer of each sort remain.
 */
import { ConvkitInputError } from '../core/errors';
import type { LayerKind } from '../core/spec';
import type { MemoryReport } from './types';

/** One tensor-producing node, as the memory walk sees it. */
export interface MemoryNode {
  readonly name: string;
  readonly kind: LayerKind;
  /** Names of earlier nodes or the graph input. */
  readonly inputs: readonly string[];
  readonly outputBytes: number;
  /** A map the node materialises inside itself (separable conv: the depthwise result). Default 0. */
  readonly intermediateBytes?: number;
  readonly weightBytes: number;
  readonly sharedStorage?: boolean;
}

/** A graph reduced to what memory needs: tensor sizes and who reads whom. */
export interface MemoryGraph {
  /** Name of the input tensor (INPUT from spec.ts). */
  readonly inputName: string;
  readonly inputBytes: number;
  /** In topological order; names unique and inputs earlier (summarize validates this). */
  readonly nodes: readonly MemoryNode[];
}

/**
 * The index of the last node reading each tensor; a tensor no node reads
 * maps to the index of its own creation (-1 for the input).
 */
function lastUses(graph: MemoryGraph): Map<string, number> {
  const last = new Map<string, number>();
  last.set(graph.inputName, -1);
  graph.nodes.forEach((node, i) => {
    last.set(node.name, i);
  });
  graph.nodes.forEach((node, i) => {
    for (const input of node.inputs) last.set(input, i);
  });
  return last;
}

/** A byte count of a memory graph: finite, >= 0 and below 2^53 (so every sum is exact). */
function requireBytes(field: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > Number.MAX_SAFE_INTEGER) {
    throw new ConvkitInputError(field, value, 'must be a number of bytes >= 0 and below 2^53');
  }
  return value;
}

/**
 * Checks a hand-made graph as summarize checks a model (both functions here
 * are exported): names unique, inputs earlier, every byte count a number
 * >= 0. Throws ConvkitInputError naming the node and field.
 */
export function validateMemoryGraph(graph: MemoryGraph): MemoryGraph {
  if (typeof graph !== 'object' || graph === null) {
    throw new ConvkitInputError('graph', graph, 'must be a MemoryGraph {inputName, inputBytes, nodes}');
  }
  if (typeof graph.inputName !== 'string' || graph.inputName.length === 0) {
    throw new ConvkitInputError('inputName', graph.inputName, 'must be a non-empty string');
  }
  requireBytes('inputBytes', graph.inputBytes);
  if (!Array.isArray(graph.nodes)) throw new ConvkitInputError('nodes', graph.nodes, 'must be an array of memory nodes');
  const known = new Set<string>([graph.inputName]);
  graph.nodes.forEach((node: MemoryNode, i: number) => {
    if (typeof node !== 'object' || node === null) throw new ConvkitInputError(`nodes[${i}]`, node, 'must be a memory node');
    if (typeof node.name !== 'string' || node.name.length === 0 || known.has(node.name)) {
      throw new ConvkitInputError(`nodes[${i}].name`, node.name, 'must be a non-empty name, unique in the graph');
    }
    if (!Array.isArray(node.inputs) || node.inputs.some((input) => !known.has(input))) {
      throw new ConvkitInputError(`${node.name}.inputs`, node.inputs, 'must list the input or earlier nodes');
    }
    requireBytes(`${node.name}.outputBytes`, node.outputBytes);
    requireBytes(`${node.name}.weightBytes`, node.weightBytes);
    if (node.intermediateBytes !== undefined) requireBytes(`${node.name}.intermediateBytes`, node.intermediateBytes);
    known.add(node.name);
  });
  return graph;
}

/** Peak live bytes over one forward pass (rule at the top of this file). */
export function peakInferenceBytes(graph: MemoryGraph): number {
  validateMemoryGraph(graph);
  const last = lastUses(graph);
  const bytesOf = new Map<string, number>([[graph.inputName, graph.inputBytes]]);
  // Tensors to free after node i, listed by i.
  const freeAfter = new Map<number, string[]>();
  const schedule = (name: string): void => {
    const i = last.get(name) ?? -1;
    const list = freeAfter.get(i);
    if (list) list.push(name);
    else freeAfter.set(i, [name]);
  };
  let live = graph.inputBytes;
  let peak = live;
  schedule(graph.inputName);
  graph.nodes.forEach((node, i) => {
    bytesOf.set(node.name, node.outputBytes);
    live += node.outputBytes;
    // The intermediate map lives only while its node runs.
    peak = Math.max(peak, live + (node.intermediateBytes ?? 0));
    // The last node's output is the result: it stays.
    if (i < graph.nodes.length - 1) schedule(node.name);
    for (const name of freeAfter.get(i) ?? []) live -= bytesOf.get(name) ?? 0;
  });
  return peak;
}

/** Memory report of a graph (rules at the top of this file). */
export function memoryReport(graph: MemoryGraph): MemoryReport {
  validateMemoryGraph(graph);
  let weightsBytes = 0;
  let activationsBytes = 0;
  let sharedBytes = 0;
  let largestSharedConcat = 0;
  let largestSharedOther = 0;
  let anyShared = false;
  for (const node of graph.nodes) {
    weightsBytes += node.weightBytes;
    activationsBytes += node.outputBytes + (node.intermediateBytes ?? 0);
    if (node.sharedStorage) {
      anyShared = true;
      sharedBytes += node.outputBytes;
      if (node.kind === 'concat') largestSharedConcat = Math.max(largestSharedConcat, node.outputBytes);
      else largestSharedOther = Math.max(largestSharedOther, node.outputBytes);
    }
  }
  const trainingBytes = graph.inputBytes + activationsBytes;
  const report: MemoryReport = {
    weightsBytes,
    activationsBytes,
    peakInferenceBytes: peakInferenceBytes(graph),
    trainingBytes,
  };
  if (!anyShared) return report;
  return {
    ...report,
    sharedStorageTrainingBytes: trainingBytes - sharedBytes + largestSharedConcat + largestSharedOther,
  };
}
