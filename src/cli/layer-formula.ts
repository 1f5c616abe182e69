/**
 * Which cost formula (src/cost/formulas.ts) a layer kind uses, and the sizes
 * to put into it, so `convkit layer` can show the formula as text, the values
 * of its symbols, and the number they give: the learner sees how the count
 * comes about, not only the count.
 */
import {
  batchNormTrainableParams,
  conv2dMacs,
  conv2dParams,
  denseMacs,
  denseParams,
  depthwiseMacs,
  depthwiseParams,
  pointwiseMacs,
  pointwiseParams,
  separableMacs,
  separableParams,
  squeezeExciteMacs,
  squeezeExciteParams,
  type Formula,
  type FormulaScope,
} from '../cost';
import type { NormalizedLayer } from '../models/defaults';
import type { LayerKind, Shape3 } from '../models/spec';

export interface LayerFormulas {
  /** MACs formula, or undefined for layers without conv/dense work. */
  readonly macs?: Formula;
  /** Trainable-parameter formula (BN's non-trainable half is the same 2·C). */
  readonly params?: Formula;
}

/** The formulas of each layer kind; kinds without MACs or weights have none. */
export const FORMULAS_BY_KIND: Readonly<Partial<Record<LayerKind, LayerFormulas>>> = {
  conv2d: { macs: conv2dMacs, params: conv2dParams },
  depthwiseConv2d: { macs: depthwiseMacs, params: depthwiseParams },
  pointwiseConv2d: { macs: pointwiseMacs, params: pointwiseParams },
  separableConv2d: { macs: separableMacs, params: separableParams },
  dense: { macs: denseMacs, params: denseParams },
  squeezeExcite: { macs: squeezeExciteMacs, params: squeezeExciteParams },
  batchNorm: { params: batchNormTrainableParams },
};

/**
 * The symbol values for `layer` on `input` giving `output`, with the names of
 * formulas.ts (H, W, C, Hout, Wout, Kh, Kw, M, g, d, b, U, S).
 */
export function formulaScope(layer: NormalizedLayer, input: Shape3, output: Shape3): FormulaScope {
  const [H, W, C] = input;
  const [Hout, Wout] = output;
  switch (layer.kind) {
    case 'conv2d':
      return { Hout, Wout, Kh: layer.kernelSize[0], Kw: layer.kernelSize[1], C, g: layer.groups, M: layer.filters, b: bit(layer.useBias) };
    case 'depthwiseConv2d':
      return { Hout, Wout, Kh: layer.kernelSize[0], Kw: layer.kernelSize[1], C, d: layer.depthMultiplier, b: bit(layer.useBias) };
    case 'pointwiseConv2d':
      return { H, W, C, M: layer.filters, b: bit(layer.useBias) };
    case 'separableConv2d':
      return { Hout, Wout, Kh: layer.kernelSize[0], Kw: layer.kernelSize[1], C, d: layer.depthMultiplier, M: layer.filters, b: bit(layer.useBias) };
    case 'dense':
      return { H, W, C, U: layer.units, b: bit(layer.useBias) };
    case 'squeezeExcite':
      return { C, S: layer.squeezeChannels };
    case 'batchNorm':
      return { C };
    default:
      return {};
  }
}

function bit(flag: boolean): number {
  return flag ? 1 : 0;
}

/** Only the symbols a formula reads, in its order: "Hout = 56, Wout = 56, Kh = 3, …". */
export function describeScope(formula: Formula, scope: FormulaScope): string {
  return formula.symbols.map((symbol) => `${symbol} = ${scope[symbol]}`).join(', ');
}

/** The scope restricted to the symbols of the given formulas (for JSON). */
export function usedScope(formulas: readonly (Formula | undefined)[], scope: FormulaScope): FormulaScope {
  const used: Record<string, number> = {};
  for (const formula of formulas) {
    for (const symbol of formula?.symbols ?? []) {
      const value = scope[symbol];
      if (value !== undefined) used[symbol] = value;
    }
  }
  return used;
}
