/**
 * How `convkit layer` shows a formula next to its number: the symbols it
 * reads with their values. The formulas themselves (LAYER_FORMULAS) and the
 * sizes they are evaluated at (formulaScope) come from the cost model
 * (src/cost/formulas.ts, src/cost/layer-cost.ts), the very ones layerCost
 * evaluates, so the printed formula and sizes are what gave the printed count.
 */
import type { Formula, FormulaScope } from '../cost';

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
