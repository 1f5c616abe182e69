/**
 * Reference solutions to lesson 05, with the arithmetic written out by hand
 * (independently of the cost model and of the activation module that the
 * checks in ../lessons/05-mobilenet-v2-v3.ts use).
 * notebooks/solutions/05-solutions.ipynb prints them and runs the checks.
 */
import type { Solution } from '../solution';

export type { Solution } from '../solution';

/** Central finite difference: a derivative measured, not derived. */
function slope(f: (x: number) => number, x: number, h = 1e-5): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

export const solutions: readonly Solution[] = [
  {
    id: '05.1',
    answer: 28 * 28 * 32 * 192 + 28 * 28 * 192 * 9 + 28 * 28 * 192 * 32,
    working: 'expand 28·28·32·192 = 4,816,896; depthwise 28·28·192·9 = 1,354,752; project 28·28·192·32 = 4,816,896; total 10,988,544',
  },
  {
    id: '05.2',
    answer: 'a',
    working: 'the residual needs equal shapes: stride 1 and input channels = output channels',
  },
  {
    id: '05.3',
    answer: 120 * 32 + 32 + 32 * 120 + 120,
    working: 'squeeze 120·32 + 32 bias = 3,872; excite 32·120 + 120 bias = 3,960; total 7,832',
  },
  {
    id: '05.4',
    answer: Number(slope((x) => (x * Math.min(Math.max(x + 3, 0), 6)) / 6, 2).toFixed(4)),
    working: 'on (−3, 3): h-swish(x) = x(x + 3)/6, so the slope is (2x + 3)/6 = 7/6 ≈ 1.167 at x = 2',
  },
  {
    id: '05.5',
    answer: 'd',
    working: 'Sandler et al. 2018 §3.2: ReLU on a low-dimensional manifold collapses it; keep the bottleneck linear',
  },
  {
    id: '05.6',
    // MACs = 28·28·E·(32 + 9 + 32) with E = 32t, so t ≤ 10,000,000 / (784 · 73 · 32).
    answer: Math.floor(10_000_000 / (28 * 28 * 73 * 32)),
    working: 'MACs = H·W·E·(C + K² + C′) = 784 · 73 · 32t = 1,831,424 · t ≤ 10,000,000, so t ≤ 5.46: t = 5 (9,157,120 MACs; t = 6 would need 10,988,544)',
  },
  {
    id: '05.7',
    answer: Number(((1.2 * 1.1 * 1.1 * 1.15 * 1.15) ** 2).toPrecision(3)),
    working: 'α·β²·γ² = 1.2 · 1.21 · 1.3225 = 1.9203; for φ = 2: 1.9203² = 3.687 ≈ 3.69, a little under 2² = 4',
  },
];
