/**
 * Lesson 08, ResNet (He et al. 2016, arXiv:1512.03385) against DenseNet
 * (Huang et al. 2017, arXiv:1608.06993): what "add" and "concatenate" pass
 * on, read from connection matrices; parameters and MACs against depth; the
 * published CIFAR errors; small versions of both trained on the same digits
 * with the same budget; gradient flow at initialisation; feature reuse in
 * the trained DenseNet against untrained copies; the committed Fashion-MNIST
 * records of degradation, accuracy per parameter and per MAC, and feature
 * reuse, with a live slice of a quick plan; and each claim of the
 * DenseNet paper with the status the measurements give it; the basic block
 * written out and compared with the kit's, and the ResNet blocks: bottleneck,
 * inverted residual, shortcut options A/B/C and pre-activation.
 * notebooks/08-resnet-vs-densenet.ipynb and its solutions notebook import
 * this module next to the kit's public API ("../lib").
 */
export { blockViews, assertBlockViewsAgree, describeBlockViews } from '../views/block-views';
export {
  connectionMatrix,
  connectionMatrixChart,
  denseBlockUnits,
  resNetChainSpec,
  resNetChainUnits,
  directConnections,
  equalDepthPairs,
  equalDepthMacsSentence,
  equalDepthParamsSentence,
  cifarErrorTable,
  compareTraining,
  gradientFlowOnDigits,
  gradientSpread,
  featureReuse,
  meanDistantReuseShare,
  reuseChange,
  untrainedReuseShares,
  compareReuseToUntrained,
  describeReuseComparison,
  degradationResults,
  degradationChart,
  degradationReading,
  trainDegradationQuickRun,
  accuracyPerCostResults,
  accuracyPerCostChart,
  accuracyPerCostReading,
  fashionReuseResults,
  reuseBlocks,
  claimsTable,
  accuracyDifference,
  seededBasicBlockWeights,
  kitBasicBlock,
  maxAbsDifference,
  residualBlockCosts,
  shortcutOptions,
} from './resnet-densenet';
export { describeRecordSetup, resultRows, describeVerdict, describeQuickRun } from './experiment-results';
export { nest, toArray3 } from '../exercises/implementation/values';
export { solutions } from '../exercises/solutions/08';
