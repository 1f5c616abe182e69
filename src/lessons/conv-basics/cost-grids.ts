/**
 * Tables of cost over a range of sizes, for the lessons' heatmaps and line
 * charts. Every number comes from the cost model (layerCost), so a chart
 * shows exactly what the formulas in src/cost/formulas.ts say.
 *
 * Rows are plain objects ready for src/plot's chart builders and showTable.
 */
import { ConvkitInputError, requireInteger } from '../../core/errors';
import { layerCost } from '../../cost/layer-cost';
import type { Conv2dSpec, LayerSpec, Shape3 } from '../../core/spec';

/** One cell of the (K, M) grid of a standard convolution. */
export interface KernelFilterCell {
  readonly K: number;
  readonly M: number;
  readonly macs: number;
  /** macs / 1e6, for axis titles in millions. */
  readonly mmacs: number;
  /** Trainable parameters (no bias). */
  readonly params: number;
}

/**
 * MACs and parameters of a standard K×K convolution (stride 1, same) on
 * `input` for every K in `kernelSizes` and M in `filterCounts`: the
 * heatmap of lesson 01, where the cost grows with K² along one axis and
 * linearly with M along the other.
 */
export function kernelFilterGrid(input: Shape3, kernelSizes: readonly number[], filterCounts: readonly number[]): KernelFilterCell[] {
  requireList('kernelSizes', kernelSizes);
  requireList('filterCounts', filterCounts);
  const cells: KernelFilterCell[] = [];
  for (const M of filterCounts) {
    for (const K of kernelSizes) {
      const cost = layerCost({ kind: 'conv2d', kernelSize: K, filters: M }, [input]);
      cells.push({ K, M, macs: cost.macs, mmacs: cost.macs / 1e6, params: cost.params.trainable });
    }
  }
  return cells;
}

/** One row of a resolution sweep. */
export interface ResolutionRow {
  /** Input height = width, pixels. */
  readonly side: number;
  readonly macs: number;
  readonly mmacs: number;
  /** macs relative to the first side of the sweep. */
  readonly relativeMacs: number;
  /** (side / first side)²: what the relative cost is if it grows with the pixel count. */
  readonly pixelRatio: number;
}

/**
 * MACs of `layer` on side×side×`channels` inputs for each side: doubling the
 * side quadruples the cost, because the work is repeated at every output pixel.
 */
export function resolutionSweep(layer: LayerSpec, channels: number, sides: readonly number[]): ResolutionRow[] {
  requireInteger('channels', channels);
  requireList('sides', sides);
  const first = sides[0];
  const firstMacs = layerCost(layer, [[first, first, channels]]).macs;
  return sides.map((side) => {
    const macs = layerCost(layer, [[side, side, channels]]).macs;
    return { side, macs, mmacs: macs / 1e6, relativeMacs: macs / firstMacs, pixelRatio: (side / first) ** 2 };
  });
}

/** One layer kind's cost on a shared input, next to a standard convolution's. */
export interface KindComparisonRow {
  readonly layer: string;
  readonly outputShape: string;
  readonly macs: number;
  readonly params: number;
  /** macs / the standard convolution's macs. */
  readonly macsVsStandard: number;
}

/**
 * Standard K×K conv to M channels, depthwise K×K, and pointwise to M on the
 * same input (stride 1, same, no bias): the table behind "depthwise is 1/M,
 * pointwise is 1/K² of standard" (MobileNet, Howard et al. 2017, §3.1).
 */
export function kindComparison(input: Shape3, kernelSize: number, filters: number): KindComparisonRow[] {
  const K = requireInteger('kernelSize', kernelSize);
  const M = requireInteger('filters', filters);
  const standard: Conv2dSpec = { kind: 'conv2d', kernelSize: K, filters: M };
  const layers: readonly [string, LayerSpec][] = [
    [`standard ${K}×${K} conv → ${M}`, standard],
    [`depthwise ${K}×${K}`, { kind: 'depthwiseConv2d', kernelSize: K }],
    [`pointwise 1×1 → ${M}`, { kind: 'pointwiseConv2d', filters: M }],
  ];
  const standardMacs = layerCost(standard, [input]).macs;
  return layers.map(([name, layer]) => {
    const cost = layerCost(layer, [input]);
    return {
      layer: name,
      outputShape: cost.outputShape.join('×'),
      macs: cost.macs,
      params: cost.params.trainable,
      macsVsStandard: cost.macs / standardMacs,
    };
  });
}

/** One point of a cost-over-M curve. */
export interface FilterSweepRow {
  readonly M: number;
  /** 'standard' or 'depthwise'. */
  readonly layer: string;
  readonly macs: number;
  readonly mmacs: number;
  /** depthwise macs / standard macs at this M: 1/M. */
  readonly depthwiseShare: number;
}

/**
 * MACs of a standard K×K conv to M channels and of a K×K depthwise conv
 * (depth multiplier 1) on the same input, for each M — the line chart of
 * lesson 02. The depthwise cost does not depend on M at all: it has no
 * filters that sum over channels, which is why it costs 1/M of the standard
 * layer (MobileNet, Howard et al. 2017, eq. (3) over eq. (2)).
 */
export function depthwiseVsStandardOverFilters(input: Shape3, kernelSize: number, filterCounts: readonly number[]): FilterSweepRow[] {
  const K = requireInteger('kernelSize', kernelSize);
  requireList('filterCounts', filterCounts);
  const depthwise = layerCost({ kind: 'depthwiseConv2d', kernelSize: K }, [input]).macs;
  const rows: FilterSweepRow[] = [];
  for (const M of filterCounts) {
    const standard = layerCost({ kind: 'conv2d', kernelSize: K, filters: M }, [input]).macs;
    const depthwiseShare = depthwise / standard;
    rows.push({ M, layer: 'standard', macs: standard, mmacs: standard / 1e6, depthwiseShare });
    rows.push({ M, layer: 'depthwise', macs: depthwise, mmacs: depthwise / 1e6, depthwiseShare });
  }
  return rows;
}

/** One point of a cost-over-groups curve. */
export interface GroupSweepRow {
  /** Channel groups g. */
  readonly g: number;
  /** Input channels each filter reads, C/g. */
  readonly channelsPerGroup: number;
  /** Filters in each group, M/g. */
  readonly filtersPerGroup: number;
  readonly macs: number;
  readonly mmacs: number;
  /** Trainable parameters (no bias): K·K·(C/g)·M. */
  readonly params: number;
  /** macs / the macs at g = 1 (the standard convolution): 1/g. */
  readonly macsVsStandard: number;
}

/**
 * MACs and parameters of one K×K convolution C → M (stride 1, same, no bias)
 * on `input` split into g channel groups, for each g in `groupCounts`: the
 * line from the standard convolution (g = 1) to the depthwise one (g = C = M).
 * Each filter reads C/g channels, so both counts fall as 1/g (grouped
 * convolution: Krizhevsky et al. 2012; ResNeXt, Xie et al. 2017, §3.3;
 * ShuffleNet, Zhang et al. 2018, §3.1). Every g must divide C and M (the cost
 * model refuses the rest).
 */
export function groupSweep(input: Shape3, kernelSize: number, filters: number, groupCounts: readonly number[]): GroupSweepRow[] {
  const K = requireInteger('kernelSize', kernelSize);
  const M = requireInteger('filters', filters);
  requireList('groupCounts', groupCounts);
  const standardMacs = layerCost({ kind: 'conv2d', kernelSize: K, filters: M }, [input]).macs;
  return groupCounts.map((g) => {
    const cost = layerCost({ kind: 'conv2d', kernelSize: K, filters: M, groups: g }, [input]);
    return {
      g,
      channelsPerGroup: input[2] / g,
      filtersPerGroup: M / g,
      macs: cost.macs,
      mmacs: cost.macs / 1e6,
      params: cost.params.trainable,
      macsVsStandard: cost.macs / standardMacs,
    };
  });
}

function requireList(field: string, values: readonly number[]): void {
  if (!Array.isArray(values) || values.length === 0) throw new ConvkitInputError(field, values, 'must be a non-empty list of positive integers');
  values.forEach((v, i) => requireInteger(`${field}[${i}]`, v));
}
