/**
 * Lesson helpers for 01–03 (standard, depthwise and pointwise convolution):
 * filters for the photo, one output value taken apart, cost grids for the
 * charts, the three-view check (formula, counted, TF.js) with its check that
 * the weights differ per channel and per filter, channel mixing, and the
 * 1×1-conv-as-matMul demonstration, where a window's taps land along one axis; and for lesson 04 the sentences that read
 * its tiny-network measurements. Each notebook reaches them through its entry
 * module (src/lessons/01-standard-convolution.ts, …).
 */
export * from './photo-kernels';
export * from './feature-maps';
export * from './one-output-value';
export * from './cost-grids';
export * from './three-views';
export * from './distinct-weights';
export * from './channel-mixing';
export * from './pointwise-matmul';
export * from './spatial-footprint';
export * from './tiny-nets-reading';
export * from './window-positions';
