/**
 * Lesson 06, the dense block (Huang et al. 2017, arXiv:1608.06993): what one
 * dense layer computes, how the channels grow by k per layer, what the
 * growth rate and the depth cost, what the 1×1 bottleneck (DenseNet-B)
 * saves and from which width on, and why keeping every feature map makes
 * memory grow with depth. notebooks/06-dense-block.ipynb and its solutions
 * notebook import this module next to the kit's public API ("../lib").
 */
export { blockViews, assertBlockViewsAgree, describeBlockViews } from '../views/block-views';
export {
  traceDenseBlock,
  assertGrowthMatchesFormula,
  inputChannelsCarriedThrough,
  channelMap,
  plainLayerMacs,
  bottleneckLayerMacs,
  blockSumTex,
  plainBlockMacsClosedForm,
  growthDepthGrid,
  bottleneckByLayer,
  bottleneckBreakEvenChannels,
  blockCost,
  memoryOverDepth,
  differences,
  stageSummaries,
} from './densenet';
export { seededDenseBlockWeights, kitDenseBlock, maxNestedDifference } from './densenet/block-code';
export { toArray3 } from '../exercises/implementation/values';
export { solutions } from '../exercises/solutions/06';
