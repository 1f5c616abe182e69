/**
 * Lesson 04, depthwise separable convolution and MobileNet v1 (Howard et al.
 * 2017, arXiv:1704.04861): the two steps and the ratio 1/M + 1/K² against a
 * standard convolution, the three views agreeing on a separable layer of the
 * photo, where MobileNet v1's multiply-adds and weights go (Table 2), the
 * width and resolution trade-off (Tables 6–7), a latency measurement read in
 * sentences, the roofline of this machine, batch normalisation and its fold
 * into the conv, two tiny networks trained on the digits, and the same two
 * families trained on Fashion-MNIST at equal multiply-adds (the committed
 * separable-tradeoff record, with a live slice of its quick plan).
 * notebooks/04-depthwise-separable-mobilenet-v1.ipynb and its solutions
 * notebook import this module next to the kit's public API ("../lib").
 */
export { blockViews, assertBlockViewsAgree, describeBlockViews } from '../views/block-views';
export {
  shareByLayerType,
  formatPrintedShare,
  widthResolutionGrid,
  measureConvLatency,
  describeLatencyRun,
  tinyMobileNet,
  tinyStandardCnn,
  trainOnDigits,
  digitsSplit,
  rooflineLayers,
  measureRoofline,
  rooflineChart,
  describeRooflineRun,
  separableTradeoffResults,
  separableTradeoffChart,
  separableTradeoffReading,
  trainSeparableQuickRun,
} from './mobilenet';
export { describeRecordSetup, resultRows, describeVerdict, describeQuickRun } from './experiment-results';
export { foldBatchNorm } from '../layers/reference/fold-batch-norm';
export { nest, toArray3 } from '../exercises/implementation/values';
export { describeTinyNetRun } from './conv-basics';
export { vegaExpression } from '../plot/charts/separable-cost';
export { solutions } from '../exercises/solutions/04';
