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
];
