/**
 * A DenseNet end to end, stage by stage, as lesson 07 shows it: stem, dense
 * block 1, transition 1, …, dense block 4, head (Huang et al. 2017,
 * arXiv:1608.06993, Table 1). The roll-up itself is the cost model's
 * (src/cost/stages.ts); here it becomes the lesson's table, with each
 * stage's share of the model's MACs and trainable parameters, and the
 * stacked bars that split each stage by what kind of layer did the work.
 *
 * Parameters are trainable ones (weights, biases, BN γ/β), and the columns
 * say so.
 */
import type { ModelSummary, SummaryRow } from '../../cost/types';
import { rowsByStage, stageOf, stageSummaries } from '../../cost/stages';

export { stageSummaries, type StageSummary } from '../../cost/stages';

/** Column labels of the per-stage table, saying exactly what each number sums. */
export const STAGE_COLUMN_LABELS = {
  stage: 'stage',
  inputShape: 'input',
  outputShape: 'output',
  convLayers: 'conv layers',
  macsMillions: 'MACs (millions)',
  macsShare: 'MACs share',
  trainableParams: 'trainable params',
  trainableParamsShare: 'params share',
} as const;

/** part / whole as a percentage with one decimal, e.g. "12.5%". */
const share = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)}%`;

/**
 * The per-stage table of a model, ready for showTable: shapes as "H×W×C",
 * MACs in millions (one decimal) and as a share of the model's, trainable
 * parameters and their share of the model's trainable parameters.
 */
export function stageTableRows(summary: ModelSummary): Record<string, string | number>[] {
  return stageSummaries(summary).map((s) => ({
    [STAGE_COLUMN_LABELS.stage]: s.stage,
    [STAGE_COLUMN_LABELS.inputShape]: s.inputShape.join('×'),
    [STAGE_COLUMN_LABELS.outputShape]: s.outputShape.join('×'),
    [STAGE_COLUMN_LABELS.convLayers]: s.convLayers,
    [STAGE_COLUMN_LABELS.macsMillions]: Number((s.macs / 1e6).toFixed(1)),
    [STAGE_COLUMN_LABELS.macsShare]: share(s.macs, summary.macs),
    [STAGE_COLUMN_LABELS.trainableParams]: s.trainableParams,
    [STAGE_COLUMN_LABELS.trainableParamsShare]: share(s.trainableParams, summary.params.trainable),
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
}

/** Per stage and role, the MACs and trainable parameters; parts with neither are left out. */
export function stageComposition(summary: ModelSummary): StagePart[] {
  const parts: StagePart[] = [];
  for (const [stage, rows] of rowsByStage(summary)) {
    const byRole = new Map<string, { macs: number; params: number }>();
    for (const row of rows) {
      const role = layerRole(row);
      const entry = byRole.get(role) ?? { macs: 0, params: 0 };
      entry.macs += row.macs;
      entry.params += row.params.trainable;
      byRole.set(role, entry);
    }
    for (const [role, { macs, params }] of byRole) {
      if (macs > 0 || params > 0) parts.push({ stage, role, macs, trainableParams: params });
    }
  }
  return parts;
}
