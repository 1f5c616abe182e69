/**
 * Reference solutions to lesson 07, with the arithmetic written out by hand
 * (independently of the cost model that the checks in
 * ../lessons/07-transition-layer.ts use). notebooks/solutions/07-solutions.ipynb
 * prints them and runs the checks.
 */
import type { Solution } from '../solution';

export type { Solution } from '../solution';

/** DenseNet-121's blocks (Table 1) and growth rate, for the channel walk of 07.2. */
const BLOCKS_121 = [6, 12, 24, 16];
const K = 32;

/** Channels entering each dense block of DenseNet-121: stem 2k, then k0 + L·k, halved by each transition. */
function blockInputs121(): number[] {
  const inputs: number[] = [];
  let channels = 2 * K;
  for (const layers of BLOCKS_121) {
    inputs.push(channels);
    channels = Math.floor((channels + layers * K) / 2);
  }
  return inputs;
}

/** MACs of each dense block of DenseNet-121 by hand: per layer 1×1 C_l → 4k plus 3×3 4k → k, at the block's resolution. */
function blockMacs121(): number[] {
  const sides = [56, 28, 14, 7];
  return blockInputs121().map((k0, b) => {
    let macs = 0;
    for (let l = 1; l <= BLOCKS_121[b]; l++) {
      const c = k0 + (l - 1) * K;
      macs += sides[b] * sides[b] * (c * 4 * K + 9 * 4 * K * K);
    }
    return macs;
  });
}

/** Trainable parameters of transition 1 (256 channels in, M kept) and block 2 (12 bottleneck layers, k = 32) on those M. */
function transitionAndBlock2Params(kept: number): number {
  let params = 2 * 256 + 256 * kept;
  for (let l = 1; l <= 12; l++) {
    const c = kept + (l - 1) * K;
    params += 2 * c + c * 4 * K + 2 * 4 * K + 9 * 4 * K * K;
  }
  return params;
}

/** The most channels within the budget, trying M = 256, 255, … */
function mostKeptChannelsByHand(budget: number): number {
  let kept = 256;
  while (kept > 0 && transitionAndBlock2Params(kept) > budget) kept--;
  return kept;
}

const keptChannels = mostKeptChannelsByHand(1_000_000);

export const solutions: readonly Solution[] = [
  {
    id: '07.1',
    answer: 28 * 28 * 512 * 256,
    working: '1×1 conv at full resolution, 512 → 256 channels: 28·28·512·256 = 102,760,448 MACs (the pooling adds no MACs)',
  },
  {
    id: '07.2',
    answer: blockInputs121()[3],
    working: 'stem 64 → block 1: 64 + 6·32 = 256 → 128 → block 2: 128 + 12·32 = 512 → 256 → block 3: 256 + 24·32 = 1024 → 512 channels',
  },
  {
    id: '07.3',
    answer: 2 * 512 + 512 * 256,
    working: 'BN γ, β: 2·512 = 1,024; 1×1 conv 512 → 256: 131,072 weights; total 132,096',
  },
  {
    id: '07.4',
    answer: 'c',
    working: "θ sets the transition's output channels, i.e. the next block's k0; k, the layer count and (separately) the pooling are unaffected",
  },
  {
    id: '07.5',
    answer: ['d', 'a'][blockMacs121()[0] >= blockMacs121()[2] ? 0 : 1],
    working: 'block 1: 1.04 billion MACs (56×56), block 3: 0.55 billion (14×14); a transition 0.10 billion; classifier 0.001 billion',
  },
  {
    id: '07.6',
    answer: keptChannels,
    working:
      `params(M) = 2·256 + 256·M + Σ_l (2·C_l + 128·C_l + 2·128 + 9·128·32) with C_l = M + 32·(l − 1): 1,816 per kept channel plus a fixed 720,512; ` +
      `M = ${keptChannels} gives ${transitionAndBlock2Params(keptChannels).toLocaleString('en-US')}, M = ${keptChannels + 1} would give ` +
      `${transitionAndBlock2Params(keptChannels + 1).toLocaleString('en-US')}: θ = ${keptChannels}/256 ≈ ${(keptChannels / 256).toFixed(3)}`,
  },
];
