/**
 * Reference layers: plain TypeScript loops over Float32Array (NHWC, a batch
 * of one) that follow each layer's formula and count the multiply-adds they
 * perform. Slow but readable — open a file next to its lesson.
 */
export * from '../../core/tensor';
export * from '../../core/random';
export * from './window';
export * from './conv2d';
export * from './depthwise-conv2d';
export * from './pointwise-conv2d';
export * from './separable-conv2d';
export * from './batch-norm';
export * from './activation';
export * from './pool';
export * from './global-avg-pool';
export * from './dense';
export * from './add';
export * from './concat';
export * from './squeeze-excite';
export * from './zero-pad-shortcut';
export * from './weights';
export * from './layer-result';
export * from './run-layer';
export * from './run-model';
