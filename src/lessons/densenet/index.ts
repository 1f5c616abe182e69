/**
 * Lesson helpers for 06 (Dense Block) and 07 (Transition Layer), following
 * Huang et al. 2017, "Densely Connected Convolutional Networks",
 * arXiv:1608.06993; each notebook reaches them through its entry module
 * (src/lessons/06-dense-block.ts, src/lessons/07-transition-layer.ts).
 */
export * from './channel-growth';
export * from './layer-formulas';
export * from './block-cost';
export * from './memory-over-depth';
export * from './transition-cost';
export * from './stages';
export * from './published';
export * from './block-code';
