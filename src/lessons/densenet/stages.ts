/**
 * A DenseNet end to end, stage by stage: stem, dense block 1, transition 1,
 * …, dense block 4, head (Huang et al. 2017, arXiv:1608.06993, Table 1).
 * The zoo tags every node with its stage (`path[0]`), so rolling the
 * cost model's rows up by that tag gives, per stage, the shapes going in and
 * out, the MACs and the parameters — and, split by what kind of layer did
 * the work, the stacked bars of lesson 07.
 */
import type { ModelSummary, SummaryRow } from '../../cost/types';
import { ConvkitInputError } from '../../errors';
import type { Shape3 } from '../../models/spec';

export interface StageSummary {
  /** 'stem', 'dense_block_1', 'transition_1', …, 'head'. */
  readonly stage: string;
  readonly inputShape: Shape3;
  readonly outputShape: Shape3;
  /** Convolution layers in the stage (each dense layer of DenseNet-BC has two). */
  readonly convLayers: number;
  readonly macs: number;
  /** Trainable parameters (weights, biases, BN γ/β). */
  readonly params: number;
}

function stageOf(row: SummaryRow): string {
  return row.path[0] ?? row.name;
}

const CONV_KINDS = new Set(['conv2d', 'pointwiseConv2d', 'depthwiseConv2d', 'separableConv2d']);

/** Rows grouped by stage, in the order stages first appear. */
function groupByStage(summary: ModelSummary): Map<string, SummaryRow[]> {
  if (!summary || !Array.isArray(summary.rows) || summary.rows.length === 0) {
    throw new ConvkitInputError('summary', summary?.model, 'must be a model summary with rows (from summarize)');
  }
  const groups = new Map<string, SummaryRow[]>();
  for (const row of summary.rows) {
    const key = stageOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** One row per stage: shapes in and out, convolutions, MACs, trainable parameters. */
export function stageSummaries(summary: ModelSummary): StageSummary[] {
  return [...groupByStage(summary)].map(([stage, rows]) => ({
    stage,
    inputShape: rows[0].inputShapes[0],
    outputShape: rows[rows.length - 1].outputShape,
    convLayers: rows.filter((row) => CONV_KINDS.has(row.kind)).length,
    macs: rows.reduce((sum, row) => sum + row.macs, 0),
    params: rows.reduce((sum, row) => sum + row.params.trainable, 0),
  }));
}

/** What did the work in a layer, in the words of the lesson (short: the labels go into a chart legend). */
export function layerRole(row: SummaryRow): string {
  const stage = stageOf(row);
  switch (row.kind) {
    case 'conv2d':
      return stage === 'stem' ? 'stem conv' : '3×3 conv';
    case 'pointwiseConv2d':
      return stage.startsWith('transition') ? '1×1 transition' : '1×1 bottleneck';
    case 'dense':
      return 'classifier (FC)';
    case 'batchNorm':
      return 'BN γ, β';
    default:
      return 'no MACs or parameters';
  }
}

/** One segment of a stacked bar: a stage's MACs and parameters from one role. */
export interface StagePart {
  readonly stage: string;
  readonly role: string;
  readonly macs: number;
  readonly params: number;
}

/** Per stage and role, the MACs and trainable parameters; parts with neither are left out. */
export function stageComposition(summary: ModelSummary): StagePart[] {
  const parts: StagePart[] = [];
  for (const [stage, rows] of groupByStage(summary)) {
    const byRole = new Map<string, { macs: number; params: number }>();
    for (const row of rows) {
      const role = layerRole(row);
      const entry = byRole.get(role) ?? { macs: 0, params: 0 };
      entry.macs += row.macs;
      entry.params += row.params.trainable;
      byRole.set(role, entry);
    }
    for (const [role, { macs, params }] of byRole) {
      if (macs > 0 || params > 0) parts.push({ stage, role, macs, params });
    }
  }
  return parts;
}
