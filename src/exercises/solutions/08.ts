/**
 * Reference solutions to lesson 08, with the arithmetic written out by hand
 * (independently of the connection matrix and the cost model that the
 * checks in ../lessons/08-resnet-vs-densenet.ts use).
 * notebooks/solutions/08-solutions.ipynb prints them and runs the checks.
 */
import type { Solution } from '../solution';

export type { Solution } from '../solution';

const L = 12;

/** 08.6 by hand: the 64-d basic block has 2·(3·3·64·64) weights; the 256-d bottleneck 256·b + 9·b² + b·256. */
const budget = 2 * (3 * 3 * 64 * 64);
const bottleneck = (b: number): number => 256 * b + 9 * b * b + b * 256;
/** The positive root of 9·b² + 512·b − budget = 0, rounded down: the widest b that fits. */
const widest = Math.floor((-512 + Math.sqrt(512 * 512 + 4 * 9 * budget)) / (2 * 9));

export const solutions: readonly Solution[] = [
  {
    id: '08.1',
    answer: (L * (L + 1)) / 2,
    working: 'layer l reads l sources (block input + l − 1 earlier layers): 1 + 2 + … + 12 = 12·13/2 = 78 (Huang et al. 2017: L(L+1)/2)',
  },
  {
    id: '08.2',
    answer: 24 + (16 - 1) * 12,
    working: 'k0 + (l − 1)·k = 24 + 15·12 = 204',
  },
  {
    id: '08.3',
    answer: 2 * (3 * 3 * 32 * 32) + 2 * (2 * 32),
    working: 'two 3×3 convs 32 → 32: 2·9,216 = 18,432 weights; two BNs with γ and β: 2·64 = 128; total 18,560',
  },
  {
    id: '08.4',
    answer: 'b',
    working: 'concatenation keeps each source in its own channels; the next conv has separate weights for them',
  },
  {
    id: '08.5',
    answer: 'a',
    working: 'branch = BN(0) with β = 0 gives 0; x + 0 = x; ReLU(x) = x because x ≥ 0',
  },
  {
    id: '08.6',
    answer: widest,
    working: `budget 2·9·64·64 = ${budget}; the bottleneck has 512·b + 9·b²; 9·b² + 512·b = ${budget} at b ≈ ${((-512 + Math.sqrt(512 * 512 + 36 * budget)) / 18).toFixed(2)}, so b = ${widest} (${bottleneck(widest)} weights; b = ${widest + 1} gives ${bottleneck(widest + 1)}, over)`,
  },
];
