/**
 * Reference solutions to lesson 09 (review), with the arithmetic written out
 * by hand (independently of the cost model that the checks in
 * ../lessons/09-review.ts use). notebooks/solutions/09-solutions.ipynb prints
 * them and runs the checks.
 */
import type { Solution } from '../solution';

export type { Solution } from '../solution';

/** Output side of a window of size K at stride s over n pixels, worked out by hand. */
const validSide = (n: number, k: number, s: number): number => Math.floor((n - k) / s) + 1;
const sameSide = (n: number, s: number): number => Math.ceil(n / s);

// 09.1 and 09.3: the ResNet-18 conv3_x opening block, 56×56×64 → 28×28×128.
const out = sameSide(56, 2);
const conv1 = out * out * 3 * 3 * 64 * 128;
const conv2 = out * out * 3 * 3 * 128 * 128;
const shortcut = out * out * 64 * 128;
const separable1 = out * out * 3 * 3 * 64 + out * out * 64 * 128;
const separable2 = out * out * 3 * 3 * 128 + out * out * 128 * 128;

export const solutions: readonly Solution[] = [
  {
    id: '09.1',
    answer: conv1 + conv2 + shortcut,
    working:
      'output 28×28; 3×3 stride 2: 28·28·9·64·128 = 57,802,752; 3×3: 28·28·9·128·128 = 115,605,504; 1×1 shortcut: 28·28·64·128 = 6,422,528; total 179,830,784',
  },
  {
    id: '09.2',
    answer: validSide(224, 3, 2) ** 2 * 3 * 3 * 32,
    working: 'output floor((224 − 3) / 2) + 1 = 111 on a side; 111·111·9·32 = 3,548,448 MACs',
  },
  {
    id: '09.3',
    answer: Number(((separable1 + separable2 + shortcut) / (conv1 + conv2 + shortcut)).toFixed(4)),
    working: 'separable convs: 28·28·(9·64 + 64·128) + 28·28·(9·128 + 128·128) = 20,622,336; plus the shortcut 6,422,528 = 27,044,864; / 179,830,784 ≈ 0.1504',
  },
  {
    id: '09.4',
    answer: 6 * 24,
    working: 't·C = 6·24 = 144 channels after the 1×1 expansion',
  },
  {
    id: '09.5',
    answer: (64 + 6 * 32) / 2 + (12 - 1) * 32,
    working: 'block 1: 64 + 6·32 = 256; transition: 256 / 2 = 128; the 12th layer of block 2 reads 128 + 11·32 = 480 channels',
  },
  {
    id: '09.6',
    answer: (56 / 2) * (56 / 2) * (256 / 2),
    working: '1×1 conv to θ·256 = 128 channels, 2×2 pool to 28×28: 28·28·128 = 100,352',
  },
  { id: '09.7', answer: 'c', working: 'the 1×1 conv sums over all input channels at every pixel' },
  { id: '09.8', answer: 'a', working: 'x_l = H_l([x_0, …, x_{l−1}]): the concatenation keeps every earlier output' },
  { id: '09.9', answer: 'b', working: 'squeeze (global pool) → excite (two 1×1 convs, gate) → scale each channel' },
];
