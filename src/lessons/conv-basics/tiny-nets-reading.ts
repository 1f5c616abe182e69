/**
 * What lesson 04's tiny-network run on the digits shows, in sentences written
 * from its results: what was trained (which widths, how many steps, what
 * share of one pass over the training images, one seed), whether more MACs
 * gave more accuracy within each family, and, for each separable net, the
 * standard net nearest to it in MACs with the gap between them counted in
 * test images.
 *
 * The run is small on purpose (it has to finish in seconds), so the reading
 * says what it is: one seed, under one epoch. It does not stand in for the
 * paper's ImageNet comparison (Howard et al. 2017, Table 4: the same network
 * with full convolutions against depthwise separable ones, fully trained).
 */
import { ConvkitInputError, requireInteger } from '../../core/errors';
import type { DigitsTrainingResult } from '../digits-training';

export interface TinyNetRun {
  /** Optimiser steps each network was trained for. */
  readonly steps: number;
  readonly batchSize: number;
  /** Seed of the weights (the same for every network). */
  readonly seed: number;
  /** Images in the training split. */
  readonly trainImages: number;
}

/** A network of the separable family? (tinyMobileNet names its specs "tiny-mobilenet (width w)".) */
const isSeparable = (r: DigitsTrainingResult): boolean => r.model.startsWith('tiny-mobilenet');

const n = (x: number): string => x.toLocaleString('en-US');
const percent = (r: DigitsTrainingResult): string => `${(100 * r.testAccuracy).toFixed(1)}%`;

/** The sentences lesson 04 prints under its tiny-network table, one per line. */
export function describeTinyNetRun(results: readonly DigitsTrainingResult[], run: TinyNetRun): string[] {
  if (!Array.isArray(results) || results.length === 0) throw new ConvkitInputError('results', results, 'must be a non-empty list of trainOnDigits results');
  const steps = requireInteger('run.steps', run?.steps);
  const batchSize = requireInteger('run.batchSize', run?.batchSize);
  const seed = requireInteger('run.seed', run?.seed, 0);
  const trainImages = requireInteger('run.trainImages', run?.trainImages);
  const testImages = results[0].testImages;
  const seen = steps * batchSize;
  const epochs = seen / trainImages;
  const lines = [
    `Trained: ${results.map((r) => r.model).join(', ')}.`,
    `Each for ${steps} Adam steps of ${batchSize} images = ${n(seen)} images, ${epochs.toFixed(2)} of one pass over the ${n(trainImages)} training images` +
      `${epochs < 1 ? ' (under one epoch)' : ''}; one weight seed (${seed}), one train/test split; ` +
      `${n(testImages)} test images, so one image is ${(100 / testImages).toFixed(2)} points of accuracy.`,
  ];
  for (const [family, members] of [
    ['separable', results.filter(isSeparable)],
    ['standard', results.filter((r) => !isSeparable(r))],
  ] as const) {
    if (members.length < 2) continue;
    const byCost = [...members].sort((a, b) => a.macs - b.macs);
    const rising = byCost.every((r, i) => i === 0 || r.testAccuracy > byCost[i - 1].testAccuracy);
    lines.push(
      `${family} nets, cheapest first: ${byCost.map(percent).join(' → ')} over ${(byCost[byCost.length - 1].macs / byCost[0].macs).toFixed(2)}× the MACs: ` +
        `${rising ? 'more MACs gave higher test accuracy in this run' : 'more MACs did not always give higher test accuracy in this run'}.`,
    );
  }
  const standards = results.filter((r) => !isSeparable(r));
  for (const separable of results.filter(isSeparable)) {
    if (standards.length === 0) break;
    // nearest in cost on a log scale: the MAC ratio closest to 1
    const nearest = standards.reduce((best, r) => (Math.abs(Math.log(r.macs / separable.macs)) < Math.abs(Math.log(best.macs / separable.macs)) ? r : best));
    const gap = Math.round(Math.abs(separable.testAccuracy - nearest.testAccuracy) * testImages);
    const order =
      separable.testAccuracy === nearest.testAccuracy
        ? 'the same accuracy'
        : `${n(gap)} test image${gap === 1 ? '' : 's'} ${separable.testAccuracy > nearest.testAccuracy ? 'in favour of the separable net' : 'in favour of the standard net'}`;
    lines.push(
      `${separable.model} (${n(separable.macs)} MACs) reached ${percent(separable)}; the standard net nearest in cost, ${nearest.model} ` +
        `(${(nearest.macs / separable.macs).toFixed(2)}× the MACs), ${percent(nearest)}: ${order}.`,
    );
  }
  lines.push('With one seed, how far another seed would move these accuracies was not measured, so a gap of a few images is no evidence either way.');
  return lines;
}
