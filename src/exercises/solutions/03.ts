/**
 * Reference solutions to lesson 03, worked out by hand (see ./01.ts for why
 * the arithmetic is written out instead of asking the cost model).
 */
import type { Solution } from '../solution';

export const solutions: readonly Solution[] = [
  {
    id: '03.1',
    answer: 56 * 56 * 128 * 256,
    working: '56·56 pixels · (128 inputs · 256 outputs) = 102,760,448',
  },
  {
    id: '03.2',
    answer: 512 * 512 + 512,
    working: 'a 512×512 matrix + 512 biases = 262,144 + 512 = 262,656',
  },
  {
    id: '03.3',
    answer: (28 * 28 * 3 * 3 * 256 * 256) / (28 * 28 * 256 * 256),
    working: '(H·W·K·K·C·M) / (H·W·C·M) = K² = 9',
  },
  {
    id: '03.4',
    answer: 14 * 14,
    working: 'one row per pixel: 14·14 = 196 rows of 512 channel values',
  },
  {
    id: '03.5',
    answer: 'a',
    working: 'a 1×1 kernel reads one pixel and sums over all its channels: channel mixing, no spatial filtering',
  },
  {
    id: '03.6',
    // depthwise 56·56·3·3·128, pointwise 56·56·128·M: 128·M ≤ 8·9·128 ⇒ M ≤ 72.
    answer: (8 * (56 * 56 * 3 * 3 * 128)) / (56 * 56 * 128),
    working: 'H·W·C·M ≤ 8·H·W·K·K·C ⇒ M ≤ 8·K·K = 8·9 = 72 channels',
  },
];
