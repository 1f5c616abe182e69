/**
 * Parameter efficiency: parameters and multiply-adds against depth for the
 * two CIFAR families, from the cost model on the zoo's specs.
 *
 * - CIFAR ResNet (He et al. 2016, arXiv:1512.03385, §4.2): depth 6n + 2,
 *   widths 16/32/64, option-A shortcuts. Each extra block adds two 3×3 convs
 *   at a FIXED width, so parameters grow linearly with depth.
 * - CIFAR DenseNet-BC (Huang et al. 2017, arXiv:1608.06993, §4.1): depth
 *   6m + 4, growth rate k. Each extra layer adds a 1×1 conv to 4k and a 3×3
 *   conv to k, but the 1×1 conv reads ALL earlier channels, so parameters grow
 *   faster than linearly with depth, while every layer stays narrow.
 */
import { summarize } from '../../cost/summary';
import { denseNetCifar } from '../../models/densenet';
import { resNetCifar } from '../../models/resnet';

export interface DepthPoint {
  /** 'ResNet' or e.g. 'DenseNet-BC (k = 12)'. */
  readonly family: string;
  readonly depth: number;
  /** Trainable parameters (the papers' convention). */
  readonly trainableParams: number;
  /** Multiply-adds of one 32×32 image. */
  readonly macs: number;
}

/** The CIFAR ResNet depths of He et al.'s Table 6 (1202 left out: it dwarfs the chart). */
export const RESNET_CIFAR_DEPTHS: readonly number[] = [20, 32, 44, 56, 110];
/** DenseNet-BC depths from shallow to the paper's L = 100 (all fit 6m + 4). */
export const DENSENET_BC_CIFAR_DEPTHS: readonly number[] = [40, 52, 64, 76, 88, 100];

/** Parameters and MACs of each CIFAR ResNet depth. */
export function resNetDepthSweep(depths: readonly number[] = RESNET_CIFAR_DEPTHS): DepthPoint[] {
  return depths.map((depth) => {
    const summary = summarize(resNetCifar({ depth }));
    return { family: 'ResNet', depth, trainableParams: summary.params.trainable, macs: summary.macs };
  });
}

/** Parameters and MACs of each CIFAR DenseNet-BC depth at growth rate k. */
export function denseNetBCDepthSweep(depths: readonly number[] = DENSENET_BC_CIFAR_DEPTHS, growthRate = 12): DepthPoint[] {
  return depths.map((depth) => {
    const summary = summarize(denseNetCifar(true, { depth, growthRate }));
    return { family: `DenseNet-BC (k = ${growthRate})`, depth, trainableParams: summary.params.trainable, macs: summary.macs };
  });
}
