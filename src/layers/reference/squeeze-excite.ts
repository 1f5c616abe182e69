/**
 * Squeeze-and-excite (Hu et al. 2018, §3; in MobileNet v3, Howard et al.
 * 2019, §5.3): the block looks at the whole map, decides how much each
 * channel matters, and rescales the channels by that.
 *
 *   squeeze:  z[c] = (1 / (H·W)) · Σ_i Σ_j x[i, j, c]              (global average pool)
 *   excite:   s    = inner(z · W1 + b1)            W1: [C, S]       (1×1 conv, C → S)
 *             e    = gate(s · W2 + b2)             W2: [S, C]       (1×1 conv, S → C)
 *   scale:    y[i, j, c] = x[i, j, c] · e[c]
 *
 * inner defaults to relu, gate to hardSigmoid (MobileNet v3; the SE paper
 * uses sigmoid). Cost: the two 1×1 convs on the pooled 1×1×C vector,
 * macs = C·S + S·C, counted by the loops; pooling and the per-channel
 * scaling are elementwise work (not counted as macs).
 */
import { normalizeSqueezeExcite } from '../../core/defaults';
import type { SqueezeExciteSpec } from '../../core/spec';
import { applyActivation } from './activation';
import { addBias } from './conv2d';
import { globalAvgPool } from './global-avg-pool';
import { channelMix } from './pointwise-conv2d';
import { checkTensor, checkWeights, type Tensor3 } from '../../core/tensor';
import type { LayerResult } from './layer-result';

/** Trained values of an SE block: both 1×1 convs carry a bias (Hu et al. 2018; Keras MobileNetV3). */
export interface SqueezeExciteWeights {
  /** [1, 1, C, S]: the squeeze conv (TF.js conv kernel layout), i.e. [C, S]. */
  readonly squeezeKernel: Float32Array;
  /** [S]. */
  readonly squeezeBias: Float32Array;
  /** [1, 1, S, C]: the excite conv, i.e. [S, C]. */
  readonly exciteKernel: Float32Array;
  /** [C]. */
  readonly exciteBias: Float32Array;
}

/** Rescales each channel of `input` by its learnt gate. */
export function squeezeExcite(input: Tensor3, spec: SqueezeExciteSpec, weights: SqueezeExciteWeights): LayerResult {
  checkTensor('input', input);
  const layer = normalizeSqueezeExcite(spec);
  const channels = input.shape[2];
  const squeeze = layer.squeezeChannels;
  const squeezeKernel = checkWeights('weights.squeezeKernel', weights?.squeezeKernel, channels * squeeze, `C·S = ${channels}·${squeeze}`);
  const squeezeBias = checkWeights('weights.squeezeBias', weights?.squeezeBias, squeeze, `S = ${squeeze}`);
  const exciteKernel = checkWeights('weights.exciteKernel', weights?.exciteKernel, squeeze * channels, `S·C = ${squeeze}·${channels}`);
  const exciteBias = checkWeights('weights.exciteBias', weights?.exciteBias, channels, `C = ${channels}`);

  const z = globalAvgPool(input).output.data; // [C]
  const reduced = channelMix(z, 1, channels, squeeze, squeezeKernel); // one pixel: C → S
  addBias(reduced.output, squeezeBias);
  const s = applyActivation(layer.innerActivation, reduced.output, squeeze);
  const expanded = channelMix(s, 1, squeeze, channels, exciteKernel); // S → C
  addBias(expanded.output, exciteBias);
  const e = applyActivation(layer.gateActivation, expanded.output, channels);

  const x = input.data;
  const out = new Float32Array(x.length);
  for (let base = 0; base < x.length; base += channels) {
    for (let c = 0; c < channels; c++) out[base + c] = x[base + c] * e[c];
  }
  return { output: { shape: [...input.shape], data: out }, macs: reduced.macs + expanded.macs };
}
