/**
 * Symbolic cost ratios, derived by mathjs from the formulas in ./formulas.ts
 * rather than typed in by hand.
 *
 * The MobileNet paper (Howard et al. 2017, eq. (5)) states that depthwise
 * separable convolution costs 1/N + 1/D_K² of a standard one (N = M output
 * channels, D_K = K kernel size). Here: take separableMacs and conv2dMacs,
 * set stride 1 with same padding (H_out = H, W_out = W), a square kernel
 * (K_h = K_w = K), d = 1, g = 1, divide, and simplify. Each term of the
 * separable sum is simplified on its own, so the result reads as the
 * depthwise share plus the pointwise share: 1/M + 1/K².
 */
import type { MathNode } from 'mathjs';
import { ConvkitInputError } from '../core/errors';
import { conv2dMacs, depthwiseMacs, math, pointwiseMacs, separableMacs, substitute, symbolsOf, toTex, type Formula, type SymbolName } from './formulas';

/** A simplified symbolic expression: its tree, its text and its LaTeX. */
export interface SymbolicResult {
  readonly node: MathNode;
  /** mathjs text, e.g. `1 / M + 1 / K ^ 2`. */
  readonly text: string;
  readonly tex: string;
  readonly symbols: readonly SymbolName[];
  /** Evaluates the simplified expression at the given sizes. */
  evaluate(scope: Partial<Record<SymbolName, number>>): number;
}

/** Stride 1, same padding, square K×K kernel, no depth multiplier, no groups. */
export const STRIDE_ONE_SQUARE_KERNEL: Readonly<Record<string, string>> = {
  Hout: 'H',
  Wout: 'W',
  Kh: 'K',
  Kw: 'K',
  d: '1',
  g: '1',
};

function result(node: MathNode): SymbolicResult {
  const compiled = node.compile();
  const symbols = symbolsOf(node);
  const text = node.toString();
  return {
    node,
    text,
    tex: toTex(node),
    symbols,
    evaluate: (scope) => {
      if (typeof scope !== 'object' || scope === null) {
        throw new ConvkitInputError('scope', scope, `must be an object giving ${symbols.join(', ')}`);
      }
      // A ratio divides by its sizes, so each must be a finite number > 0 (then so is the ratio).
      const values: Record<string, number> = {};
      for (const symbol of symbols) {
        const value: unknown = scope[symbol];
        if (value === undefined) throw new ConvkitInputError(symbol, value, `must be given to evaluate ${text}`);
        if (symbol === 'b' && (value === 0 || value === 1)) {
          values[symbol] = value;
          continue;
        }
        if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
          throw new ConvkitInputError(symbol, value, `must be a finite number > 0 to evaluate ${text}`);
        }
        values[symbol] = value;
      }
      const ratio = compiled.evaluate(values) as number;
      if (!Number.isFinite(ratio)) throw new ConvkitInputError('scope', JSON.stringify(values), `gives ${ratio} for ${text}; the sizes are too extreme`);
      return ratio;
    },
  };
}

/** The top-level terms of a sum (a single term if the tree is not a sum). */
function sumTerms(node: MathNode): MathNode[] {
  const op = node as unknown as { type: string; fn?: string; args?: MathNode[] };
  if (op.type === 'OperatorNode' && op.fn === 'add' && op.args) return op.args.flatMap(sumTerms);
  if (op.type === 'ParenthesisNode') return sumTerms((node as unknown as { content: MathNode }).content);
  return [node];
}

/**
 * numerator / denominator under `assumptions` (symbol → expression),
 * simplified term by term over the numerator's sum.
 */
export function symbolicRatio(
  numerator: Formula,
  denominator: Formula,
  assumptions: Readonly<Record<string, string>> = STRIDE_ONE_SQUARE_KERNEL,
): SymbolicResult {
  for (const [field, formula] of [
    ['numerator', numerator],
    ['denominator', denominator],
  ] as const) {
    if (typeof formula !== 'object' || formula === null || typeof (formula as Formula).node?.compile !== 'function') {
      throw new ConvkitInputError(field, formula, 'must be a Formula of src/cost/formulas.ts (e.g. separableMacs)');
    }
  }
  if (typeof assumptions !== 'object' || assumptions === null || Object.values(assumptions).some((value) => typeof value !== 'string')) {
    throw new ConvkitInputError('assumptions', assumptions, 'must map symbols to expressions, e.g. { Hout: "H" }');
  }
  let top: MathNode;
  let bottom: MathNode;
  try {
    top = substitute(numerator.node, assumptions);
    bottom = substitute(denominator.node, assumptions);
  } catch (error) {
    throw new ConvkitInputError('assumptions', assumptions, `must hold expressions mathjs can parse (${(error as Error).message})`);
  }
  const shares = sumTerms(top).map((term) => math.simplify(new math.OperatorNode('/', 'divide', [term, bottom.cloneDeep()])));
  const sum = shares.reduce((acc, share) => new math.OperatorNode('+', 'add', [acc, share]));
  return result(sum);
}

/** Depthwise separable / standard convolution MACs: simplifies to 1/M + 1/K². */
export function separableToStandardRatio(): SymbolicResult {
  return symbolicRatio(separableMacs, conv2dMacs);
}

/** Depthwise / standard convolution MACs: 1/M (with d = 1, so M = C would be its output). */
export function depthwiseToStandardRatio(): SymbolicResult {
  return symbolicRatio(depthwiseMacs, conv2dMacs);
}

/** Pointwise / standard convolution MACs at stride 1: 1/K². */
export function pointwiseToStandardRatio(): SymbolicResult {
  return symbolicRatio(pointwiseMacs, conv2dMacs);
}

/**
 * A formula in the form lessons 01–03 teach: stride 1, "same" padding, a
 * square K×K kernel, no groups, depth multiplier 1. The general formulas
 * carry H_out, K_h, K_w, C/g and d because the cost model handles every
 * layer of the zoo; substituting STRIDE_ONE_SQUARE_KERNEL into the same
 * mathjs expression, and dropping only the "/ 1" and "· 1" that leaves,
 * gives H·W·K·K·C·M, the form of the MobileNet paper (Howard et al. 2017,
 * arXiv:1704.04861, eqs. 2–3). So a lesson's LaTeX is printed from the
 * expression that computes its numbers.
 */
export function strideOneForm(formula: Formula): { readonly text: string; readonly tex: string } {
  const node = math.simplifyCore(substitute(formula.node, STRIDE_ONE_SQUARE_KERNEL));
  return { text: node.toString(), tex: toTex(node) };
}

/** True when mathjs simplifies a − b to 0: a symbolic equivalence check. */
export function simplifiesToZero(a: MathNode | string, b: MathNode | string): boolean {
  const left = typeof a === 'string' ? math.parse(a) : a;
  const right = typeof b === 'string' ? math.parse(b) : b;
  const difference = math.simplify(new math.OperatorNode('-', 'subtract', [left, right]));
  return difference.toString() === '0';
}
