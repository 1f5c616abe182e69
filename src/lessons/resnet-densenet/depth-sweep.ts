/**
 * Parameter efficiency: parameters and multiply-adds against depth for the
 * two CIFAR families, from the cost model on the zoo's specs.
 *
 * - CIFAR ResNet (He et al. 2016, arXiv:1512.03385, §4.2): depth 6n + 2,
 *   widths 16/32/64, option-A shortcuts. Each extra block adds two 3×3 convs
 *   at a FIXED width, so parameters grow linearly with depth.
 * - CIFAR DenseNet-BC (Huang et al. 2017, arXiv:1608.06993, §3 "Implementation Details"): depth
 *   6m + 4, growth rate k. Each extra layer adds a 1×1 conv to 4k and a 3×3
 *   conv to k, but the 1×1 conv reads ALL earlier channels, so parameters grow
 *   faster than linearly with depth, while every layer stays narrow.
 */
import { summarize } from '../../cost/summary';
import { denseNetCifar } from '../../models/densenet';
import { resNetCifar } from '../../models/resnet';
import { ConvkitInputError } from '../../core/errors';

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

/**
 * Units per stage for the equal-depth comparison: ResNet-(6n + 2) against
 * DenseNet-BC-(6n + 4), i.e. the same n units per stage (a basic block of two
 * 3×3 convs against a bottleneck layer of a 1×1 and a 3×3 conv); the
 * DenseNet's two extra layers are its transition convs.
 */
export const EQUAL_DEPTH_UNITS: readonly number[] = [3, 5, 7, 9, 11, 13, 16, 18];

/** One ResNet and one DenseNet-BC with the same units per stage. */
export interface EqualDepthPair {
  /** Units per stage, n. */
  readonly units: number;
  readonly resnet: DepthPoint;
  readonly densenet: DepthPoint;
}

/** The cost model's parameters and MACs for each pair ResNet-(6n+2), DenseNet-BC-(6n+4) at growth rate k. */
export function equalDepthPairs(units: readonly number[] = EQUAL_DEPTH_UNITS, growthRate = 12): EqualDepthPair[] {
  const resnets = resNetDepthSweep(units.map((n) => 6 * n + 2));
  const densenets = denseNetBCDepthSweep(
    units.map((n) => 6 * n + 4),
    growthRate,
  );
  return units.map((n, i) => ({ units: n, resnet: resnets[i], densenet: densenets[i] }));
}

/**
 * The MACs comparison at equal depth, written from the numbers: which family
 * does more multiply-adds per image, at which depths, with the figures of the
 * last pair where DenseNet-BC is cheaper and the first where it is dearer.
 */
export function equalDepthMacsSentence(pairs: readonly EqualDepthPair[]): string {
  if (pairs.length === 0) throw new ConvkitInputError('pairs', [], 'must hold at least one pair');
  const m = (macs: number) => `${(macs / 1e6).toFixed(1)}M`;
  const pair = (p: EqualDepthPair) => `ResNet-${p.resnet.depth} ${m(p.resnet.macs)} vs DenseNet-BC-${p.densenet.depth} ${m(p.densenet.macs)}`;
  const cheaper = pairs.filter((p) => p.densenet.macs < p.resnet.macs);
  const dearer = pairs.filter((p) => p.densenet.macs > p.resnet.macs);
  const span = `depths ${pairs[0].resnet.depth}–${pairs[pairs.length - 1].densenet.depth}`;
  if (dearer.length === 0) return `Over ${span}, DenseNet-BC does fewer MACs per image than ResNet at every depth (e.g. ${pair(pairs[pairs.length - 1])}).`;
  if (cheaper.length === 0) return `Over ${span}, DenseNet-BC does more MACs per image than ResNet at every depth (e.g. ${pair(pairs[0])}).`;
  const lastCheaper = cheaper[cheaper.length - 1];
  const firstDearer = dearer[0];
  const ordered = cheaper.every((p) => p.units < firstDearer.units);
  return (
    `At equal depth DenseNet-BC does fewer MACs per image than ResNet up to ${lastCheaper.densenet.depth} layers (${pair(lastCheaper)}) ` +
    `and more from ${firstDearer.densenet.depth} layers on (${pair(firstDearer)})` +
    (ordered ? '.' : ', though not monotonically: see the table.')
  );
}

/** The parameter comparison at equal depth, written from the numbers. */
export function equalDepthParamsSentence(pairs: readonly EqualDepthPair[]): string {
  if (pairs.length === 0) throw new ConvkitInputError('pairs', [], 'must hold at least one pair');
  const ratios = pairs.map((p) => p.densenet.trainableParams / p.resnet.trainableParams);
  const fewer = ratios.filter((r) => r < 1).length;
  const range = `${(100 * Math.min(...ratios)).toFixed(0)}–${(100 * Math.max(...ratios)).toFixed(0)}%`;
  if (fewer === pairs.length) return `At every depth compared DenseNet-BC has fewer parameters than ResNet: ${range} of ResNet's.`;
  if (fewer === 0) return `At every depth compared DenseNet-BC has more parameters than ResNet: ${range} of ResNet's.`;
  return `DenseNet-BC has fewer parameters than ResNet at ${fewer} of ${pairs.length} depths compared (${range} of ResNet's).`;
}
