/**
 * The cost of one dense layer and of a whole dense block, written from the
 * cost model's own formulas (src/cost/formulas.ts) by substitution, so the
 * LaTeX a lesson shows is printed from the expressions that compute the
 * numbers, never typed in.
 *
 * Dense layer l of a block (Huang et al. 2017, arXiv:1608.06993, §3) reads
 * C_l = k0 + (l−1)·k channels on an H×W map:
 *   - plain (DenseNet):      BN → ReLU → 3×3 conv C_l → k
 *       MACs = H·W·3·3·C_l·k          (conv2dMacs with K = 3, M = k)
 *   - bottleneck (-B, -BC):  BN → ReLU → 1×1 conv C_l → 4k → BN → ReLU → 3×3 conv 4k → k
 *       MACs = H·W·C_l·4k + H·W·3·3·4k·k   (pointwiseMacs + conv2dMacs)
 *
 * Summed over l = 1 … L, the plain block costs
 *   H·W·9·k·(L·k0 + k·L·(L−1)/2),
 * linear in k0 but quadratic in L and in k: every layer reads all earlier
 * layers' outputs. `plainBlockMacsClosedForm` evaluates that sum in closed
 * form; the tests hold it against summarize() of real block specs.
 */
import type { MathNode } from 'mathjs';
import { conv2dMacs, conv2dParams, math, pointwiseMacs, pointwiseParams, substitute, SYMBOLS, type SymbolName } from '../../cost/formulas';
import { ConvkitInputError, requireInteger } from '../../core/errors';

/** Symbols of the dense-block formulas that the layer formulas do not have. */
const DENSE_SYMBOLS: Readonly<Record<string, string>> = {
  k0: 'k_0',
  k: 'k',
  l: 'l',
  L: 'L',
  theta: '\\theta',
};

/** LaTeX with the cost model's symbol names (H, W, C, …) plus k_0, k, l, L, θ. */
export function denseTex(node: MathNode): string {
  return node.toTex({
    parenthesis: 'auto',
    implicit: 'hide',
    handler: (child: MathNode) => {
      if (child.type !== 'SymbolNode') return undefined;
      const name = (child as unknown as { name: string }).name;
      if (name in DENSE_SYMBOLS) return `{${DENSE_SYMBOLS[name]}}`;
      if (name in SYMBOLS) return `{${SYMBOLS[name as SymbolName].tex}}`;
      return undefined;
    },
  });
}

/** A dense-block cost expression: its mathjs tree, LaTeX and an evaluator. */
export interface DenseFormula {
  readonly name: string;
  readonly expression: string;
  readonly tex: string;
  evaluate(scope: Readonly<Record<string, number>>): number;
}

function denseFormula(name: string, node: MathNode): DenseFormula {
  const simplified = math.simplifyCore(node);
  const compiled = simplified.compile();
  const needed = new Set<string>();
  simplified.traverse((child, path, parent) => {
    // A function's name (floor in ⌊θ·C⌋) is a SymbolNode too, but not a size to be given.
    const isFunctionName = parent?.type === 'FunctionNode' && path === 'fn';
    if (child.type === 'SymbolNode' && !isFunctionName) needed.add((child as unknown as { name: string }).name);
  });
  return {
    name,
    expression: simplified.toString(),
    tex: denseTex(simplified),
    evaluate(scope) {
      for (const symbol of needed) {
        const value = scope[symbol];
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          throw new ConvkitInputError(`${name}.${symbol}`, value, 'must be given as a finite number');
        }
      }
      // The zoo's transitionLayer keeps Math.floor(θ·C) channels; mathjs's own floor
      // rounds values within ~1e-12 of an integer up (floor(0.999999999999·2) = 2),
      // so the formula is evaluated with the floor the builder uses.
      return compiled.evaluate({ ...scope, floor: Math.floor }) as number;
    },
  };
}

/** Input channels of dense layer l: C_l = k0 + (l − 1)·k. */
const LAYER_INPUT = 'k0 + (l - 1) * k';
/** A 3×3, stride-1, "same" conv with no groups: what a dense layer's conv is. */
const THREE_BY_THREE = { Hout: 'H', Wout: 'W', Kh: '3', Kw: '3', g: '1', b: '0' };

/** MACs of plain dense layer l: conv2dMacs with C = k0 + (l−1)k, M = k, K = 3. */
export const plainLayerMacs = denseFormula('plainLayerMacs', substitute(conv2dMacs.node, { ...THREE_BY_THREE, C: LAYER_INPUT, M: 'k' }));

/** Weights of plain dense layer l (no bias; the BN adds 2·C_l trainable γ/β on top). */
export const plainLayerWeights = denseFormula('plainLayerWeights', substitute(conv2dParams.node, { ...THREE_BY_THREE, C: LAYER_INPUT, M: 'k' }));

/** MACs of bottleneck dense layer l: 1×1 conv C_l → 4k, then 3×3 conv 4k → k. */
export const bottleneckLayerMacs = denseFormula(
  'bottleneckLayerMacs',
  new math.OperatorNode('+', 'add', [
    substitute(pointwiseMacs.node, { C: LAYER_INPUT, M: '4 * k', b: '0' }),
    substitute(conv2dMacs.node, { ...THREE_BY_THREE, C: '4 * k', M: 'k' }),
  ]),
);

/** Weights of bottleneck dense layer l (BN γ/β not included). */
export const bottleneckLayerWeights = denseFormula(
  'bottleneckLayerWeights',
  new math.OperatorNode('+', 'add', [
    substitute(pointwiseParams.node, { C: LAYER_INPUT, M: '4 * k', b: '0' }),
    substitute(conv2dParams.node, { ...THREE_BY_THREE, C: '4 * k', M: 'k' }),
  ]),
);

/** The transition's 1×1 conv: pointwiseMacs with M = ⌊θ·C⌋, at the block's full H×W (the pooling comes after). */
export const transitionMacs = denseFormula('transitionMacs', substitute(pointwiseMacs.node, { M: 'floor(theta * C)', b: '0' }));

/** The transition's 1×1 conv weights: C·⌊θ·C⌋ (its BN adds 2C trainable and 2C moving statistics). */
export const transitionWeights = denseFormula('transitionWeights', substitute(pointwiseParams.node, { M: 'floor(theta * C)', b: '0' }));

/**
 * A plain dense block's MACs, Σ_{l=1..L} H·W·9·C_l·k, in closed form:
 * H·W·9·k·(L·k0 + k·L(L−1)/2).
 */
export function plainBlockMacsClosedForm(height: number, width: number, inputChannels: number, growthRate: number, layers: number): number {
  const H = requireInteger('height', height);
  const W = requireInteger('width', width);
  const k0 = requireInteger('inputChannels', inputChannels);
  const k = requireInteger('growthRate', growthRate);
  const L = requireInteger('layers', layers);
  return H * W * 9 * k * (L * k0 + (k * L * (L - 1)) / 2);
}

/** LaTeX of the block sum, built around the per-layer formula's own LaTeX. */
export function blockSumTex(layer: DenseFormula): string {
  return `\\text{MACs}_{\\text{block}} = \\sum_{l=1}^{L} ${layer.tex} = H \\cdot W \\cdot 9 \\cdot k \\left(L\\,k_0 + k\\,\\frac{L(L-1)}{2}\\right)`;
}
