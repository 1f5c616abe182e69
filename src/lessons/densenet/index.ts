/**
 * Lesson helpers for 06 (Dense Block) and 07 (Transition Layer), following
 * Huang et al. 2017, "Densely Connected Convolutional Networks",
 * arXiv:1608.06993. Notebooks import them as
 *
 *   import { traceDenseBlock, growthDepthGrid, stageSummaries } from "../lib/lessons/densenet";
 *
 * The three-view check of a whole block (formula, counted, TF.js) is the
 * kit's `blockViews` (src/lessons/mobilenet/block-views.ts), re-exported
 * here so lesson 06/07 notebooks have one import.
 */
export * from './channel-growth';
export * from './layer-formulas';
export * from './block-cost';
export * from './memory-over-depth';
export * from './transition-cost';
export * from './stages';
export * from './published';
export { blockViews, assertBlockViewsAgree, describeBlockViews, type BlockViews } from '../../views/block-views';
