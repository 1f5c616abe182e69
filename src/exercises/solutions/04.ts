/**
 * Reference solutions to lesson 04, worked out independently of the cost
 * model that the checks in ../lessons/04-depthwise-separable-mobilenet-v1.ts
 * use: the layer sums are written out by hand, and 04.4 sums MobileNet v1's
 * layers from Table 1 of Howard et al. 2017 (arXiv:1704.04861) with the
 * channel rule written out here. notebooks/solutions/04-solutions.ipynb
 * prints them and runs the checks.
 */
import type { Solution } from '../solution';

export type { Solution } from '../solution';

/** MobileNet v1 MACs at width α and resolution r, layer by layer from Table 1 (stride-2 'same': ceil). */
export function mobileNetV1MacsByHand(alpha: number, resolution: number): number {
  const ch = (c: number) => Math.max(1, Math.floor(c * alpha)); // Keras: int(c·α) (every Table 1 width is a multiple of 8)
  let side = Math.ceil(resolution / 2);
  let c = ch(32);
  let macs = side * side * 3 * 3 * 3 * c; // conv1 3×3/2, 3 → 32α
  const blocks: [number, number][] = [
    [64, 1],
    [128, 2],
    [128, 1],
    [256, 2],
    [256, 1],
    [512, 2],
    [512, 1],
    [512, 1],
    [512, 1],
    [512, 1],
    [512, 1],
    [1024, 2],
    [1024, 1],
  ];
  for (const [filters, stride] of blocks) {
    side = Math.ceil(side / stride);
    const m = ch(filters);
    macs += side * side * 9 * c; // depthwise 3×3
    macs += side * side * c * m; // pointwise 1×1
    c = m;
  }
  return macs + c * 1000; // fully connected to 1000 classes
}

/**
 * 04.6 by hand: the weights grow with α and do not depend on the resolution
 * (Howard et al. 2017, §3.3–3.4), so go through the widths from the largest
 * down and take the first (α, resolution) whose MACs, summed from Table 1,
 * fit the budget, trying the highest resolution first.
 */
export function mostWeightsWithinBudgetByHand(budget: number): { alpha: number; resolution: number; macs: number } {
  for (const alpha of [1, 0.75, 0.5, 0.25]) {
    for (const resolution of [224, 192, 160, 128]) {
      const macs = mobileNetV1MacsByHand(alpha, resolution);
      if (macs <= budget) return { alpha, resolution, macs };
    }
  }
  throw new Error(`no MobileNet v1 of the grid fits ${budget} MACs`);
}

const designChoice = mostWeightsWithinBudgetByHand(150e6);

export const solutions: readonly Solution[] = [
  {
    id: '04.1',
    answer: 56 * 56 * 128 * 3 * 3 + 56 * 56 * 128 * 128,
    working: 'depthwise 56·56·128·3·3 = 3,612,672; pointwise 56·56·128·128 = 51,380,224; sum 54,992,896',
  },
  {
    id: '04.2',
    answer: (28 * 28 * 256 * 9 + 28 * 28 * 256 * 256) / (28 * 28 * 9 * 256 * 256),
    working: '(H·W·C·K² + H·W·C·M) / (H·W·K²·C·M) = 1/M + 1/K² = 1/256 + 1/9 ≈ 0.1150',
  },
  {
    id: '04.3',
    answer: 3 * 3 * 512 + 512 * 512 + 512,
    working: 'depthwise 3·3·512 = 4,608; pointwise 512·512 = 262,144; bias 512; total 267,264',
  },
  {
    id: '04.4',
    answer: mobileNetV1MacsByHand(0.5, 224) / 1e6,
    working: 'Table 1 with every channel count halved, summed layer by layer: ≈ 149.5 million (paper, Table 6: 149)',
  },
  {
    id: '04.5',
    answer: 'c',
    working: 'depthwise: ~1 MAC per byte moved against ~120 for the standard conv, so it is memory-bound',
  },
  {
    id: '04.6',
    answer: designChoice.macs / 1e6,
    working:
      `α = 1 needs ${(mobileNetV1MacsByHand(1, 128) / 1e6).toFixed(1)} M MACs even at 128 (over budget); α = 0.75: 224, 192, 160 give ` +
      `${[224, 192, 160].map((r) => (mobileNetV1MacsByHand(0.75, r) / 1e6).toFixed(1)).join(', ')} M (over), ` +
      `${designChoice.resolution} gives ${(designChoice.macs / 1e6).toFixed(1)} M: α = ${designChoice.alpha} at ${designChoice.resolution}×${designChoice.resolution}, ` +
      `with more weights than any α = 0.5 network (α = 0.5 at 224 fills the budget better, ${(mobileNetV1MacsByHand(0.5, 224) / 1e6).toFixed(1)} M, but has about half the weights)`,
  },
];
