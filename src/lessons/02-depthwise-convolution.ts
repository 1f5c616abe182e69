/**
 * Lesson 02, depthwise convolution: one K×K filter per input channel and no
 * sum over channels, the depth multiplier, the cost H·W·C·K·K (1/M of a
 * standard convolution), grouped convolution as the line from the standard
 * layer (g = 1) to the depthwise one (g = C), and the experiment that switches
 * one input channel off to show that no output channel but its own changes.
 * notebooks/02-depthwise-convolution.ipynb and its solutions notebook import
 * this module next to the kit's public API ("../lib").
 */
export {
  depthwiseFilterBank,
  perChannelFilterBank,
  lumaFilterBank,
  LUMA_WEIGHTS,
  splitChannels,
  withChannelsZeroed,
  maxAbsDifference,
  outputValueBreakdown,
  compareThreeViews,
  assertViewsAgree,
  describeThreeViews,
  depthwiseVsStandardOverFilters,
  kindComparison,
  channelDependence,
  dependenceGrid,
  groupSweep,
} from './conv-basics';
export { nest, toArray3 } from '../exercises/implementation/values';
export { solutions } from '../exercises/solutions/02';
