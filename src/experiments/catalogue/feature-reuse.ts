/**
 * Feature reuse (Huang et al. 2017, §5 "Feature Reuse", Fig. 5): in a
 * trained DenseNet, layers spread their weights over many earlier layers'
 * features, including distant ones — "features extracted by very early
 * layers are, indeed, directly used by deep layers throughout the same
 * dense block".
 *
 * Here: one DenseNet-BC (k 12, four bottleneck layers per block, three
 * blocks) trained on 30,000 14×14 training images for five epochs; the
 * record keeps Fig. 5's cells (mean |weight| per source and target) of the
 * trained net. Lesson 08 sets them against the same cells of untrained
 * copies (its "band"), because an untrained layer spreads its weight evenly
 * too.
 */
import { smallDenseNetBC } from '../../models/small';
import { quickSlice, RECALIBRATION_IMAGES, type Experiment, type ExperimentPlan, type RunPlan } from '../experiment';

function runs(resolution: number): RunPlan[] {
  return [
    {
      id: 'densenet-bc-28-k12',
      label: 'DenseNet-BC-28 (k 12)',
      spec: smallDenseNetBC({ growthRate: 12, layersPerBlock: 4, inputSize: resolution }),
      facts: { family: 'DenseNet-BC', depth: 28, growthRate: 12 },
      measure: 'feature-reuse',
    },
  ];
}

export const featureReuseExperiment: Experiment = {
  name: 'feature-reuse',
  title: 'Which earlier features a trained DenseNet reads',
  source: 'Huang et al. 2017, §5, Fig. 5 (CIFAR-10)',
  claim: 'After training, the layers of a dense block give distant sources more weight than untrained copies of the network do.',
  plan(quick: boolean): ExperimentPlan {
    const full: ExperimentPlan = {
      data: { resolution: 14, trainPerClass: 3000, splitSeed: 0, trainEvalImages: 5000 },
      training: { epochs: 5, batchSize: 64, learningRate: 0.002, recalibrationImages: RECALIBRATION_IMAGES },
      runs: runs(14),
      defaultSeeds: 1,
    };
    return quick ? quickSlice(full) : full;
  },
};
