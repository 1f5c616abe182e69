/**
 * A DenseNet end to end, stage by stage: stem, dense block 1, transition 1,
 * …, dense block 4, head (Huang et al. 2017, arXiv:1608.06993, Table 1).
 * The zoo tags every node with its stage (`path[0]`), so rolling the
 * cost model's rows up by that tag gives, per stage, the shapes going in and
 * out, the MACs and the trainable parameters — and, split by what kind of
 * layer did the work, the stacked bars of lesson 07.
 *
 * Which parameters: trainable ones (weights, biases, BN γ/β), the count the
 * DenseNet paper's Table 2 and torchvision's `num_params` use. BN moving
 * statistics are left out. The field is named `trainableParams` so a table
 * built from these rows labels its column precisely; `convkit cost --stages`
 * (src/cli/stage-table.ts) sums total parameters instead and says so.
 */
import type { ModelSummary, SummaryRow } from '../../cost/types';
import { ConvkitInputError } from '../../core/errors';
import type { Shape3 } from '../../core/spec';

export interface StageSummary {
  /** 'stem', 'dense_block_1', 'transition_1', …, 'head'. */
  readonly stage: string;
  readonly inputShape: Shape3;
  readonly outputShape: Shape3;
  /** Convolution layers in the stage (each dense layer of DenseNet-BC has two). */
  readonly convLayers: number;
  readonly macs: number;
  /** Trainable parameters (weights, biases, BN γ/β); BN moving mean/variance are not included. */
  readonly trainableParams: number;
  /**
   * The same number as `trainableParams`, under the name the lessons first used.
   * @deprecated Read `trainableParams`: "params" does not say which parameters.
   */
  readonly params: number;
}

/** Column labels for a per-stage table, saying exactly what each number sums. */
export const STAGE_COLUMN_LABELS = {
  stage: 'stage',
  inputShape: 'input',
  outputShape: 'output',
  convLayers: 'conv layers',
  macs: 'MACs',
  trainableParams: 'trainable params',
} as const;

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
  return [...groupByStage(summary)].map(([stage, rows]) => {
    const trainableParams = rows.reduce((sum, row) => sum + row.params.trainable, 0);
    return {
      stage,
      inputShape: rows[0].inputShapes[0],
      outputShape: rows[rows.length - 1].outputShape,
      convLayers: rows.filter((row) => CONV_KINDS.has(row.kind)).length,
      macs: rows.reduce((sum, row) => sum + row.macs, 0),
      trainableParams,
      params: trainableParams,
    };
  });
}

/**
 * The per-stage rows as a table with precise column labels (see
 * STAGE_COLUMN_LABELS), ready for showTable / a notebook: shapes as "H×W×C".
 */
export function stageTableRows(summary: ModelSummary): Record<string, string | number>[] {
  return stageSummaries(summary).map((s) => ({
    [STAGE_COLUMN_LABELS.stage]: s.stage,
    [STAGE_COLUMN_LABELS.inputShape]: s.inputShape.join('×'),
    [STAGE_COLUMN_LABELS.outputShape]: s.outputShape.join('×'),
    [STAGE_COLUMN_LABELS.convLayers]: s.convLayers,
    [STAGE_COLUMN_LABELS.macs]: s.macs,
    [STAGE_COLUMN_LABELS.trainableParams]: s.trainableParams,
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

/** One segment of a stacked bar: a stage's MACs and trainable parameters from one role. */
export interface StagePart {
  readonly stage: string;
  readonly role: string;
  readonly macs: number;
  /** Trainable parameters (weights, biases, BN γ/β) of the role in the stage. */
  readonly trainableParams: number;
  /**
   * The same number as `trainableParams`.
   * @deprecated Read `trainableParams`.
   */
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
      if (macs > 0 || params > 0) parts.push({ stage, role, macs, trainableParams: params, params });
    }
  }
  return parts;
}
