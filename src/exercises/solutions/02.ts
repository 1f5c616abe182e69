/**
 * Reference solutions to lesson 02, worked out by hand (see ./01.ts for why
 * the arithmetic is written out instead of asking the cost model).
 */
import type { Solution } from '../solution';

export const solutions: readonly Solution[] = [
  {
    id: '02.1',
    // one output value reads a 3×3 window of ONE channel; 32 channels; 112·112 pixels.
    answer: 3 * 3 * 32 * 112 * 112,
    working: '(3·3) per value · 32 channels · 112·112 pixels = 3,612,672',
  },
  {
    id: '02.2',
    // 64 channels × 2 filters each = 128 filters of 3·3 weights, and 128 biases.
    answer: 3 * 3 * (64 * 2) + 64 * 2,
    working: '64·2 = 128 filters of 3·3 weights + 128 biases = 1,152 + 128 = 1,280',
  },
  {
    id: '02.3',
    answer: 32 * 3,
    working: '32 input channels · 3 filters each = 96',
  },
  {
    id: '02.4',
    // standard: H·W·K·K·C·M; depthwise: H·W·K·K·C; the ratio is M.
    answer: (14 * 14 * 3 * 3 * 256 * 256) / (14 * 14 * 3 * 3 * 256),
    working: '(H·W·K·K·C·M) / (H·W·K·K·C) = M = 256',
  },
  {
    id: '02.5',
    answer: 'd',
    working: 'input channel c feeds outputs c·d … c·d + d − 1; green is c = 1 and d = 2, so outputs 2 and 3',
  },
  {
    id: '02.6',
    // g groups: cost H·W·K·K·(C/g)·M = standard / g; 1/g ≤ 1/8 first holds at g = 8 (a divisor of 256).
    answer: 256 / 8,
    working: 'cost ratio = 1/g ≤ 1/8 ⇒ g = 8; each filter reads C/g = 256/8 = 32 channels (ResNeXt-style 8 groups of 32)',
  },
];
