/**
 * Elementwise work: everything that is not a conv/dense multiply-accumulate.
 *
 * The kit's convention (docs/design.md#elementwise-work) keeps these ops out of MACs,
 * as the MobileNet/ResNet papers, torchvision and fvcore do, and reports them
 * separately as `elementwiseOps`. There is no single standard for counting
 * them, so every count lives here, with its reason. One "op" is one scalar
 * add, multiply, compare, divide or exp; exp counts as one op, which flatters
 * sigmoid/softmax but keeps the numbers comparable across kinds.
 *
 * | kind          | ops                                   | why                                       |
 * |---------------|---------------------------------------|-------------------------------------------|
 * | conv/dense    | 0                                     | all work is MACs; bias starts the sum     |
 * | batchNorm     | 2 per element                         | at inference γ/σ and β−γμ/σ fold into one |
 * |               |                                       | multiply and one add per element          |
 * | activation    | ACTIVATION_OPS[name] per element      | see the table below                       |
 * | maxPool       | (Kh·Kw − 1) per output element        | compares within one full window           |
 * | avgPool       | Kh·Kw per output element              | Kh·Kw − 1 adds and one divide             |
 * | globalAvgPool | H·W per channel                       | H·W − 1 adds and one divide               |
 * | add (n in)    | (n − 1) per output element            | one add per extra input                   |
 * | concat        | 0                                     | only moves data                           |
 * | zeroPadShort. | 0                                     | only moves data (subsample, pad zeros)    |
 * | squeezeExcite | H·W·C (pool) + S·inner + C·gate       | global pool, the two activations on the   |
 * |               | + H·W·C (gating multiply)             | small vectors, and the per-channel scale  |
 *
 * Pooling windows at a "same"-padded border are counted as full windows:
 * a simple, slight over-count.
 */
import type { ActivationName } from '../core/spec';

/**
 * Ops per element of each activation:
 * - relu: max(x, 0) — 1 compare.
 * - relu6: min(max(x, 0), 6) — 2 compares.
 * - hardSigmoid: relu6(x + 3) / 6 (Howard et al. 2019, eq. for h-swish) — add, 2 compares, multiply = 4.
 * - hardSwish: x · hardSigmoid(x) — 4 + 1 multiply = 5.
 * - sigmoid: 1 / (1 + exp(−x)) — exp, add, divide = 3 (negation folded into exp).
 * - swish: x · sigmoid(x) — 3 + 1 = 4.
 * - softmax: exp, a running sum, a divide per element = 3 (the max-subtraction for stability is left out).
 */
export const ACTIVATION_OPS: Readonly<Record<ActivationName, number>> = {
  relu: 1,
  relu6: 2,
  hardSigmoid: 4,
  hardSwish: 5,
  sigmoid: 3,
  swish: 4,
  softmax: 3,
};

/** Batch norm at inference: one multiply and one add per element (see the table above). */
export const BATCH_NORM_OPS_PER_ELEMENT = 2;

/** Max pooling: compares per output element for a window of `windowElements`. */
export function maxPoolOps(outputElements: number, windowElements: number): number {
  return outputElements * (windowElements - 1);
}

/** Average pooling: adds plus one divide per output element. */
export function avgPoolOps(outputElements: number, windowElements: number): number {
  return outputElements * windowElements;
}

/** Elementwise sum of n inputs: n − 1 adds per output element. */
export function addOps(outputElements: number, inputCount: number): number {
  return outputElements * (inputCount - 1);
}

/** Global average pooling over an H×W×C map: H·W ops per channel. */
export function globalAvgPoolOps(height: number, width: number, channels: number): number {
  return height * width * channels;
}

/**
 * Squeeze-and-excite on H×W×C with S squeeze channels: the global pool, the
 * inner activation on S values, the gate on C values, and the per-channel
 * multiply over the whole map. Its two 1×1 convs are MACs, not counted here.
 */
export function squeezeExciteOps(
  height: number,
  width: number,
  channels: number,
  squeezeChannels: number,
  innerActivation: ActivationName,
  gateActivation: ActivationName,
): number {
  return (
    globalAvgPoolOps(height, width, channels) +
    squeezeChannels * ACTIVATION_OPS[innerActivation] +
    channels * ACTIVATION_OPS[gateActivation] +
    height * width * channels
  );
}
