/**
 * What a reference layer returns: besides its output, the multiply-adds its
 * own loops performed, so the count the cost model predicts can be held
 * against work that was actually done.
 */
import type { Tensor3 } from '../../core/tensor';

/** What every reference layer returns: its output and the multiply-adds its loops performed. */
export interface LayerResult {
  readonly output: Tensor3;
  /**
   * Multiply-accumulates counted while the loops ran (conv and dense work only,
   * as in the cost model; elementwise layers return 0). Taps that fall on zero
   * padding are counted too, because the formula H·W·K·K·C·M (and TF/Keras and
   * the papers) counts every kernel tap; see conv2d.ts for how.
   */
  readonly macs: number;
}
