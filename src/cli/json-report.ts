/**
 * The one JSON object `convkit cost --json` prints. Its keys are a contract
 * for scripts, so they are built here explicitly rather than by dumping the
 * summary: MACs are the primary count (conv and dense multiply-accumulates
 * only) and FLOPs are always 2 × MACs (docs/design.md#macs-and-flops).
 */
import type { LayerSpec, Shape3 } from '../core/spec';
import type { MemoryReport, ModelSummary, ParamCount, SummaryRow } from '../cost/types';

/** The counts every report states, for a layer, a block or a model. */
export interface CountsJson {
  readonly macs: number;
  /** Always 2 × macs. */
  readonly flops: number;
  /** BN, activations, adds, pooling: reported beside MACs, never inside them. */
  readonly elementwiseOps: number;
  readonly params: ParamCount;
}

/** The bytes one layer's tensors take. */
export interface LayerBytesJson {
  /** Bytes of the output tensor. */
  readonly outputBytes: number;
  /** A map the layer materialises inside itself (separable conv: the depthwise result), 0 otherwise; counted in memory. */
  readonly intermediateBytes: number;
}

export interface LayerReport extends CountsJson, LayerBytesJson {
  readonly name: string;
  readonly kind: string;
  readonly path: readonly string[];
  readonly inputs: readonly string[];
  readonly inputShapes: readonly Shape3[];
  readonly outputShape: Shape3;
  readonly weightBytes: number;
  readonly layer: LayerSpec;
}

export interface CostReport extends CountsJson {
  readonly model: string;
  readonly input: Shape3;
  readonly memory: MemoryReport;
  /** Only with --per-layer. */
  readonly layers?: readonly LayerReport[];
}

function params(count: ParamCount): ParamCount {
  return { trainable: count.trainable, nonTrainable: count.nonTrainable, total: count.total };
}

function memory(report: MemoryReport): MemoryReport {
  const base = {
    weightsBytes: report.weightsBytes,
    activationsBytes: report.activationsBytes,
    peakInferenceBytes: report.peakInferenceBytes,
    trainingBytes: report.trainingBytes,
  };
  return report.sharedStorageTrainingBytes === undefined ? base : { ...base, sharedStorageTrainingBytes: report.sharedStorageTrainingBytes };
}

export function layerReport(row: SummaryRow): LayerReport {
  return {
    name: row.name,
    kind: row.kind,
    path: row.path,
    inputs: row.inputs,
    inputShapes: row.inputShapes,
    outputShape: row.outputShape,
    macs: row.macs,
    flops: 2 * row.macs,
    elementwiseOps: row.elementwiseOps,
    params: params(row.params),
    outputBytes: row.outputBytes,
    intermediateBytes: row.intermediateBytes,
    weightBytes: row.weightBytes,
    layer: row.layer,
  };
}

/** The JSON object for a model summary; `perLayer` adds every row as `layers`. */
export function costReport(summary: ModelSummary, perLayer: boolean): CostReport {
  const report: CostReport = {
    model: summary.model,
    input: summary.input,
    macs: summary.macs,
    flops: 2 * summary.macs,
    elementwiseOps: summary.elementwiseOps,
    params: params(summary.params),
    memory: memory(summary.memory),
  };
  return perLayer ? { ...report, layers: summary.rows.map(layerReport) } : report;
}
