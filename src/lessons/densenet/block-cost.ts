/**
 * What a dense block costs as its growth rate k and its number of layers L
 * grow, and what the DenseNet-B bottleneck (a 1×1 conv to 4k before each
 * 3×3 conv; Huang et al. 2017, arXiv:1608.06993, §3 "Bottleneck layers")
 * saves. Every number is summarize() of a real block spec from the zoo's
 * builder (`denseBlockSpec`), so it is the cost of the block a learner runs.
 */
import { summarize } from '../../cost/summary';
import { ConvkitInputError, requireInteger } from '../../core/errors';
import { denseBlockSpec } from '../../models/one-block';
import type { Shape3 } from '../../core/spec';

/** One block of the grid. */
export interface BlockCostPoint {
  readonly growthRate: number;
  readonly layers: number;
  readonly bottleneck: boolean;
  readonly outputChannels: number;
  readonly macs: number;
  /** Trainable parameters: conv weights and BN γ/β (what the DenseNet paper's Table 2 counts). */
  readonly params: number;
}

function requireList(field: string, values: readonly number[]): number[] {
  if (!Array.isArray(values) || values.length === 0) throw new ConvkitInputError(field, values, 'must be a non-empty array of positive integers');
  return values.map((v, i) => requireInteger(`${field}[${i}]`, v));
}

/** Cost of one block: `layers` dense layers on `input` with growth rate k. */
export function blockCost(input: Shape3, growthRate: number, layers: number, bottleneck: boolean): BlockCostPoint {
  const summary = summarize(denseBlockSpec(input, { layers, growthRate, bottleneck }));
  const out = summary.rows[summary.rows.length - 1].outputShape;
  return { growthRate, layers, bottleneck, outputChannels: out[2], macs: summary.macs, params: summary.params.trainable };
}

/** Every (k, L) pair of the two lists, in row-major order (k outer). */
export function growthDepthGrid(input: Shape3, growthRates: readonly number[], layerCounts: readonly number[], bottleneck = false): BlockCostPoint[] {
  const ks = requireList('growthRates', growthRates);
  const ls = requireList('layerCounts', layerCounts);
  return ks.flatMap((k) => ls.map((L) => blockCost(input, k, L, bottleneck)));
}

/** One dense layer, plain next to bottleneck. */
export interface BottleneckComparison {
  /** 1 … L. */
  readonly layer: number;
  /** C_l = k0 + (l − 1)·k. */
  readonly inputChannels: number;
  readonly plainMacs: number;
  readonly bottleneckMacs: number;
  /** bottleneckMacs / plainMacs: below 1 the bottleneck saves. */
  readonly ratio: number;
}

/**
 * Layer by layer, the MACs of a plain dense layer (3×3 conv C_l → k) and of
 * a bottleneck one (1×1 C_l → 4k, 3×3 4k → k), read from the rows of the two
 * block specs. Plain costs 9·C_l·k per pixel, bottleneck 4k·C_l + 36k², so
 * the bottleneck wins once C_l > 7.2·k: early layers of a block with small
 * k0 may cost more with it, deep layers far less.
 */
export function bottleneckByLayer(input: Shape3, growthRate: number, layers: number): BottleneckComparison[] {
  const perLayer = (bottleneck: boolean): number[] => {
    const summary = summarize(denseBlockSpec(input, { layers, growthRate, bottleneck }));
    const macs = new Array<number>(layers).fill(0);
    for (const row of summary.rows) {
      const match = /_block(\d+)_/.exec(row.name);
      if (match) macs[Number(match[1]) - 1] += row.macs;
    }
    return macs;
  };
  const plain = perLayer(false);
  const bc = perLayer(true);
  return plain.map((p, i) => ({
    layer: i + 1,
    inputChannels: input[2] + i * growthRate,
    plainMacs: p,
    bottleneckMacs: bc[i],
    ratio: bc[i] / p,
  }));
}

/** The input channels C_l above which a bottleneck layer costs fewer MACs than a plain one: 36k² / 5k = 7.2·k. */
export function bottleneckBreakEvenChannels(growthRate: number): number {
  const k = requireInteger('growthRate', growthRate);
  return (36 * k * k) / (5 * k);
}
