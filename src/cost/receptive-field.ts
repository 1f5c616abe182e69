/**
 * The receptive field of a stack of sliding windows: how many input pixels,
 * along one axis, one output value of the last layer depends on.
 *
 * Layer l has kernel K_l, stride S_l and dilation D_l. Two neighbouring
 * outputs of layer l − 1 lie J_{l−1} input pixels apart (the "jump", the
 * product of the strides below), so the K_l taps of layer l, D_l outputs
 * apart, reach D_l·(K_l − 1)·J_{l−1} input pixels further than one tap:
 *
 *   r_0 = 1,  J_0 = 1
 *   r_l = r_{l−1} + D_l·(K_l − 1)·J_{l−1}
 *   J_l = J_{l−1}·S_l
 *
 * (Araujo, Norris & Sim 2019, "Computing receptive fields of convolutional
 * neural networks", Distill, write the same sum in closed form.) Padding
 * does not change r for outputs away from the border: it only decides where
 * the first window starts. Two stacked 3×3 layers see 5×5 pixels and three
 * see 7×7 (Simonyan & Zisserman 2015, §2.3); dilations 1, 2, 4, … double the
 * field with every layer, 2^(l+1) − 1 (Yu & Koltun 2016, §3).
 *
 * The rule is checked against a brute-force count — a single-pixel impulse
 * run through the reference convolutions — in
 * test/cost/receptive-field.test.ts.
 */
import { ConvkitInputError, requireInteger } from '../core/errors';

/** One sliding-window layer along one axis; stride and dilation default to 1. */
export interface WindowLayer {
  readonly kernel: number;
  readonly stride?: number;
  readonly dilation?: number;
}

/** The field after `depth` layers (depth 0: the input pixel itself). */
export interface ReceptiveFieldStep {
  readonly depth: number;
  /** r_depth: input pixels one output value depends on, along one axis. */
  readonly size: number;
  /** J_depth: input pixels between two neighbouring outputs (the product of the strides). */
  readonly jump: number;
}

function checkLayer(layer: WindowLayer, index: number): Required<WindowLayer> {
  if (layer === null || typeof layer !== 'object') throw new ConvkitInputError(`layers[${index}]`, layer, 'must be { kernel, stride?, dilation? }');
  return {
    kernel: requireInteger(`layers[${index}].kernel`, layer.kernel),
    stride: requireInteger(`layers[${index}].stride`, layer.stride ?? 1),
    dilation: requireInteger(`layers[${index}].dilation`, layer.dilation ?? 1),
  };
}

/** r and J after each layer of the stack, from depth 0 (the input) to depth L. */
export function receptiveFieldSteps(layers: readonly WindowLayer[]): ReceptiveFieldStep[] {
  if (!Array.isArray(layers)) throw new ConvkitInputError('layers', layers, 'must be an array of { kernel, stride?, dilation? }');
  const steps: ReceptiveFieldStep[] = [{ depth: 0, size: 1, jump: 1 }];
  layers.forEach((layer, i) => {
    const { kernel, stride, dilation } = checkLayer(layer, i);
    const below = steps[steps.length - 1];
    steps.push({ depth: i + 1, size: below.size + dilation * (kernel - 1) * below.jump, jump: below.jump * stride });
  });
  return steps;
}

/** r_L: the receptive field of the whole stack, along one axis. */
export function receptiveField(layers: readonly WindowLayer[]): number {
  const steps = receptiveFieldSteps(layers);
  return steps[steps.length - 1].size;
}

/**
 * How many copies of `layer`, stacked, until the receptive field reaches at
 * least `target` pixels (0 when one pixel is already enough). Throws when
 * the field never grows (a 1×1 kernel).
 */
export function layersToCover(target: number, layer: WindowLayer): number {
  requireInteger('target', target);
  if (target <= 1) return 0;
  if (layer?.kernel === 1) throw new ConvkitInputError('layer.kernel', 1, 'must be larger than 1: a 1×1 kernel never widens the receptive field');
  const { kernel, stride, dilation } = checkLayer(layer, 0);
  // The same recurrence as receptiveFieldSteps, one layer at a time.
  let size = 1;
  let jump = 1;
  let depth = 0;
  while (size < target) {
    size += dilation * (kernel - 1) * jump;
    jump *= stride;
    depth++;
  }
  return depth;
}
