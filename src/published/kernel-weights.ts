/**
 * Parameters as the papers count them. The MobileNet papers count only conv
 * and dense kernels; Keras' ResNet50 carries a bias on every conv although a
 * batch norm follows it. These rules read the spec and a summary row's input
 * shape, not the cost model's parameter formulas, so a test can hold the two
 * counts against each other.
 */
import type { ModelSummary, SummaryRow } from '../cost/types';
import type { Pair } from '../core/spec';

function pair(value: Pair): readonly [number, number] {
  return typeof value === 'number' ? [value, value] : value;
}

/**
 * Kernel weights of one summary row, as the MobileNet papers count
 * parameters: conv and dense kernels only — no biases, no batch-norm γ/β, no
 * moving statistics (0 for layers without a kernel). Computed from the spec
 * and the row's input shape, independently of the cost model's parameter
 * formulas, so the test can hold the two against each other. Howard et al.
 * 2017 (arXiv:1704.04861) Table 2's parameter shares only come out this way
 * (1×1 convs: 3,139,584 of 4,209,088 weights = 74.59%).
 */
export function kernelWeights(row: SummaryRow): number {
  const inputChannels = row.inputShapes[0]?.[2] ?? 0;
  const layer = row.layer;
  switch (layer.kind) {
    case 'conv2d': {
      const [kh, kw] = pair(layer.kernelSize);
      return kh * kw * (inputChannels / (layer.groups ?? 1)) * layer.filters;
    }
    case 'depthwiseConv2d': {
      const [kh, kw] = pair(layer.kernelSize);
      return kh * kw * inputChannels * (layer.depthMultiplier ?? 1);
    }
    case 'pointwiseConv2d':
      return inputChannels * layer.filters;
    case 'separableConv2d': {
      const [kh, kw] = pair(layer.kernelSize);
      const d = layer.depthMultiplier ?? 1;
      return kh * kw * inputChannels * d + inputChannels * d * layer.filters;
    }
    case 'dense':
      return inputChannels * layer.units;
    case 'squeezeExcite':
      return 2 * inputChannels * layer.squeezeChannels;
    default:
      return 0;
  }
}

/** Kernel weights of a whole model (the papers' "parameters"). */
export function totalKernelWeights(rows: readonly SummaryRow[]): number {
  return rows.reduce((sum, row) => sum + kernelWeights(row), 0);
}

/** One bias per output channel of every bias-free conv: what Keras' ResNet50 adds (its convs carry a bias although a BN follows). */
export function missingConvBiases(summary: ModelSummary): number {
  return summary.rows
    .filter((r) => (r.layer.kind === 'conv2d' || r.layer.kind === 'pointwiseConv2d') && !r.layer.useBias)
    .reduce((sum, r) => sum + r.outputShape[2], 0);
}
