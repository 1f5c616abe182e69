/**
 * How the channels grow inside a dense block (Huang et al. 2017,
 * arXiv:1608.06993, §3 "Growth rate"): layer l reads the block input and the
 * outputs of layers 1 … l−1 side by side, k0 + (l−1)·k channels, and adds k
 * new ones, so after layer l the running feature map has k0 + l·k channels
 * while its height and width never change.
 *
 * Two ways to get the same numbers, which a lesson prints side by side:
 *   - `channelsAfterLayer(k0, k, l)`: the formula;
 *   - `traceDenseBlock(spec, input)`: run the block through the reference
 *     loops and read the shape of every concatenation that actually ran.
 */
import { ConvkitInputError, requireInteger } from '../../core/errors';
import type { ModelSpec, Shape3 } from '../../core/spec';
import { runModel } from '../../layers/reference/run-model';
import type { Tensor3 } from '../../core/tensor';

/** k0 + l·k: channels of the running feature map after l dense layers. */
export function channelsAfterLayer(inputChannels: number, growthRate: number, layer: number): number {
  const k0 = requireInteger('inputChannels', inputChannels);
  const k = requireInteger('growthRate', growthRate);
  const l = requireInteger('layer', layer, 0);
  return k0 + l * k;
}

/** One step of a dense block as it ran. */
export interface GrowthStep {
  /** 0 is the block input; 1 … L the dense layers. */
  readonly layer: number;
  /** Channels of the running (concatenated) feature map after this layer, as it ran. */
  readonly channels: number;
  /** The formula k0 + l·k for the same layer. */
  readonly formulaChannels: number;
  readonly height: number;
  readonly width: number;
  /** Multiply-adds the reference loops counted for this layer (its convolutions). */
  readonly countedMacs: number;
}

/**
 * Runs a dense block spec (from `denseBlockSpec`) on a real feature map and
 * reports, per layer, the shape of the concatenation that ran and the
 * multiply-adds the loops counted. Layers are told apart by their node names
 * (`…_block<l>_…`), as the zoo's denseBlock writes them.
 */
export function traceDenseBlock(spec: ModelSpec, input: Tensor3, growthRate: number, seed = 0): GrowthStep[] {
  const k = requireInteger('growthRate', growthRate);
  const run = runModel(spec, input, { seed });
  const [height, width, k0] = input.shape;
  const steps: GrowthStep[] = [{ layer: 0, channels: k0, formulaChannels: k0, height, width, countedMacs: 0 }];
  let macs = 0;
  for (const layer of run.layers) {
    macs += layer.macs;
    if (layer.kind !== 'concat') continue;
    const l = steps.length;
    const [h, w, c] = layer.outputShape;
    steps.push({ layer: l, channels: c, formulaChannels: channelsAfterLayer(k0, k, l), height: h, width: w, countedMacs: macs });
    macs = 0;
  }
  if (steps.length === 1) throw new ConvkitInputError('spec', spec.name, 'must be a dense block (it has no concatenation)');
  return steps;
}

/** Throws unless every traced layer has k0 + l·k channels and the input's height and width. */
export function assertGrowthMatchesFormula(steps: readonly GrowthStep[]): void {
  const first = steps[0];
  for (const step of steps) {
    if (step.channels !== step.formulaChannels) {
      throw new Error(`layer ${step.layer}: ${step.channels} channels ran, the formula k0 + l·k says ${step.formulaChannels}`);
    }
    if (step.height !== first.height || step.width !== first.width) {
      throw new Error(`layer ${step.layer}: the map became ${step.height}×${step.width}, but a dense block keeps ${first.height}×${first.width}`);
    }
  }
}

/**
 * Largest |difference| between the block output's first k0 channels and the
 * block input: concatenation copies earlier features unchanged, so this is 0.
 */
export function inputChannelsCarriedThrough(input: Tensor3, output: Tensor3): number {
  const [h, w, k0] = input.shape;
  const c = output.shape[2];
  if (output.shape[0] !== h || output.shape[1] !== w || c < k0) {
    throw new ConvkitInputError('output.shape', [...output.shape], `must be ${h}×${w}×(at least ${k0}) to carry the input through`);
  }
  let worst = 0;
  for (let p = 0; p < h * w; p++) {
    for (let ch = 0; ch < k0; ch++) worst = Math.max(worst, Math.abs(output.data[p * c + ch] - input.data[p * k0 + ch]));
  }
  return worst;
}

/** Channel `channel` of a tensor as an H×W×1 map (for showImage). */
export function channelMap(tensor: Tensor3, channel: number): Tensor3 {
  const [h, w, c] = tensor.shape;
  if (!(Number.isInteger(channel) && channel >= 0 && channel < c)) {
    throw new ConvkitInputError('channel', channel, `must be an integer in [0, ${c - 1}]`);
  }
  const data = new Float32Array(h * w);
  for (let p = 0; p < h * w; p++) data[p] = tensor.data[p * c + channel];
  const shape: Shape3 = [h, w, 1];
  return { shape, data };
}
