/**
 * Who feeds whom: the connection matrix of a block, read off the spec graph.
 *
 * A "unit" is one step that makes new features: a ResNet basic block's
 * residual branch F (3×3 → BN → ReLU → 3×3 → BN), or a dense layer H_l. For
 * every unit we follow its input back through the parameter-free nodes (add,
 * concat, activation, zero-pad shortcut) until we reach the output of an
 * earlier unit or the block input, and note HOW that source arrives:
 *
 *   'concat'  kept as its own channels: the unit can weigh it separately
 *             (DenseNet: x_l = H_l([x_0, x_1, …, x_{l-1}]), Huang et al. 2017,
 *             arXiv:1608.06993, eq. 2)
 *   'sum'     added into one tensor with others: the unit sees only the sum
 *             (ResNet: x_l = F(x_{l-1}) + x_{l-1}, He et al. 2016,
 *             arXiv:1512.03385, eq. 1; the ReLU after the add is passed
 *             through too, as in the original basic block)
 *   'none'    no path
 *
 * Counting the tensors each unit reads gives the DenseNet paper's L(L+1)/2
 * direct connections for a dense block of L layers against L for a chain.
 */
import { ConvkitInputError } from '../core/errors';
import { resNetBasicBlock } from './blocks';
import { INPUT, type LayerNode, type ModelSpec, type Shape3 } from '../core/spec';
import { validateShape } from '../core/output-shape';

export type Connection = 'concat' | 'sum' | 'none';

/** A unit: the node where it starts reading, and the node that holds its new features. */
export interface Unit {
  readonly label: string;
  /** First node of the unit (it reads the unit's input). */
  readonly reader: string;
  /** Node whose output is the unit's new features. */
  readonly output: string;
}

export interface ConnectionCell {
  /** The unit that reads. */
  readonly target: string;
  /** 'block input' or an earlier unit. */
  readonly source: string;
  readonly via: Connection;
}

const PASS_THROUGH = new Set(['add', 'concat', 'activation', 'zeroPadShortcut']);
export const BLOCK_INPUT = 'block input';

/**
 * The connection matrix of `units` in `spec`: one cell per (target, source)
 * with source = the block input or an earlier unit, row by row.
 */
export function connectionMatrix(spec: ModelSpec, units: readonly Unit[]): ConnectionCell[] {
  const byName = new Map<string, LayerNode>(spec.nodes.map((node) => [node.name, node]));
  const unitOf = new Map<string, string>(units.map((unit) => [unit.output, unit.label]));
  for (const unit of units) {
    for (const name of [unit.reader, unit.output]) {
      if (!byName.has(name)) throw new ConvkitInputError(`units[${unit.label}]`, name, `must name a node of ${spec.name}`);
    }
  }
  const cells: ConnectionCell[] = [];
  units.forEach((unit, index) => {
    const found = new Map<string, Connection>();
    const visit = (name: string, viaSum: boolean): void => {
      const label = name === INPUT ? BLOCK_INPUT : unitOf.get(name);
      if (label !== undefined) {
        // A source reached both ways counts as its stronger form: kept apart beats summed.
        if (found.get(label) !== 'concat') found.set(label, viaSum ? 'sum' : 'concat');
        return;
      }
      const node = byName.get(name);
      if (node === undefined || !PASS_THROUGH.has(node.layer.kind)) {
        throw new ConvkitInputError(`units[${unit.label}]`, name, 'reads a layer with weights that is no unit output; list every unit');
      }
      for (const source of node.inputs) visit(source, viaSum || node.layer.kind === 'add');
    };
    const reader = byName.get(unit.reader) as LayerNode;
    for (const source of reader.inputs) visit(source, false);
    for (const source of [BLOCK_INPUT, ...units.slice(0, index).map((u) => u.label)]) {
      cells.push({ target: unit.label, source, via: found.get(source) ?? 'none' });
    }
  });
  return cells;
}

/**
 * Tensors the units read, summed over units: each 'concat' source is a
 * tensor of its own; all 'sum' sources of a unit arrive as ONE tensor.
 */
export function directConnections(cells: readonly ConnectionCell[]): number {
  const targets = [...new Set(cells.map((c) => c.target))];
  return targets.reduce((total, target) => {
    const row = cells.filter((c) => c.target === target);
    const kept = row.filter((c) => c.via === 'concat').length;
    const summed = row.some((c) => c.via === 'sum') ? 1 : 0;
    return total + kept + summed;
  }, 0);
}

/** Units of a dense block spec: each dense layer, from its first BN to its last conv (path [..., 'layer_l']). */
export function denseBlockUnits(spec: ModelSpec): Unit[] {
  const layers = new Map<string, LayerNode[]>();
  for (const node of spec.nodes) {
    const key = node.path?.[node.path.length - 1];
    if (key === undefined || !key.startsWith('layer_') || node.layer.kind === 'concat') continue;
    const nodes = layers.get(key) ?? [];
    nodes.push(node);
    layers.set(key, nodes);
  }
  return [...layers.entries()].map(([key, nodes]) => ({
    label: key.replace('layer_', 'layer '),
    reader: nodes[0].name,
    output: nodes[nodes.length - 1].name,
  }));
}

/** Units of a chain of ResNet basic blocks: each block's residual branch, from `_1_conv` to `_2_bn`. */
export function resNetChainUnits(spec: ModelSpec): Unit[] {
  return spec.nodes
    .filter((node) => node.name.endsWith('_1_conv'))
    .map((node, index) => {
      const prefix = node.name.slice(0, -'_1_conv'.length);
      return { label: `block ${index + 1}`, reader: node.name, output: `${prefix}_2_bn` };
    });
}

/** `blocks` ResNet basic blocks in a row at the input's width and size (identity shortcuts). */
export function resNetChainSpec(input: Shape3, blocks: number): ModelSpec {
  const shape = validateShape('input', input);
  if (!Number.isInteger(blocks) || blocks < 1) throw new ConvkitInputError('blocks', blocks, 'must be a positive integer');
  const nodes: LayerNode[] = [];
  let x = INPUT;
  for (let b = 1; b <= blocks; b++) {
    const block = resNetBasicBlock({ prefix: `conv2_block${b}`, input: x, inputChannels: shape[2], filters: shape[2], path: [`block_${b}`] });
    nodes.push(...block.nodes);
    x = block.output;
  }
  return { name: `resnet chain (${blocks} basic blocks)`, input: shape, nodes };
}
