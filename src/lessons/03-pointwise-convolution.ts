/**
 * Lesson 03, pointwise convolution: a 1×1 kernel that mixes all channels at
 * each pixel and looks at no neighbour, the same dense layer applied at
 * every pixel and therefore one matrix product, its cost H·W·C·M (1/K² of a
 * standard convolution) and its footprint in space and channels.
 * notebooks/03-pointwise-convolution.ipynb and its solutions notebook import
 * this module next to the kit's public API ("../lib").
 */
export {
  splitChannels,
  maxAbsDifference,
  outputValueBreakdown,
  compareThreeViews,
  assertViewsAgree,
  describeThreeViews,
  kindComparison,
  channelDependence,
  spatialFootprint,
  pointwiseAsMatMul,
} from './conv-basics';
export { nest, toArray3 } from '../exercises/implementation/values';
export { solutions } from '../exercises/solutions/03';
