/**
 * Reference solutions to lesson 09 (review), with the arithmetic written out
 * by hand (independently of the cost model that the checks in
 * ../lessons/09-review.ts use). notebooks/solutions/09-solutions.ipynb prints
 * them and runs the checks.
 */
import type { Solution } from '../solution';

export type { Solution } from '../solution';

export const solutions: readonly Solution[] = [
  {
    id: '09.1',
    answer: 56 * 56 * 3 * 3 * 64 * 128,
    working: 'H·W·K·K·C·M = 56·56·3·3·64·128 = 231,211,008',
  },
  {
    id: '09.2',
    answer: Math.floor((224 - 3) / 2) + 1,
    working: 'floor((224 − 3) / 2) + 1 = floor(110.5) + 1 = 111',
  },
  {
    id: '09.3',
    answer: Number((1 / 128 + 1 / 9).toFixed(4)),
    working: '1/M + 1/K² = 1/128 + 1/9 ≈ 0.0078 + 0.1111 = 0.1189',
  },
  {
    id: '09.4',
    answer: 6 * 24,
    working: 't·C = 6·24 = 144 channels after the 1×1 expansion',
  },
  {
    id: '09.5',
    answer: 64 + 6 * 32,
    working: 'k0 + L·k = 64 + 6·32 = 256',
  },
  {
    id: '09.6',
    answer: (56 / 2) * (56 / 2) * (256 / 2),
    working: '1×1 conv to θ·256 = 128 channels, 2×2 pool to 28×28: 28·28·128 = 100,352',
  },
  { id: '09.7', answer: 'b', working: 'the 1×1 conv sums over all input channels at every pixel' },
  { id: '09.8', answer: 'b', working: 'x_l = H_l([x_0, …, x_{l−1}]): the concatenation keeps every earlier output' },
  { id: '09.9', answer: 'b', working: 'squeeze (global pool) → excite (two 1×1 convs, gate) → scale each channel' },
];
