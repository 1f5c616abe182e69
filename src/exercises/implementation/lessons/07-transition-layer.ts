/**
 * Lesson 07's implementation exercise (see ../exercise.ts for how a
 * learner's function is checked):
 *
 *   07.impl1  the transition layer between two dense blocks (Huang et al.
 *             2017, §3 "Pooling layers" and "Compression"): BN (inference
 *             mode) → ReLU → 1×1 conv from C to M = ⌊θ·C⌋ channels → 2×2
 *             average pooling with stride 2, 'valid' as in Keras' DenseNet:
 *             the output is ⌊H/2⌋ × ⌊W/2⌋, an odd last row or column dropped.
 *
 * Not every reordering is a bug that shows: the 1×1 conv and the average
 * pool are both linear, per pixel and per channel respectively, so pooling
 * before the conv gives the same numbers (it is a legitimate way to save
 * three quarters of the conv's MACs), and the same holds for BN against the
 * pool. What does show is anything that moves the pooling across the ReLU,
 * drops the ReLU or the BN, pools with the wrong window, or rounds an odd
 * size up. The expected values and each bug's output come from the
 * reference layers (batchNorm, activation, pointwiseConv2d, pool2d).
 */
import { uniformArray } from '../../../core/random';
import { randomTensor, type Tensor3 } from '../../../core/tensor';
import { pool2d } from '../../../layers/reference/pool';
import type { ImplementationCase, ImplementationExercise } from '../exercise';
import { implementationExercise } from '../index';
import { nest, readArray3, tensorValues, toArray3, type Values } from '../values';
import { bnMap, conv1x1, reluMap, seededFlatBatchNorm, type FlatBatchNorm } from './06-dense-block';

interface TransitionCase extends ImplementationCase {
  readonly input: Tensor3;
  readonly bn: FlatBatchNorm;
  /** [C, M], M = ⌊θ·C⌋. */
  readonly kernel: Float32Array;
  readonly filters: number;
}

function transitionCase(h: number, w: number, channels: number, theta: number, seed: number): TransitionCase {
  const filters = Math.floor(theta * channels);
  return {
    label: `input ${h}×${w}×${channels}, θ = ${theta} (1×1 conv to ${filters} channels)`,
    input: randomTensor([h, w, channels], seed, -2, 2),
    bn: seededFlatBatchNorm(channels, seed + 1, 1.001e-5),
    kernel: uniformArray(channels * filters, seed + 5, -0.5, 0.5),
    filters,
  };
}

interface TransitionVariant {
  readonly pool?: 'avgPool' | 'maxPool';
  readonly poolPadding?: 'valid' | 'same';
  readonly poolStride?: number;
  /** Where the pooling sits: after the conv (right, or before it: the same), or between BN and ReLU. */
  readonly poolBeforeRelu?: boolean;
  readonly relu?: boolean;
  readonly bn?: boolean;
  readonly reluBeforeBn?: boolean;
}

/** The transition by the reference layers; a variant changes one step. */
function runTransition(c: TransitionCase, v: TransitionVariant = {}): Values {
  const pool = (x: Tensor3) => pool2d(x, { kind: v.pool ?? 'avgPool', poolSize: 2, strides: v.poolStride ?? 2, padding: v.poolPadding ?? 'valid' }).output;
  const relu = (x: Tensor3) => (v.relu === false ? x : reluMap(x));
  const bn = (x: Tensor3) => (v.bn === false ? x : bnMap(x, c.bn));
  let x = v.reluBeforeBn ? bn(relu(c.input)) : relu(v.poolBeforeRelu ? pool(bn(c.input)) : bn(c.input));
  x = conv1x1(x, c.kernel, c.filters);
  return tensorValues(v.poolBeforeRelu ? x : pool(x));
}

const transitionExercise: ImplementationExercise<TransitionCase> = {
  id: '07.impl1',
  prompt:
    'Write a transition layer (Huang et al. 2017, §3 "Pooling layers", "Compression"): batch normalisation in inference mode, ' +
    'y = γ·(x − μ)/√(σ² + ε) + β per channel, then ReLU, then a 1×1 convolution from C to M = ⌊θ·C⌋ channels (kernel[c][m], no bias), ' +
    'then 2×2 average pooling with stride 2 and no padding, so the output is ⌊H/2⌋ × ⌊W/2⌋ × M (an odd last row or column is dropped, as in Keras).',
  signature:
    'transition(input: number[][][], bn: { gamma: number[]; beta: number[]; mean: number[]; variance: number[]; epsilon: number }, kernel: number[][]): number[][][]',
  cases: () => [
    transitionCase(6, 6, 4, 0.5, 7100),
    transitionCase(7, 5, 6, 0.5, 7200),
    transitionCase(8, 9, 5, 0.6, 7300),
    transitionCase(5, 4, 8, 0.25, 7400),
  ],
  call: (fn, c) => {
    const list = (a: Float32Array) => Array.from(a);
    return fn(
      toArray3(c.input),
      { gamma: list(c.bn.gamma), beta: list(c.bn.beta), mean: list(c.bn.movingMean), variance: list(c.bn.movingVariance), epsilon: c.bn.epsilon },
      nest(c.kernel, [c.input.shape[2], c.filters]),
    );
  },
  expected: (c) => runTransition(c),
  read: readArray3,
  tolerance: 1e-4,
  bugs: [
    {
      name: 'max pooling',
      hint: 'a transition layer AVERAGES each 2×2 window (the mean of its four values); it does not keep the largest.',
      produces: (c) => runTransition(c, { pool: 'maxPool' }),
    },
    {
      name: 'odd size rounded up',
      hint: 'the pooling has no padding: an H×W map gives ⌊H/2⌋ × ⌊W/2⌋ windows, and on an odd size the last row or column takes part in none of them.',
      produces: (c) => runTransition(c, { poolPadding: 'same' }),
    },
    {
      name: 'pool stride 1',
      hint: 'the 2×2 windows do not overlap: they move by 2 (stride 2), which is what halves the height and the width.',
      produces: (c) => runTransition(c, { poolStride: 1 }),
    },
    {
      name: 'pooled before the ReLU',
      hint: 'the pooling is the last step. Moving it in front of the 1×1 conv would change nothing (both are linear), but in front of the ReLU it does: the mean of ReLUs is not the ReLU of the mean.',
      produces: (c) => runTransition(c, { poolBeforeRelu: true }),
    },
    {
      name: 'forgot the ReLU',
      hint: 'between the BN and the 1×1 conv there is a ReLU (BN → ReLU → conv, the pre-activation order of the dense layers).',
      produces: (c) => runTransition(c, { relu: false }),
    },
    {
      name: 'ReLU before BN',
      hint: 'BN comes first, then the ReLU on the normalised values.',
      produces: (c) => runTransition(c, { reluBeforeBn: true }),
    },
    {
      name: 'forgot the BN',
      hint: 'the transition starts with batch normalisation of the block\u2019s output: (x − μ)/√(σ² + ε), times γ, plus β, channel by channel.',
      produces: (c) => runTransition(c, { bn: false }),
    },
  ],
  fallback:
    'Check the steps on the first case: BN and ReLU keep H×W×C, the 1×1 conv gives H×W×M with M the kernel\u2019s second size, and output[y][x][m] is the mean of the conv\u2019s values at rows 2y, 2y+1 and columns 2x, 2x+1.',
};

export const implementations: readonly ImplementationExercise[] = [implementationExercise(transitionExercise)];
