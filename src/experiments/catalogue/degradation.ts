/**
 * Degradation (He et al. 2016, "Deep Residual Learning for Image
 * Recognition", §4.2, Fig. 1 and Fig. 6): on CIFAR-10 the 56-layer plain
 * net has HIGHER training and test error than the 20-layer one — depth made
 * optimisation worse, not the model class poorer — while the ResNets with
 * the same layers get better with depth.
 *
 * Here: the CIFAR layout (6n + 2 layers, n = 3 and 9; zero-pad shortcuts,
 * option A) at width 8 (the paper's 16 halved) on 14×14 Fashion-MNIST,
 * 30,000 training images (3,000 per class), four epochs, the same batches
 * and budget for all four nets.
 */
import { smallPlainCnn, smallResNet } from '../../models/small';
import { quickSlice, RECALIBRATION_IMAGES, type Experiment, type ExperimentPlan, type RunPlan } from '../experiment';

const WIDTH = 8;

function runs(resolution: number): RunPlan[] {
  return [20, 56].flatMap((depth) => {
    const blocks = (depth - 2) / 6;
    return [
      {
        id: `plain-${depth}`,
        label: `plain-${depth}`,
        spec: smallPlainCnn({ blocks, width: WIDTH, inputSize: resolution }),
        facts: { family: 'plain', depth, width: WIDTH },
      },
      {
        id: `resnet-${depth}`,
        label: `ResNet-${depth}`,
        spec: smallResNet({ blocks, width: WIDTH, inputSize: resolution }),
        facts: { family: 'ResNet', depth, width: WIDTH },
      },
    ];
  });
}

export const degradation: Experiment = {
  name: 'degradation',
  title: 'Plain nets degrade with depth, residual nets do not',
  source: 'He et al. 2016, §4.2, Fig. 1 and Fig. 6 (CIFAR-10)',
  claim: 'The 56-layer plain net ends with higher training error than the 20-layer plain net, while ResNet-56 ends no worse than ResNet-20.',
  plan(quick: boolean): ExperimentPlan {
    const full: ExperimentPlan = {
      data: { resolution: 14, trainPerClass: 3000, splitSeed: 0, trainEvalImages: 5000 },
      training: { epochs: 4, batchSize: 64, learningRate: 0.001, recalibrationImages: RECALIBRATION_IMAGES },
      runs: runs(14),
      defaultSeeds: 1,
    };
    return quick ? quickSlice(full) : full;
  },
};
