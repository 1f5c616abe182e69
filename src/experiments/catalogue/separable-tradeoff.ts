/**
 * Separable vs standard convolution at equal cost (Howard et al. 2017,
 * "MobileNets", §4.1, Tables 4–7): a depthwise separable MobileNet costs
 * 8–9× fewer multiply-adds than the same net with full convolutions for
 * about 1% of ImageNet accuracy (Table 4: 70.6% vs 71.7% top-1, 569 vs
 * 4,866 million mult-adds), and shrinking it by width (α, Table 6) or by
 * resolution (ρ, Table 7) trades accuracy for cost smoothly. So at EQUAL
 * cost, separable nets should be the more accurate.
 *
 * Here: lesson 04's two tiny nets (src/models/small.ts: the same stem,
 * strides and head; depthwise separable vs standard 3×3 blocks) at three
 * widths each and two resolutions (14 and 28), on 10,000 training images
 * (1,000 per class), three epochs, two seeds. The widths are chosen so the two families' multiply-adds
 * overlap.
 */
import { tinyMobileNet, tinyStandardCnn } from '../../models/small';
import { quickSlice, RECALIBRATION_IMAGES, type Experiment, type ExperimentPlan, type RunPlan } from '../experiment';

const SEPARABLE_WIDTHS = [8, 16, 32] as const;
const STANDARD_WIDTHS = [4, 8, 16] as const;
const RESOLUTIONS = [14, 28] as const;

function runs(): RunPlan[] {
  return RESOLUTIONS.flatMap((resolution) => [
    ...SEPARABLE_WIDTHS.map(
      (width): RunPlan => ({
        id: `separable-w${width}-r${resolution}`,
        label: `separable, width ${width}, ${resolution}×${resolution}`,
        spec: tinyMobileNet({ width, inputSize: resolution }),
        facts: { family: 'separable', width, resolution },
        resolution,
      }),
    ),
    ...STANDARD_WIDTHS.map(
      (width): RunPlan => ({
        id: `standard-w${width}-r${resolution}`,
        label: `standard, width ${width}, ${resolution}×${resolution}`,
        spec: tinyStandardCnn({ width, inputSize: resolution }),
        facts: { family: 'standard', width, resolution },
        resolution,
      }),
    ),
  ]);
}

export const separableTradeoff: Experiment = {
  name: 'separable-tradeoff',
  title: 'Depthwise separable vs standard convolution at equal multiply-adds',
  source: 'Howard et al. 2017, §4.1, Tables 4, 6 and 7 (ImageNet)',
  claim: 'At equal multiply-adds, the depthwise separable nets reach higher test accuracy than the standard-convolution nets.',
  plan(quick: boolean): ExperimentPlan {
    // Each run reads images at its own resolution (RunPlan.resolution); the plan's is the default.
    const full: ExperimentPlan = {
      data: { resolution: 28, trainPerClass: 1000, splitSeed: 0, trainEvalImages: 2000 },
      training: { epochs: 3, batchSize: 64, learningRate: 0.002, recalibrationImages: RECALIBRATION_IMAGES },
      runs: runs(),
      defaultSeeds: 2,
    };
    return quick ? quickSlice(full) : full;
  },
};
