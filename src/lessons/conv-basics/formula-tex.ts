/**
 * The cost model's formulas in the form lessons 01–03 teach: stride 1,
 * "same" padding, a square K×K kernel, no groups, depth multiplier 1.
 *
 * The general formulas (src/cost/formulas.ts) carry H_out, K_h, K_w, C/g and
 * d, because the cost model must handle every layer of the zoo. Substituting
 * H_out = H, W_out = W, K_h = K_w = K, g = d = 1 into the SAME mathjs
 * expression — and only dropping the resulting "/ 1" and "· 1" — gives
 * H·W·K·K·C·M, the form of the MobileNet paper (Howard et al. 2017,
 * arXiv:1704.04861, eqs. 2–3), so the notebook's LaTeX is still printed from
 * the expression that computes the numbers, not typed in.
 */
import { math, substitute, toTex, type Formula } from '../../cost/formulas';
import { STRIDE_ONE_SQUARE_KERNEL } from '../../cost/symbolic';

/** The formula's mathjs text and LaTeX at stride 1, same padding, K×K, g = d = 1. */
export function strideOneForm(formula: Formula): { readonly text: string; readonly tex: string } {
  const node = math.simplifyCore(substitute(formula.node, STRIDE_ONE_SQUARE_KERNEL));
  return { text: node.toString(), tex: toTex(node) };
}
