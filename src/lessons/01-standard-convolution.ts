/**
 * Lesson 01, standard convolution: a K×K×C filter sliding over an H×W×C
 * photo, one output value taken apart tap by tap, the output size from
 * kernel, stride, padding and dilation (where the windows sit), the
 * receptive field of stacked layers, the cost H·W·K·K·C·M and the parameters
 * K·K·C·M, and the three views (formula, counted loops, TF.js) agreeing on
 * one layer. notebooks/01-standard-convolution.ipynb and its solutions
 * notebook import this module next to the kit's public API:
 *
 *   import { layerCost, showTable } from "../lib";
 *   import { kernelFilterGrid } from "../lib/lessons/01-standard-convolution";
 */
export {
  PHOTO_KERNELS,
  LUMA_WEIGHTS,
  lumaFilterBank,
  markWindow,
  splitChannels,
  outputValueBreakdown,
  compareThreeViews,
  assertViewsAgree,
  describeThreeViews,
  kernelFilterGrid,
  resolutionSweep,
  windowPositions,
  windowPositionsChart,
} from './conv-basics';
export { nest, toArray3 } from '../exercises/implementation/values';
export { solutions } from '../exercises/solutions/01';
