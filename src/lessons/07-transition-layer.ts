/**
 * Lesson 07, the transition layer and DenseNet-121 end to end (Huang et al.
 * 2017, arXiv:1608.06993, §3 and Tables 1–2): BN → ReLU → 1×1 conv with
 * compression θ → 2×2 average pooling, what θ saves in the transition and
 * in the next block, DenseNet-121 stage by stage from the 224×224 image to
 * the 1000 class scores, and its totals against the published ones.
 * notebooks/07-transition-layer.ipynb and its solutions notebook import
 * this module next to the kit's public API ("../lib").
 */
export { blockViews, assertBlockViewsAgree, describeBlockViews } from '../views/block-views';
export {
  transitionMacs,
  transitionWeights,
  transitionCost,
  compressionEffect,
  channelMap,
  stageSummaries,
  stageTableRows,
  stageComposition,
  publishedDenseNetTotals,
} from './densenet';
export { seededTransitionWeights, kitTransition, maxNestedDifference } from './densenet/block-code';
export { toArray3 } from '../exercises/implementation/values';
export { solutions } from '../exercises/solutions/07';
