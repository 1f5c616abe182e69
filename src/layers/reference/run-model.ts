/**
 * A whole model spec run through the reference loops, layer by layer, in the
 * graph's (topological) order — the "counted by executing" check at the
 * scale of MobileNet, ResNet or DenseNet: the multiply-adds the loops count,
 * summed over all layers, must equal the cost model's summary of the same spec.
 *
 *   for each node:  inputs = outputs of node.inputs (or the image for 'input')
 *                   output, macs = runLayer(node.layer, inputs, weights)
 *
 * Weights come from `options.weights[node.name]` or, by default, seeded
 * LeCun-scaled random values (weights.ts), so any zoo model can run without
 * training. A tensor is dropped after its last use, as a framework would.
 */
import { ConvkitInputError } from '../../core/errors';
import { INPUT, type LayerKind, type ModelSpec, type Shape3 } from '../../core/spec';
import { runLayer } from './run-layer';
import { checkTensor, type Tensor3 } from '../../core/tensor';
import { randomWeights, type LayerWeights } from './weights';

export interface RunModelOptions {
  /** Weights by node name; nodes without an entry get seeded random weights. */
  readonly weights?: Readonly<Record<string, LayerWeights>>;
  /** Seed of the random weights (node i uses seed + i). Default 0. */
  readonly seed?: number;
}

/** What one node did. */
export interface LayerRun {
  readonly name: string;
  readonly kind: LayerKind;
  readonly outputShape: Shape3;
  /** Multiply-adds counted while the node's loops ran. */
  readonly macs: number;
}

export interface ModelRun {
  /** The last node's output. */
  readonly output: Tensor3;
  /** Sum of every node's counted multiply-adds. */
  readonly macs: number;
  readonly layers: readonly LayerRun[];
}

/** Runs every node of `model` on `input` (whose shape must be model.input). */
export function runModel(model: ModelSpec, input: Tensor3, options: RunModelOptions = {}): ModelRun {
  checkTensor('input', input);
  if (input.shape.some((size, axis) => size !== model.input[axis])) {
    throw new ConvkitInputError('input.shape', [...input.shape], `must equal the model's input shape [${model.input.join(', ')}]`);
  }
  if (model.nodes.length === 0) throw new ConvkitInputError('model.nodes', 0, 'must hold at least one layer');
  const seed = options.seed ?? 0;

  // Index of the last node that reads each tensor, so it can be dropped afterwards.
  const lastUse = new Map<string, number>();
  model.nodes.forEach((node, i) => node.inputs.forEach((name) => lastUse.set(name, i)));

  const live = new Map<string, Tensor3>([[INPUT, input]]);
  const layers: LayerRun[] = [];
  let macs = 0;
  let output = input;
  model.nodes.forEach((node, i) => {
    const inputs = node.inputs.map((name, k) => {
      const tensor = live.get(name);
      if (!tensor) {
        throw new ConvkitInputError(`nodes[${i}].inputs[${k}]`, name, `must name the input or an earlier node of ${model.name}`);
      }
      return tensor;
    });
    const shapes = inputs.map((t) => t.shape);
    const weights = options.weights?.[node.name] ?? randomWeights(node.layer, shapes, seed + i, 'lecun');
    const result = runLayer(node.layer, inputs, weights);
    macs += result.macs;
    layers.push({ name: node.name, kind: node.layer.kind, outputShape: result.output.shape, macs: result.macs });
    live.set(node.name, result.output);
    for (const name of node.inputs) if (lastUse.get(name) === i) live.delete(name);
    output = result.output;
  });
  return { output, macs, layers };
}
