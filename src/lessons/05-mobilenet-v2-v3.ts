/**
 * Lesson 05, MobileNet v2 and v3 (Sandler et al. 2018, arXiv:1801.04381;
 * Howard et al. 2019, arXiv:1905.02244): the inverted residual block and
 * when it adds its input, what a ReLU on the narrow bottleneck destroys
 * (on the photo, and in accuracy: the committed linear-bottleneck record of
 * Fashion-MNIST runs, with a live slice of its quick plan),
 * the v2 block's cost and memory next to v1's and its peak memory when the
 * expanded tensor is computed in slices, squeeze-and-excite and h-swish in
 * the v3 bottleneck, the three generations side by side, and EfficientNet's
 * MBConv block and compound scaling (Tan & Le 2019, arXiv:1905.11946).
 * notebooks/05-mobilenet-v2-v3.ipynb and its solutions notebook import this
 * module next to the kit's public API ("../lib").
 */
export { blockViews, assertBlockViewsAgree, describeBlockViews } from '../views/block-views';
export {
  reluInformationLoss,
  compareBlocks,
  squeezeExciteCost,
  activationCurves,
  generationsTable,
  slicedPeakSweep,
  seededInvertedResidualWeights,
  kitInvertedResidual,
  seededSqueezeExciteWeights,
  maxAbsDifference,
  efficientNetB0Stages,
  efficientNetFamily,
  compoundScalingGrowth,
  linearBottleneckResults,
  linearBottleneckChart,
  linearBottleneckReading,
  trainLinearBottleneckQuickRun,
} from './mobilenet';
export { describeRecordSetup, resultRows, describeVerdict, describeQuickRun } from './experiment-results';
export { solutions } from '../exercises/solutions/05';
