/**
 * Lesson helpers for 01–03 (standard, depthwise and pointwise convolution):
 * filters for the photo, one output value taken apart, cost grids for the
 * charts, the three-view check (formula, counted, TF.js) with its check that
 * the weights differ per channel and per filter, channel mixing, and the
 * 1×1-conv-as-matMul demonstration; and for lesson 04 the sentences that read
 * its latency and tiny-network measurements. Notebooks import it as
 *
 *   import { compareThreeViews, kernelFilterGrid } from "../lib/lessons/conv-basics";
 */
export * from './photo-kernels';
export * from './feature-maps';
export * from './one-output-value';
export * from './cost-grids';
export * from './three-views';
export * from './distinct-weights';
export * from './channel-mixing';
export * from './pointwise-matmul';
export * from './formula-tex';
export * from './spatial-footprint';
export * from './latency-reading';
export * from './tiny-nets-reading';
