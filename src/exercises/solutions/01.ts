/**
 * Reference solutions to lesson 01, worked out by hand: the arithmetic is
 * written out here, independently of the cost model that the checks in
 * ../lessons/01-standard-convolution.ts use, so a test that feeds these to the
 * checks compares two derivations, not one number with itself.
 * notebooks/solutions/01-solutions.ipynb prints them and runs the checks.
 */
import type { Solution } from '../solution';

export type { Solution } from '../solution';

export const solutions: readonly Solution[] = [
  {
    id: '01.1',
    // valid padding: the 5-wide window fits at positions 0, 2, …, 26: floor((32 − 5) / 2) + 1.
    answer: Math.floor((32 - 5) / 2) + 1,
    working: 'floor((32 − 5) / 2) + 1 = 13 + 1 = 14',
  },
  {
    id: '01.2',
    // one output pixel of one filter: 3·3·64 products; 128 filters; 56·56 output pixels (stride 1, same).
    answer: 3 * 3 * 64 * 128 * 56 * 56,
    working: '(3·3·64) per value · 128 filters · 56·56 pixels = 231,211,008',
  },
  {
    id: '01.3',
    // stride 2, same: the output is ceil(112 / 2) = 56 pixels on a side.
    answer: 3 * 3 * 32 * 64 * Math.ceil(112 / 2) * Math.ceil(112 / 2),
    working: 'output 56×56; (3·3·32) · 64 · 56·56 = 57,802,752',
  },
  {
    id: '01.4',
    answer: 5 * 5 * 3 * 16 + 16,
    working: '16 filters of 5·5·3 weights + 16 biases = 1,200 + 16 = 1,216',
  },
  {
    id: '01.5',
    // MACs ∝ H·W: (224·224) / (112·112).
    answer: (224 * 224) / (112 * 112),
    working: '(224·224) / (112·112) = 2² = 4',
  },
  {
    id: '01.6',
    answer: 'c',
    working:
      "He et al. count multiply-adds, so their 3.8×10⁹ is what convkit prints as Total MACs; Total FLOPs (2 x MACs) is twice that, 7.6×10⁹ to the paper's precision",
  },
  {
    id: '01.7',
    // r_l = r_(l−1) + 2·J_(l−1): J = 1, 2 under the two strided layers, 4 above them.
    // Two strided layers: r = 1 + 2·1 + 2·2 = 7. Then 8 more pixels per layer: 7 + 8·n ≥ 64 needs n = ceil(57 / 8) = 8.
    answer: 2 + Math.ceil((64 - (1 + 2 * 1 + 2 * 2)) / (2 * 4)),
    working: 'r = 1 → 3 → 7 after the two stride-2 layers (J = 4), then +8 per 3×3 layer: 7 + 8·8 = 71 ≥ 64, so 2 + 8 = 10 layers',
  },
];
