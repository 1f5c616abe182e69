/**
 * Reference solutions to lesson 06, with the arithmetic written out by hand
 * (independently of the cost model that the checks in
 * ../lessons/06-dense-block.ts use). notebooks/solutions/06-solutions.ipynb
 * prints them and runs the checks; test/exercises/lesson-06.test.ts also
 * holds the MAC answers against the reference loops' counts.
 */
import type { Solution } from '../solution';

export type { Solution } from '../solution';

/** Σ_{l=1..L} (k0 + l·k): the channels of all L concatenations together. */
function sumOfConcatChannels(k0: number, k: number, layers: number): number {
  let total = 0;
  for (let l = 1; l <= layers; l++) total += k0 + l * k;
  return total;
}

/** MACs of the first L bottleneck layers of a block on H×W with k0 inputs: layer l = H·W·(C_l·4k + 9·4k·k), C_l = k0 + (l − 1)·k. */
function bottleneckBlockMacs(side: number, k0: number, k: number, layers: number): number {
  let macs = 0;
  for (let l = 1; l <= layers; l++) macs += side * side * ((k0 + (l - 1) * k) * 4 * k + 9 * 4 * k * k);
  return macs;
}

/** The deepest such block within a MAC budget. */
function deepestBlockByHand(budget: number): number {
  let layers = 0;
  while (bottleneckBlockMacs(14, 256, 32, layers + 1) <= budget) layers++;
  return layers;
}

const designDepth = deepestBlockByHand(700_000_000);

export const solutions: readonly Solution[] = [
  {
    id: '06.1',
    answer: 64 + 6 * 32,
    working: 'k0 + L·k = 64 + 6·32 = 256 channels (the block input is concatenated through, each layer adds k = 32)',
  },
  {
    id: '06.2',
    answer: 32 * 32 * 3 * 3 * (24 + 3 * 12) * 12,
    working: 'C_4 = k0 + 3·k = 24 + 36 = 60; H·W·3·3·C_4·k = 32·32·9·60·12 = 6,635,520 MACs',
  },
  {
    id: '06.3',
    answer: 14 * 14 * 768 * (4 * 32) + 14 * 14 * 3 * 3 * (4 * 32) * 32,
    working: '1×1: 14·14·768·128 = 19,267,584; 3×3: 14·14·9·128·32 = 7,225,344; total 26,492,928 MACs',
  },
  {
    id: '06.4',
    answer: 32 * 32 * sumOfConcatChannels(24, 12, 8) * 4,
    working: 'concatenation l holds 24 + 12·l channels: 36 + 48 + … + 120 = 624 channels in all; 32·32·624·4 bytes = 2,555,904 bytes',
  },
  {
    id: '06.5',
    answer: 'b',
    working: 'Huang et al. 2017 §3 "Growth rate": each layer has access to all preceding feature maps of its block, so a few new maps per layer suffice',
  },
  {
    id: '06.6',
    answer: designDepth,
    working:
      `layer l costs 14·14·(C_l·128 + 9·128·32) MACs with C_l = 256 + 32·(l − 1): 13,647,872 for l = 1, 802,816 more for each later layer; ` +
      `${designDepth} layers take ${bottleneckBlockMacs(14, 256, 32, designDepth).toLocaleString('en-US')} MACs, ` +
      `${designDepth + 1} would take ${bottleneckBlockMacs(14, 256, 32, designDepth + 1).toLocaleString('en-US')} (over 700,000,000)`,
  },
];
