/**
 * Accuracy per parameter and per multiply-add (Huang et al. 2017, "Densely
 * Connected Convolutional Networks", §4.3 and Fig. 3, on ImageNet; Table 2
 * on CIFAR): at the same number of parameters, and at the same number of
 * multiply-adds, DenseNet-BC reaches a lower error than ResNet.
 *
 * Here: three sizes of each family in the CIFAR layout, shrunk, on 14×14
 * Fashion-MNIST (10,000 training images, 1,000 per class), three seeds,
 * the same batches and budget for every net.
 */
import { smallDenseNetBC, smallResNet } from '../../models/small';
import { quickSlice, RECALIBRATION_IMAGES, type Experiment, type ExperimentPlan, type RunPlan } from '../experiment';

/** (blocks per stage, width): ResNet-8, -14, -20. */
const RESNETS: readonly (readonly [blocks: number, width: number])[] = [
  [1, 6],
  [2, 8],
  [3, 12],
];

/** (growth rate k, layers per dense block). */
const DENSENETS: readonly (readonly [growthRate: number, layers: number])[] = [
  [6, 2],
  [8, 4],
  [10, 4],
];

function runs(resolution: number): RunPlan[] {
  const resnets = RESNETS.map(([blocks, width]): RunPlan => {
    const depth = 6 * blocks + 2;
    return {
      id: `resnet-${depth}-w${width}`,
      label: `ResNet-${depth} (width ${width})`,
      spec: smallResNet({ blocks, width, inputSize: resolution }),
      facts: { family: 'ResNet', depth, width },
    };
  });
  const densenets = DENSENETS.map(([growthRate, layers]): RunPlan => {
    const depth = 2 * layers * 3 + 2 + 2;
    return {
      id: `densenet-bc-${depth}-k${growthRate}`,
      label: `DenseNet-BC-${depth} (k ${growthRate})`,
      spec: smallDenseNetBC({ growthRate, layersPerBlock: layers, inputSize: resolution }),
      facts: { family: 'DenseNet-BC', depth, growthRate },
    };
  });
  return [...resnets, ...densenets];
}

export const accuracyPerParameter: Experiment = {
  name: 'accuracy-per-parameter',
  title: 'ResNet vs DenseNet-BC: test error against parameters and multiply-adds',
  source: 'Huang et al. 2017, §4.3, Fig. 3 (ImageNet) and Table 2 (CIFAR)',
  claim: 'At equal parameters, and at equal multiply-adds, DenseNet-BC has lower test error than ResNet.',
  plan(quick: boolean): ExperimentPlan {
    const full: ExperimentPlan = {
      data: { resolution: 14, trainPerClass: 1000, splitSeed: 0, trainEvalImages: 2000 },
      training: { epochs: 4, batchSize: 64, learningRate: 0.002, recalibrationImages: RECALIBRATION_IMAGES },
      runs: runs(14),
      defaultSeeds: 3,
    };
    return quick ? quickSlice(full) : full;
  },
};
