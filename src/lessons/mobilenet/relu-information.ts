/**
 * Why MobileNet v2's bottleneck is linear — the experiment of Sandler et al.
 * 2018 (arXiv:1801.04381, §3.2, Fig. 1), on real data: take points that live
 * in a low-dimensional space (here the RGB colours of the photo's pixels,
 * 3-D), embed them in n dimensions with a random matrix T, apply ReLU, and try
 * to get them back with the pseudo-inverse of T.
 *
 *   x ∈ R³  ──T──►  R^n  ──ReLU──►  R^n  ──T⁺──►  x̂ ∈ R³
 *
 * In few dimensions ReLU zeroes out whole directions and the colours cannot
 * be recovered; in many dimensions enough of the coordinates stay positive
 * that almost nothing is lost. So ReLU is safe on the wide, expanded tensor
 * inside the block, and harmful on the thin bottleneck between blocks — which
 * is why v2's 1×1 projection has no activation.
 */
import { ConvkitInputError, requireInteger } from '../../errors';
import { mulberry32 } from '../../layers/reference/random';
import type { Tensor3 } from '../../layers/reference/tensor';

export interface ReluLossPoint {
  /** Dimension n of the space ReLU acts in. */
  readonly dimensions: number;
  /** mean ‖x − x̂‖² / mean ‖x‖² over the points (0: nothing lost, 1: everything). */
  readonly relativeError: number;
}

/** Standard normal numbers from a seeded uniform source (Box–Muller). */
function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * The relative reconstruction error after ReLU in n dimensions, for each n in
 * `dimensions`, on the pixels of `image` (centred to mean 0), averaged over
 * `trials` random matrices T (one matrix says more about that matrix than
 * about n). Seeded: the same seed gives the same matrices and numbers.
 */
export function reluInformationLoss(image: Tensor3, dimensions: readonly number[], seed = 0, trials = 1): ReluLossPoint[] {
  requireInteger('trials', trials);
  if (trials > 1) {
    const runs = Array.from({ length: trials }, (_, k) => reluInformationLoss(image, dimensions, seed * 7919 + k, 1));
    return dimensions.map((n, i) => ({ dimensions: n, relativeError: runs.reduce((sum, run) => sum + run[i].relativeError, 0) / trials }));
  }
  const channels = image.shape[2];
  const count = image.shape[0] * image.shape[1];
  if (!Array.isArray(dimensions) || dimensions.length === 0) throw new ConvkitInputError('dimensions', dimensions, 'must be a non-empty array');
  const mean = new Array<number>(channels).fill(0);
  for (let p = 0; p < count; p++) for (let c = 0; c < channels; c++) mean[c] += image.data[p * channels + c] / count;
  let energy = 0;
  for (let p = 0; p < count; p++) for (let c = 0; c < channels; c++) energy += (image.data[p * channels + c] - mean[c]) ** 2;
  return dimensions.map((n) => {
    requireInteger('dimensions[]', n);
    if (n < channels) throw new ConvkitInputError('dimensions[]', n, `must be >= the ${channels} channels of the data (T must be invertible on them)`);
    const random = mulberry32(seed * 1000 + n);
    const t = Array.from({ length: channels }, () => Array.from({ length: n }, () => gaussian(random)));
    let error = 0;
    const x = new Array<number>(channels);
    for (let p = 0; p < count; p++) {
      for (let c = 0; c < channels; c++) x[c] = image.data[p * channels + c] - mean[c];
      // Normal equations over the surviving (positive) coordinates: (Σ t_j t_jᵀ) x̂ = Σ y_j t_j.
      const gram = Array.from({ length: channels }, () => new Array<number>(channels).fill(0));
      const rhs = new Array<number>(channels).fill(0);
      for (let j = 0; j < n; j++) {
        let y = 0;
        for (let c = 0; c < channels; c++) y += x[c] * t[c][j];
        if (y <= 0) continue;
        for (let c = 0; c < channels; c++) {
          rhs[c] += y * t[c][j];
          for (let d = 0; d < channels; d++) gram[c][d] += t[c][j] * t[d][j];
        }
      }
      const estimate = solveRidge(gram, rhs);
      for (let c = 0; c < channels; c++) error += (x[c] - estimate[c]) ** 2;
    }
    return { dimensions: n, relativeError: error / energy };
  });
}

/**
 * Solves (G + εI) z = r by Gaussian elimination with a tiny ridge ε, so a
 * rank-deficient G (too few surviving coordinates) gives the minimum-norm
 * answer: the lost directions come back as 0.
 */
function solveRidge(gram: number[][], rhs: number[]): number[] {
  const size = rhs.length;
  const trace = gram.reduce((sum, row, i) => sum + row[i], 0);
  const ridge = 1e-9 * Math.max(trace, 1e-12);
  const a = gram.map((row, i) => [...row.map((v, j) => v + (i === j ? ridge : 0)), rhs[i]]);
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = 0; r < size; r++) {
      if (r === col) continue;
      const factor = a[r][col] / a[col][col];
      for (let k = col; k <= size; k++) a[r][k] -= factor * a[col][k];
    }
  }
  return a.map((row, i) => row[size] / row[i]);
}
