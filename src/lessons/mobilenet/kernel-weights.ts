/**
 * Kernel weights of a layer as the MobileNet papers count parameters: conv and
 * dense kernels only — no biases, no batch-norm γ/β, no moving statistics.
 * Howard et al. 2017 (arXiv:1704.04861) report 4.2 million parameters for
 * 1.0 MobileNet-224 (Table 4) and split them by layer type in Table 2; both
 * come out exactly this way (4,209,088 weights), whereas Keras' "Total
 * params" (4,253,864) adds the BN tensors and the classifier bias.
 */
import type { SummaryRow } from '../../cost/types';
import type { Pair } from '../../models/spec';

function pair(value: Pair): readonly [number, number] {
  return typeof value === 'number' ? [value, value] : value;
}

/** Kernel weights of one summary row (0 for layers without a kernel). */
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
