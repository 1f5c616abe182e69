/**
 * One published figure held against the figure convkit computes from the same
 * architecture. For an entry of data/reference/*.json:
 *
 *   entry (model, options, quantity, value, unit, rounding)
 *     → summaryFor(model, options)           zoo spec → cost-model summary (cached)
 *     → quantityOf(summary, quantity, kind)  in base units (multiply-adds, parameters) or percent
 *     → toUnit(…, unit)                      in the entry's printed unit
 *     → agrees(entry, computedInUnit)        under the entry's rounding rule
 *
 * test/models/published.test.ts checks every entry this way, and the lessons
 * that print a paper's figure beside the kit's use the same functions, so the
 * two cannot disagree about what "reproduced" means.
 */
import { summarize } from '../cost/summary';
import type { ModelSummary, SummaryRow } from '../cost/types';
import { ConvkitInputError } from '../core/errors';
import type { LayerKind } from '../core/spec';
import { QUANTITIES, ROUNDING_MODES, UNIT_SCALE, isShare, type Quantity, type ReferenceEntry } from '../data/reference-tables';
import { buildModelSpec, type ZooOptions } from '../models/zoo';
import { missingConvBiases, totalKernelWeights } from './kernel-weights';

/**
 * A quantity of a summarised model in base units (multiply-adds,
 * parameters), or in percent for the shares; `layerKind` is required for
 * the shares.
 */
export function quantityOf(summary: ModelSummary, quantity: Quantity, layerKind?: LayerKind): number {
  const ofKind = (r: SummaryRow) => r.layer.kind === layerKind;
  if (isShare(quantity) && layerKind === undefined) {
    throw new ConvkitInputError('layerKind', layerKind, `is required for the quantity ${quantity}`);
  }
  switch (quantity) {
    case 'macs':
      return summary.macs;
    case 'trainableParams':
      return summary.params.trainable;
    case 'totalParams':
      return summary.params.total;
    case 'weights':
      return totalKernelWeights(summary.rows);
    case 'trainableParamsWithConvBias':
      return summary.params.trainable + missingConvBiases(summary);
    case 'totalParamsWithConvBias':
      return summary.params.total + missingConvBiases(summary);
    case 'macsShare':
      return (100 * summary.rows.filter(ofKind).reduce((sum, r) => sum + r.macs, 0)) / summary.macs;
    case 'weightsShare':
      return (100 * totalKernelWeights(summary.rows.filter(ofKind))) / totalKernelWeights(summary.rows);
    default:
      throw new ConvkitInputError('quantity', quantity, `must be one of ${QUANTITIES.join(', ')}`);
  }
}

/** A base-unit figure expressed in a printed unit, e.g. toUnit(2_834_161_664, 'billion multiply-adds') ≈ 2.834. */
export function toUnit(baseValue: number, unit: string): number {
  const scale = UNIT_SCALE[unit];
  if (scale === undefined) throw new ConvkitInputError('unit', unit, `must be one of ${Object.keys(UNIT_SCALE).join(', ')}`);
  return baseValue / scale;
}

/** Whether `computedInUnit` agrees with the printed `value` under the entry's rounding rule. */
export function agrees(entry: Pick<ReferenceEntry, 'value' | 'rounding'>, computedInUnit: number): boolean {
  const { mode, step } = entry.rounding;
  // Floating-point slack far below any printed digit.
  const slack = 1e-9 * Math.max(1, Math.abs(entry.value));
  switch (mode) {
    case 'exact':
      return computedInUnit === entry.value;
    case 'nearest':
      return Math.abs(computedInUnit - entry.value) <= step / 2 + slack;
    case 'truncate':
      return computedInUnit >= entry.value - slack && computedInUnit < entry.value + step - slack;
    case 'within':
      return Math.abs(computedInUnit - entry.value) <= step + slack;
    default:
      throw new ConvkitInputError('rounding.mode', mode, `must be one of ${ROUNDING_MODES.join(', ')}`);
  }
}

const summaries = new Map<string, ModelSummary>();

/** The cost-model summary of a zoo model, cached (several entries ask about the same model). */
export function summaryFor(model: string, options: ZooOptions = {}): ModelSummary {
  const key = `${model} ${JSON.stringify(options)}`;
  let summary = summaries.get(key);
  if (!summary) {
    summary = summarize(buildModelSpec(model, options));
    summaries.set(key, summary);
  }
  return summary;
}

/** The entry's quantity computed from the spec, in the entry's unit. */
export function computeQuantity(entry: ReferenceEntry): number {
  return inEntryUnit(entry, quantityOf(summaryFor(entry.model, entry.options as ZooOptions), entry.quantity, entry.layerKind));
}

/** A figure from quantityOf in the entry's printed unit (shares stay in percent). */
function inEntryUnit(entry: ReferenceEntry, computed: number): number {
  return isShare(entry.quantity) ? computed : toUnit(computed, entry.unit);
}

/** One published figure beside the computed one. */
export interface ReferenceComparison {
  readonly entry: ReferenceEntry;
  /** The computed figure in base units (or percent for shares). */
  readonly computed: number;
  /** The computed figure in the entry's unit. */
  readonly computedInUnit: number;
  readonly agrees: boolean;
}

/** Holds one entry against the spec. */
export function compareEntry(entry: ReferenceEntry): ReferenceComparison {
  const computed = quantityOf(summaryFor(entry.model, entry.options as ZooOptions), entry.quantity, entry.layerKind);
  const computedInUnit = inEntryUnit(entry, computed);
  return { entry, computed, computedInUnit, agrees: agrees(entry, computedInUnit) };
}
