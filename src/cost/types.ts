import type { LayerKind, LayerSpec, Shape3 } from '../core/spec';

/**
 * The prefix of a model's or block's total in an error's field
 * ("totals.macs"), as a node's name prefixes a layer's ("conv1.macs").
 * Here, not in ./summary.ts, so the CLI can name it without loading mathjs.
 */
export const TOTALS = 'totals';

/** Parameters in the Keras convention (docs/design.md#parameters). */
export interface ParamCount {
  /** Weights + biases + BN γ/β. */
  readonly trainable: number;
  /** BN moving mean and variance. */
  readonly nonTrainable: number;
  /** trainable + nonTrainable (Keras "Total params"). */
  readonly total: number;
}

/** What one layer costs on one input. All counts are for a batch of one. */
export interface LayerCost {
  readonly kind: LayerKind;
  readonly inputShapes: readonly Shape3[];
  readonly outputShape: Shape3;
  /** Multiply-accumulates of conv and dense work only. FLOPs = 2 × macs. */
  readonly macs: number;
  /** Other arithmetic (BN, activations, adds, pooling, SE gating), never mixed into macs. */
  readonly elementwiseOps: number;
  readonly params: ParamCount;
  /** Elements in the output tensor. */
  readonly outputElements: number;
  /** outputElements × bytesPerElement (fp32: 4). */
  readonly outputBytes: number;
  /**
   * Elements of a map the layer materialises inside itself besides its
   * output: a separable conv's depthwise result, Hout·Wout·C·d; 0 for every
   * other kind. Counted in memory like an output (src/cost/memory.ts).
   */
  readonly intermediateElements: number;
  /** intermediateElements × bytesPerElement. */
  readonly intermediateBytes: number;
  /** params.total × bytesPerElement. */
  readonly weightBytes: number;
}

/** One row of a model summary (like Keras model.summary() / torchinfo). */
export interface SummaryRow extends LayerCost {
  readonly name: string;
  readonly inputs: readonly string[];
  readonly path: readonly string[];
  readonly layer: LayerSpec;
}

/** Activation and weight memory of one inference / training pass, in bytes (batch of one). */
export interface MemoryReport {
  readonly weightsBytes: number;
  /** Sum of every layer's output and intermediate map (the input image not included). */
  readonly activationsBytes: number;
  /** Largest total of live tensors at any point of one forward pass; a tensor dies after its last use. Includes the input. */
  readonly peakInferenceBytes: number;
  /** Activations a training pass keeps for the backward pass. */
  readonly trainingBytes: number;
  /** DenseNet only: trainingBytes with shared storage for concatenations and BN/ReLU outputs (Pleiss et al. 2017). */
  readonly sharedStorageTrainingBytes?: number;
}

export interface ModelSummary {
  readonly model: string;
  readonly input: Shape3;
  readonly rows: readonly SummaryRow[];
  readonly macs: number;
  readonly flops: number;
  readonly elementwiseOps: number;
  readonly params: ParamCount;
  readonly memory: MemoryReport;
}
