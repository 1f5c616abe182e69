/**
 * A whole-model summary, like Keras model.summary() or torchinfo:
 *
 *   ModelSpec ──validate graph──► for each node in order:
 *       input shapes (by name) ──layerCost──► one row
 *   rows ──sum──► totals (flops = 2 × macs)   rows ──memory.ts──► MemoryReport
 *
 * One pass over the nodes with a name → shape map, so DenseNet-264's ~1000
 * nodes take a few milliseconds (bench/cost.bench.ts).
 */
import { ConvkitInputError } from '../core/errors';
import { normalizeLayer } from '../core/defaults';
import { INPUT, type ModelSpec, type Shape3 } from '../core/spec';
import { bytesPerElementOf, exact, exactBytes, normalizedLayerCost, paramCount, type CostOptions } from './layer-cost';
import { memoryReport, type MemoryGraph } from './memory';
import { validateShape } from '../core/output-shape';
import { TOTALS, type ModelSummary, type SummaryRow } from './types';

export type SummaryOptions = CostOptions;

/** Re-throws a node's input error with the node's name in front of the field. */
function inNode<T>(nodeName: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ConvkitInputError) {
      throw new ConvkitInputError(`${nodeName}.${error.field}`, error.value, error.rule);
    }
    throw error;
  }
}

function exactParams(params: ModelSummary['params']): ModelSummary['params'] {
  exact(`${TOTALS}.params`, params.total);
  return params;
}

/**
 * Validates the graph and sums the cost of every node. Errors name the node:
 * duplicate or missing names, inputs that do not exist or come later, and
 * every layer error (prefixed with the node's name, e.g.
 * `conv1.strides = 0: must be a positive integer`).
 */
export function summarize(model: ModelSpec, options?: SummaryOptions): ModelSummary {
  const bytesPerElement = bytesPerElementOf(options);
  if (typeof model !== 'object' || model === null) {
    throw new ConvkitInputError('model', model, 'must be a ModelSpec {name, input, nodes}');
  }
  const input = validateShape('input', model.input);
  if (!Array.isArray(model.nodes) || model.nodes.length === 0) {
    throw new ConvkitInputError('nodes', model.nodes, 'must be a non-empty array of layer nodes');
  }
  const shapes = new Map<string, Shape3>([[INPUT, input]]);
  const rows: SummaryRow[] = [];
  let macs = 0;
  let elementwiseOps = 0;
  let trainable = 0;
  let nonTrainable = 0;
  model.nodes.forEach((node, index) => {
    const name: unknown = node?.name;
    if (typeof name !== 'string' || name.length === 0) {
      throw new ConvkitInputError(`nodes[${index}].name`, name, 'must be a non-empty string');
    }
    if (shapes.has(name)) {
      const rule = name === INPUT ? `is reserved for the model input` : 'must be unique in the model';
      throw new ConvkitInputError(`nodes[${index}].name`, name, rule);
    }
    if (!Array.isArray(node.inputs) || node.inputs.length === 0) {
      throw new ConvkitInputError(`${name}.inputs`, node.inputs, 'must list at least one earlier node or "input"');
    }
    const inputShapes = (node.inputs as readonly string[]).map((source: string) => {
      const shape = shapes.get(source);
      if (shape === undefined) {
        throw new ConvkitInputError(`${name}.inputs`, source, 'must name the model input or an earlier node');
      }
      return shape;
    });
    const cost = inNode(name, () => normalizedLayerCost(normalizeLayer(node.layer), inputShapes, bytesPerElement));
    shapes.set(name, cost.outputShape);
    macs += cost.macs;
    elementwiseOps += cost.elementwiseOps;
    trainable += cost.params.trainable;
    nonTrainable += cost.params.nonTrainable;
    rows.push({ ...cost, name, inputs: node.inputs, path: node.path ?? [], layer: node.layer });
  });
  const graph: MemoryGraph = {
    inputName: INPUT,
    inputBytes: exactBytes('inputBytes', exact('inputElements', input[0] * input[1] * input[2]) * bytesPerElement),
    nodes: rows.map((row, i) => ({
      name: row.name,
      kind: row.kind,
      inputs: row.inputs,
      outputBytes: row.outputBytes,
      intermediateBytes: row.intermediateBytes,
      weightBytes: row.weightBytes,
      sharedStorage: model.nodes[i].sharedStorage === true,
    })),
  };
  // Each layer's counts are exact (layer-cost.ts); their sums must be too.
  const totals = {
    macs: exact(`${TOTALS}.macs`, macs),
    flops: exact(`${TOTALS}.flops`, 2 * macs),
    elementwiseOps: exact(`${TOTALS}.elementwiseOps`, elementwiseOps),
    params: exactParams(paramCount(exact(`${TOTALS}.params`, trainable), exact(`${TOTALS}.params`, nonTrainable))),
  };
  const memory = memoryReport(graph);
  for (const [field, bytes] of Object.entries(memory)) exactBytes(`${TOTALS}.${field}`, bytes as number);
  return { model: String(model.name), input, rows, ...totals, memory };
}
