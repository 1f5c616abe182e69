/**
 * The input gradient of a STRIDED convolution, one output phase at a time,
 * so no multiply-add is spent on zeros. Shared by conv2d-backprop-input.ts
 * and depthwise-conv2d-backprop-input.ts for strides > 1.
 *
 * The math (one spatial axis; the other is the same). Forward, stride s,
 * top padding pT: output row i reads input row s·i + p − pT with filter
 * row p, so
 *
 *   dx[h] = Σ_{(i,p): s·i + p = h + pT} dy[i] · W[p]
 *
 * Write h + pT = s·m + r with phase r = (h + pT) mod s. Only filter rows
 * p = r + s·t (t = 0, 1, …) have the right phase, and then i = m − t:
 *
 *   dx[s·m + r − pT] = Σ_t dy[m − t] · W[r + s·t]
 *
 * For each phase r this is a stride-1 convolution of dy with the sub-filter
 * W[r::s], flipped. There are s² phases in 2-D (s = 2: sub-filters 2×2,
 * 2×1, 1×2 and 1×1 for K = 3), their multiply-adds add up to exactly the
 * forward pass's, and tf.depthToSpace interleaves their outputs back into
 * one map (phase (rh, rw) lands at rows ≡ rh, columns ≡ rw mod s), from
 * which the H × W window starting at (pT, pL) is dx. Spreading dy with
 * zeros instead (the stride-1 method) would multiply s² times as much.
 */
import * as tf from '@tensorflow/tfjs';
import { cropForWindow, type GradientGeometry } from './gradient-geometry';

/**
 * Convolves (stride 1, the given zero padding) dy with a flipped sub-filter
 * [th, tw, …] and returns [B, rows, cols, C]; supplied by each kernel.
 */
export type PhaseConvolution = (
  dy: tf.Tensor4D,
  flippedSubFilter: tf.Tensor4D,
  padding: tf.backend_util.ExplicitPadding,
) => tf.Tensor4D;

/**
 * dx [B, H, W, C] of a convolution with equal strides s > 1, from dy
 * [B, OH, OW, ·] and the filter [K, Kw, ·, ·]. Call inside tf.tidy.
 */
export function inputGradientByPhases(
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  inputShape: readonly [number, number, number, number],
  geometry: GradientGeometry,
  convolvePhase: PhaseConvolution,
): tf.Tensor4D {
  const { strideHeight: stride, padTop, padLeft } = geometry;
  const [batch, height, width, inChannels] = inputShape;
  const [filterHeight, filterWidth] = filter.shape;
  const [, outHeight, outWidth] = dy.shape;
  // Rows m of the interleaved map: enough that s·m + r covers h + pT for every h < H.
  const phaseRows = Math.ceil((height + padTop) / stride);
  const phaseCols = Math.ceil((width + padLeft) / stride);
  const phases: tf.Tensor4D[] = [];
  for (let rowPhase = 0; rowPhase < stride; rowPhase++) {
    for (let colPhase = 0; colPhase < stride; colPhase++) {
      const taps = [Math.ceil((filterHeight - rowPhase) / stride), Math.ceil((filterWidth - colPhase) / stride)];
      if (taps[0] <= 0 || taps[1] <= 0) {
        // A 1×1 filter with stride 2 never reaches the odd rows: their gradient is 0.
        phases.push(tf.zeros([batch, phaseRows, phaseCols, inChannels]));
        continue;
      }
      const subFilter = tf.stridedSlice(
        filter,
        [rowPhase, colPhase, 0, 0],
        [filterHeight, filterWidth, filter.shape[2], filter.shape[3]],
        [stride, stride, 1, 1],
      ) as tf.Tensor4D;
      const flipped = tf.reverse(subFilter, [0, 1]);
      // Output m reads dy[m − taps + 1 … m]: taps − 1 zero rows on top, and
      // as many at the bottom as it takes to reach phaseRows outputs.
      const { cropped, padding } = cropForWindow(dy, taps[0] - 1, phaseRows - outHeight, taps[1] - 1, phaseCols - outWidth);
      phases.push(convolvePhase(cropped, flipped, padding));
    }
  }
  const interleaved = tf.depthToSpace(tf.concat(phases, 3), stride, 'NHWC'); // [B, s·phaseRows, s·phaseCols, C]
  return tf.slice(interleaved, [0, padTop, padLeft, 0], [batch, height, width, inChannels]);
}
