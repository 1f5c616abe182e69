/**
 * A model's cost rolled up by stage. The zoo tags every node with the stage
 * it belongs to (`path[0]`: 'stem', 'dense_block_1', 'transition_1', …,
 * 'head' for a DenseNet, Huang et al. 2017, arXiv:1608.06993, Table 1), so
 * summing the summary's rows by that tag gives, per stage, the shapes going
 * in and out, the convolutions, the MACs and the trainable parameters.
 *
 * Which parameters: trainable ones (weights, biases, BN γ/β), the count the
 * DenseNet paper's Table 2 and torchvision's `num_params` use; BN moving
 * statistics are left out. `convkit cost` prints its own stage table
 * (src/cli/stage-table.ts), which totals all parameters and says so.
 */
import { ConvkitInputError } from '../core/errors';
import type { Shape3 } from '../core/spec';
import type { ModelSummary, SummaryRow } from './types';

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
}

/** The stage a row belongs to: the first entry of its path, or its own name when it has none. */
export function stageOf(row: SummaryRow): string {
  return row.path[0] ?? row.name;
}

const CONV_KINDS = new Set(['conv2d', 'pointwiseConv2d', 'depthwiseConv2d', 'separableConv2d']);

/** The summary's rows grouped by stage, in the order the stages first appear. */
export function rowsByStage(summary: ModelSummary): Map<string, SummaryRow[]> {
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
  return [...rowsByStage(summary)].map(([stage, rows]) => ({
    stage,
    inputShape: rows[0].inputShapes[0],
    outputShape: rows[rows.length - 1].outputShape,
    convLayers: rows.filter((row) => CONV_KINDS.has(row.kind)).length,
    macs: rows.reduce((sum, row) => sum + row.macs, 0),
    trainableParams: rows.reduce((sum, row) => sum + row.params.trainable, 0),
  }));
}
