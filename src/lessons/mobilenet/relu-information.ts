/**
 * Why MobileNet v2's bottleneck is linear — the experiment of Sandler et al.
 * 2018 (arXiv:1801.04381, §3.2, Fig. 1), on real data. The paper embeds a 2-D
 * spiral in n dimensions with a random matrix T, applies ReLU, and maps the
 * result back with T⁻¹ (for n > 2 the pseudo-inverse T⁺). We do the same with
 * points that live in 3-D, the centred RGB colours of the photo's pixels:
 *
 *   x ∈ R³  ──T──►  R^n  ──ReLU──►  z ∈ R^n  ──decoder──►  x̂ ∈ R³
 *
 * and measure how much of x is lost, with two decoders, each ONE linear map
 * applied to every pixel alike:
 *
 *  - the paper's: x̂ = T⁺ z, with T⁺ = (TᵀT)⁻¹Tᵀ, fixed by T alone;
 *  - the best linear layer: x̂ = W z + b, with W and b fitted by least
 *    squares over all pixels at once. No linear layer (with bias) reading z
 *    can do better on these pixels, and T⁺ is one of its candidates, so its
 *    error is never above the T⁺ error.
 *
 * In few dimensions ReLU zeroes out whole directions for many pixels and no
 * linear map gets them back; with many dimensions every direction of x stays
 * visible in some positive coordinates, and the fitted map recovers most of
 * it. (T⁺ alone keeps an error floor: on average about half the coordinates
 * are cut, so T⁺z comes back near x/2; the fitted W undoes that scale.) So
 * ReLU is safe on the wide, expanded tensor inside the block and harmful on
 * the thin bottleneck between blocks — why v2's 1×1 projection has no
 * activation.
 */
import { ConvkitInputError, requireInteger } from '../../core/errors';
import { mulberry32 } from '../../core/random';
import type { Tensor3 } from '../../core/tensor';

export interface ReluLossPoint {
  /** Dimension n of the space ReLU acts in. */
  readonly dimensions: number;
  /** Σ‖x − T⁺·ReLU(Tx)‖² / Σ‖x‖² over the pixels: the paper's decoder (0: nothing lost). */
  readonly pseudoInverseError: number;
  /** Σ‖x − (W·ReLU(Tx) + b)‖² / Σ‖x‖² with W, b the least-squares fit over all pixels. */
  readonly linearFitError: number;
}

/** Standard normal numbers from a seeded uniform source (Box–Muller). */
function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * Solves the square system A z = r for every column of r (Gauss–Jordan with
 * partial pivoting). A is copied, not changed.
 */
function solve(a: readonly number[][], r: readonly number[][]): number[][] {
  const size = a.length;
  const m = a.map((row, i) => [...row, ...r[i]]);
  const width = m[0].length;
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let row = col + 1; row < size; row++) if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) pivot = row;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    const p = m[col][col];
    if (p === 0) throw new ConvkitInputError('matrix', 'singular', 'must be invertible');
    for (let row = 0; row < size; row++) {
      if (row === col) continue;
      const factor = m[row][col] / p;
      if (factor === 0) continue;
      for (let k = col; k < width; k++) m[row][k] -= factor * m[col][k];
    }
  }
  return m.map((row, i) => row.slice(size).map((v) => v / row[i]));
}

/**
 * The pseudo-inverse T⁺ = (TᵀT)⁻¹Tᵀ of an n×c matrix T of full column rank
 * (rows: the n coordinates, columns: the c input dimensions). T⁺T = I.
 */
export function pseudoInverse(t: readonly (readonly number[])[]): number[][] {
  const n = t.length;
  const c = t[0]?.length ?? 0;
  if (n < c || c === 0) throw new ConvkitInputError('T', `${n}×${c}`, 'must have at least as many rows as columns, and at least one column');
  const gram = Array.from({ length: c }, (_, i) => Array.from({ length: c }, (_, j) => t.reduce((s, row) => s + row[i] * row[j], 0)));
  const tt = Array.from({ length: c }, (_, i) => t.map((row) => row[i]));
  return solve(gram, tt);
}

/**
 * The least-squares linear map with bias from `features` (P rows of n) to
 * `targets` (P rows of c): returns W (c×n) and b (c) minimising
 * Σ_p ‖targets_p − (W·features_p + b)‖². A tiny ridge (1e-9 of the mean
 * diagonal) keeps the normal equations solvable when a feature is always 0
 * (a coordinate ReLU cut for every pixel); it then gets weight 0.
 */
export function fitLinearMap(features: readonly (readonly number[])[], targets: readonly (readonly number[])[]): { weights: number[][]; bias: number[] } {
  if (features.length === 0 || features.length !== targets.length) {
    throw new ConvkitInputError('features', features.length, `must be as many rows as targets (${targets.length}), at least one`);
  }
  const n = features[0].length;
  const c = targets[0].length;
  const size = n + 1;
  const gram = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const rhs = Array.from({ length: size }, () => new Array<number>(c).fill(0));
  const z = new Array<number>(size);
  features.forEach((row, p) => {
    for (let j = 0; j < n; j++) z[j] = row[j];
    z[n] = 1;
    for (let i = 0; i < size; i++) {
      if (z[i] === 0) continue;
      for (let j = 0; j < size; j++) gram[i][j] += z[i] * z[j];
      for (let k = 0; k < c; k++) rhs[i][k] += z[i] * targets[p][k];
    }
  });
  const ridge = (1e-9 * gram.reduce((s, row, i) => s + row[i], 0)) / size;
  for (let i = 0; i < size; i++) gram[i][i] += ridge;
  const solution = solve(gram, rhs);
  return {
    weights: Array.from({ length: c }, (_, k) => solution.slice(0, n).map((row) => row[k])),
    bias: solution[n],
  };
}

/**
 * The relative reconstruction errors after ReLU in n dimensions, for each n
 * in `dimensions`, on the pixels of `image` (centred to mean 0), averaged
 * over `trials` random matrices T (one matrix says more about that matrix
 * than about n). Seeded: the same seed gives the same matrices and numbers.
 */
export function reluInformationLoss(image: Tensor3, dimensions: readonly number[], seed = 0, trials = 1): ReluLossPoint[] {
  requireInteger('trials', trials);
  if (!Array.isArray(dimensions) || dimensions.length === 0) throw new ConvkitInputError('dimensions', dimensions, 'must be a non-empty array');
  if (trials > 1) {
    const runs = Array.from({ length: trials }, (_, k) => reluInformationLoss(image, dimensions, seed * 7919 + k, 1));
    const mean = (i: number, key: 'pseudoInverseError' | 'linearFitError') => runs.reduce((sum, run) => sum + run[i][key], 0) / trials;
    return dimensions.map((n, i) => ({ dimensions: n, pseudoInverseError: mean(i, 'pseudoInverseError'), linearFitError: mean(i, 'linearFitError') }));
  }
  const channels = image.shape[2];
  const count = image.shape[0] * image.shape[1];
  const mean = new Array<number>(channels).fill(0);
  for (let p = 0; p < count; p++) for (let c = 0; c < channels; c++) mean[c] += image.data[p * channels + c] / count;
  const pixels = Array.from({ length: count }, (_, p) => Array.from({ length: channels }, (_, c) => image.data[p * channels + c] - mean[c]));
  const energy = pixels.reduce((s, x) => s + x.reduce((t, v) => t + v * v, 0), 0);
  const relativeError = (estimate: (z: number[], p: number) => number[], codes: number[][]) =>
    codes.reduce((s, z, p) => s + estimate(z, p).reduce((t, v, c) => t + (pixels[p][c] - v) ** 2, 0), 0) / energy;
  return dimensions.map((n) => {
    requireInteger('dimensions[]', n);
    if (n < channels) throw new ConvkitInputError('dimensions[]', n, `must be >= the ${channels} channels of the data (T must have a pseudo-inverse on them)`);
    const random = mulberry32(seed * 1000 + n);
    const t = Array.from({ length: n }, () => Array.from({ length: channels }, () => gaussian(random)));
    const codes = pixels.map((x) =>
      t.map((row) =>
        Math.max(
          0,
          row.reduce((s, v, c) => s + v * x[c], 0),
        ),
      ),
    );
    const tPlus = pseudoInverse(t);
    const fit = fitLinearMap(codes, pixels);
    const apply = (w: number[][], z: number[], b?: number[]) => w.map((row, c) => row.reduce((s, v, j) => s + v * z[j], b ? b[c] : 0));
    return {
      dimensions: n,
      pseudoInverseError: relativeError((z) => apply(tPlus, z), codes),
      linearFitError: relativeError((z) => apply(fit.weights, z, fit.bias), codes),
    };
  });
}
