/**
 * Lesson 05's implementation exercises (see ../exercise.ts for how a
 * learner's function is checked):
 *
 *   05.impl1  h-swish, x · ReLU6(x + 3) / 6 (Howard et al. 2019 §5.2), on
 *             seeded lists that include the kinks at −3 and +3;
 *   05.impl2  the inverted residual block (Sandler et al. 2018 §3.3, Table 1):
 *             1×1 expand → ReLU6 → 3×3 depthwise (stride s, 'same') → ReLU6 →
 *             1×1 linear projection, plus the input when s = 1 and C = C'.
 *
 * The expected values come from the reference layers (activation,
 * pointwise and depthwise convolution, add); each bug's output is the same
 * computation with the one step changed.
 */
import { SCALAR_ACTIVATIONS, applyActivation } from '../../../layers/reference/activation';
import { add } from '../../../layers/reference/add';
import { depthwiseConv2d } from '../../../layers/reference/depthwise-conv2d';
import { pointwiseConv2d } from '../../../layers/reference/pointwise-conv2d';
import { uniformArray } from '../../../core/random';
import { fromArray, type Tensor3 } from '../../../core/tensor';
import type { ImplementationCase, ImplementationExercise } from '../exercise';
import { implementationExercise } from '../index';
import { nest, readArray1, readArray3, tensorValues, toArray3, type Values } from '../values';

// --- 05.impl1: h-swish ----------------------------------------------------------------

interface ListCase extends ImplementationCase {
  readonly x: readonly number[];
}

const listValues = (data: readonly number[]): Values => ({ shape: [data.length], data: [...data] });
const elementwise =
  (f: (x: number) => number) =>
  (c: ListCase): Values =>
    listValues(c.x.map(f));

/** Seeded values in [−span, span), rounded to two decimals so a learner can read them, with the kinks ±3 put in. */
function seededList(length: number, seed: number, span: number): number[] {
  const values = Array.from(uniformArray(length, seed, -span, span), (v) => Math.round(v * 100) / 100);
  values[1] = -3;
  values[length - 2] = 3;
  return values;
}

const { relu6, hardSigmoid, hardSwish, sigmoid } = SCALAR_ACTIVATIONS;

const hardSwishExercise: ImplementationExercise<ListCase> = {
  id: '05.impl1',
  prompt: 'Write h-swish, MobileNet v3\u2019s cheap swish (Howard et al. 2019 §5.2): h-swish(x) = x · ReLU6(x + 3) / 6, applied to every number of a list.',
  signature: 'hardSwish(x: number[]): number[]',
  cases: () => [
    { label: 'the kinks and ends: −6, −3, −1.5, 0, 1.5, 3, 6', x: [-6, -3, -1.5, 0, 1.5, 3, 6] },
    { label: '11 seeded values in [−5, 5), with −3 and 3', x: seededList(11, 501, 5) },
    { label: '16 seeded values in [−8, 8), with −3 and 3', x: seededList(16, 502, 8) },
  ],
  call: (fn, c) => fn([...c.x]),
  expected: elementwise(hardSwish),
  read: readArray1,
  tolerance: 1e-6,
  bugs: [
    {
      name: 'sigmoid instead of hard sigmoid',
      hint: 'that is swish, x · sigmoid(x), the function h-swish replaces. The point of h-swish is to need no exponential: the gate is ReLU6(x + 3) / 6, a straight ramp from 0 at x = −3 to 1 at x = 3.',
      produces: elementwise((x) => x * sigmoid(x)),
    },
    {
      name: 'forgot the /6',
      hint: 'ReLU6(x + 3) runs from 0 to 6; divide it by 6 so the gate runs from 0 to 1 and h-swish(x) = x for x ≥ 3.',
      produces: elementwise((x) => x * relu6(x + 3)),
    },
    {
      name: 'ReLU6 without the +3',
      hint: 'the gate is ReLU6(x + 3) / 6: shifted by 3, so that it is 1/2 at x = 0 and opens between −3 and 3. Without the shift it is 0 for every negative x.',
      produces: elementwise((x) => (x * relu6(x)) / 6),
    },
    {
      name: 'returned the hard sigmoid',
      hint: 'ReLU6(x + 3) / 6 is only the gate (the hard sigmoid, between 0 and 1); h-swish multiplies it by x.',
      produces: elementwise(hardSigmoid),
    },
  ],
  fallback: 'Work out h-swish at x = −4, −3, 0, 1.5, 3 and 5 by hand (0, 0, 0, 1.125, 3, 5) and compare with what your function returns.',
};

// --- 05.impl2: the inverted residual block -------------------------------------------------

interface BlockCase extends ImplementationCase {
  readonly input: Tensor3;
  /** [C, E]: the 1×1 expansion, E = t·C. */
  readonly expand: Float32Array;
  /** [3, 3, E]: the depthwise kernel. */
  readonly depthwise: Float32Array;
  /** [E, C']: the linear 1×1 projection. */
  readonly project: Float32Array;
  readonly expanded: number;
  readonly filters: number;
  readonly stride: number;
}

function blockCase(side: number, channels: number, expansion: number, filters: number, stride: number, seed: number): BlockCase {
  const expanded = expansion * channels;
  const residual = stride === 1 && channels === filters;
  return {
    label: `input ${side}×${side}×${channels}, t = ${expansion}, ${filters} output channels, stride ${stride}${residual ? ' (residual applies)' : ''}`,
    input: fromArray([side, side, channels], uniformArray(side * side * channels, seed, -3, 3)),
    expand: uniformArray(channels * expanded, seed + 1, -1, 1),
    depthwise: uniformArray(9 * expanded, seed + 2, -1, 1),
    project: uniformArray(expanded * filters, seed + 3, -1, 1),
    expanded,
    filters,
    stride,
  };
}

const relu6Map = (t: Tensor3): Tensor3 => ({ shape: t.shape, data: applyActivation('relu6', t.data, t.shape[2]) });
const reluMap = (t: Tensor3): Tensor3 => ({ shape: t.shape, data: applyActivation('relu', t.data, t.shape[2]) });
const hasResidual = (c: BlockCase): boolean => c.stride === 1 && c.input.shape[2] === c.filters;

interface BlockVariant {
  /** The activation after the expansion and after the depthwise step. */
  readonly activation?: (t: Tensor3) => Tensor3;
  /** Zero padding on the top/left instead of TF's bottom/right. */
  readonly padTopLeft?: boolean;
  readonly reluAfterProjection?: boolean;
  readonly residual?: 'rule' | 'never' | 'always';
  readonly reluAfterAdd?: boolean;
}

/**
 * Zero-pads a map for a 3×3 window at `stride` with the extra zero row and
 * column (when the padding is odd) at the top and left, the opposite of TF's
 * 'same'; a 'valid' window then gives the same output size.
 */
function padTopLeft(t: Tensor3, stride: number): Tensor3 {
  const [h, w, c] = t.shape;
  const total = Math.max((Math.ceil(h / stride) - 1) * stride + 3 - h, 0);
  const before = Math.ceil(total / 2);
  const side = h + total;
  const data = new Float32Array(side * side * c);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let k = 0; k < c; k++) data[((y + before) * side + x + before) * c + k] = t.data[(y * w + x) * c + k];
    }
  }
  return { shape: [side, side, c], data };
}

/** The block on the case, by the reference layers; a variant changes one step. */
function runBlock(c: BlockCase, variant: BlockVariant = {}): Values {
  const act = variant.activation ?? relu6Map;
  const expanded = act(pointwiseConv2d(c.input, { kind: 'pointwiseConv2d', filters: c.expanded }, { kernel: c.expand }).output);
  const depthwise = variant.padTopLeft
    ? depthwiseConv2d(padTopLeft(expanded, c.stride), { kind: 'depthwiseConv2d', kernelSize: 3, strides: c.stride, padding: 'valid' }, { kernel: c.depthwise })
    : depthwiseConv2d(expanded, { kind: 'depthwiseConv2d', kernelSize: 3, strides: c.stride, padding: 'same' }, { kernel: c.depthwise });
  let out = pointwiseConv2d(act(depthwise.output), { kind: 'pointwiseConv2d', filters: c.filters }, { kernel: c.project }).output;
  if (variant.reluAfterProjection) out = relu6Map(out);
  const residual = variant.residual ?? 'rule';
  if (residual === 'rule' && hasResidual(c)) out = add([c.input, out]).output;
  if (residual === 'always') out = addCropped(out, c.input);
  if (variant.reluAfterAdd) out = relu6Map(out);
  return tensorValues(out);
}

/** out[y][x][m] + input[y][x][m], reading the input at the output's indices: what adding the input regardless of shape gives. */
function addCropped(out: Tensor3, input: Tensor3): Tensor3 {
  const [h, w, m] = out.shape;
  const [, iw, ic] = input.shape;
  const data = new Float32Array(out.data);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) for (let k = 0; k < Math.min(m, ic); k++) data[(y * w + x) * m + k] += input.data[(y * iw + x) * ic + k];
  return { shape: out.shape, data };
}

const invertedResidualExercise: ImplementationExercise<BlockCase> = {
  id: '05.impl2',
  prompt:
    'Write the forward pass of MobileNet v2\u2019s inverted residual block (Sandler et al. 2018 §3.3, Table 1), batch norm left out: ' +
    '1×1 expansion to E = t·C channels (expand[c][e]) → ReLU6 → 3×3 depthwise convolution with stride s and TF \u2018same\u2019 padding (depthwise[i][j][e]) → ReLU6 → ' +
    '1×1 projection to C\u2032 channels with NO activation (project[e][m]); add the block\u2019s input when s = 1 and C = C\u2032.',
  signature: 'invertedResidual(input: number[][][], expand: number[][], depthwise: number[][][], project: number[][], stride: number): number[][][]',
  cases: () => [
    blockCase(6, 4, 2, 4, 1, 511),
    blockCase(8, 4, 2, 4, 2, 521),
    blockCase(6, 6, 3, 4, 1, 531),
    blockCase(5, 3, 4, 3, 1, 541),
    blockCase(7, 4, 2, 4, 2, 551),
    blockCase(8, 4, 3, 6, 2, 561),
    blockCase(5, 2, 6, 5, 1, 571),
  ],
  call: (fn, c) =>
    fn(
      toArray3(c.input),
      nest(c.expand, [c.input.shape[2], c.expanded]),
      nest(c.depthwise, [3, 3, c.expanded]),
      nest(c.project, [c.expanded, c.filters]),
      c.stride,
    ),
  expected: (c) => runBlock(c),
  read: readArray3,
  tolerance: 1e-4,
  bugs: [
    {
      name: 'residual missing',
      hint: 'this block keeps stride 1 and its channel count, so its input is added to the projection\u2019s output (the residual connection of Fig. 3b).',
      produces: (c) => runBlock(c, { residual: 'never' }),
    },
    {
      name: 'residual added across a shape change',
      hint: 'this block strides or changes the channel count, so its output and its input have different shapes: there is no residual to add (Sandler et al. 2018, Fig. 4d).',
      produces: (c) => runBlock(c, { residual: 'always' }),
    },
    {
      name: 'ReLU6 after the projection',
      hint: 'the 1×1 projection is the linear bottleneck: no activation after it (§3.2 — a ReLU on the narrow tensor destroys information).',
      produces: (c) => runBlock(c, { reluAfterProjection: true }),
    },
    {
      name: 'ReLU6 after the add',
      hint: 'the residual is added to the linear projection and nothing follows: an activation after the sum clips what the shortcut carries.',
      produces: (c) => runBlock(c, { reluAfterAdd: true }),
    },
    {
      name: 'ReLU instead of ReLU6',
      hint: 'the expansion and the depthwise step are followed by ReLU6, min(max(x, 0), 6): values above 6 are clipped to 6.',
      produces: (c) => runBlock(c, { activation: reluMap }),
    },
    {
      name: 'padding on the wrong side',
      hint: 'with stride 2 on an even size, TF\u2019s \u2018same\u2019 padding puts the one extra zero row and column at the bottom and right, not at the top and left.',
      produces: (c) => runBlock(c, { padTopLeft: true }),
    },
  ],
  fallback:
    'Check the steps one at a time on a small case: the expanded map is H×W×E, the depthwise output ⌈H/s⌉×⌈W/s⌉×E (padding split as TF does, extra at the bottom/right), the projection ⌈H/s⌉×⌈W/s⌉×C\u2032; ReLU6 only after the first two.',
};

export const implementations: readonly ImplementationExercise[] = [implementationExercise(hardSwishExercise), implementationExercise(invertedResidualExercise)];
