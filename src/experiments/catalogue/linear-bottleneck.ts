/**
 * The linear bottleneck (Sandler et al. 2018, "MobileNetV2", §6.4 and
 * Fig. 6a): the same network with ReLU6 after each projection instead of
 * no activation trains to a lower accuracy — a ReLU in the narrow layer
 * throws information away (§3.2).
 *
 * Here: a small MobileNet v2 (src/models/small.ts: width 8, expansion 4)
 * with linear and with ReLU6 bottlenecks on 14×14 Fashion-MNIST (30,000
 * training images), four epochs, three seeds, the same batches for both.
 */
import { smallMobileNetV2 } from '../../models/small';
import { quickSlice, RECALIBRATION_IMAGES, type Experiment, type ExperimentPlan, type RunPlan } from '../experiment';

function runs(resolution: number): RunPlan[] {
  return [
    {
      id: 'linear',
      label: 'linear bottlenecks',
      spec: smallMobileNetV2({ width: 8, expansion: 4, inputSize: resolution }),
      facts: { bottleneck: 'linear' },
    },
    {
      id: 'relu6',
      label: 'ReLU6 after each projection',
      spec: smallMobileNetV2({ width: 8, expansion: 4, inputSize: resolution, bottleneckActivation: 'relu6' }),
      facts: { bottleneck: 'relu6' },
    },
  ];
}

export const linearBottleneck: Experiment = {
  name: 'linear-bottleneck',
  title: 'Linear vs ReLU6 bottlenecks in MobileNet v2 blocks',
  source: 'Sandler et al. 2018, §6.4, Fig. 6a (ImageNet)',
  claim: 'With linear bottlenecks the network reaches higher test accuracy than with ReLU6 after each projection.',
  plan(quick: boolean): ExperimentPlan {
    const full: ExperimentPlan = {
      data: { resolution: 14, trainPerClass: 3000, splitSeed: 0, trainEvalImages: 3000 },
      training: { epochs: 4, batchSize: 64, learningRate: 0.002, recalibrationImages: RECALIBRATION_IMAGES },
      runs: runs(14),
      defaultSeeds: 3,
    };
    return quick ? quickSlice(full) : full;
  },
};
