/**
 * Reading an experiment's record: the numbers the lessons plot (per epoch,
 * per run, mean and spread over seeds) and each claim's verdict. A verdict
 * is never written by hand: it follows from the record by a rule with a
 * stated threshold (the constants below), and its evidence sentence prints
 * the numbers and the threshold it used.
 *
 *   experiment              reproduced when …
 *   degradation             plain-56's final training loss exceeds plain-20's by more than
 *                           DEGRADATION_MARGIN (relative) and ResNet-56's does not exceed ResNet-20's
 *                           by it (partly: plain degrades, ResNet by less than half as much)
 *   accuracy per parameter  every DenseNet-BC size inside the ResNets' range has lower test error
 *   separable trade-off     than the ResNet curve interpolated (in log x) at its parameters / MACs
 *                           (same rule, separable against standard, at equal MACs; partly: some do)
 *   linear bottleneck       linear's mean test accuracy exceeds ReLU6's by more than
 *                           Z_THRESHOLD standard errors of the difference over seeds (partly: by less)
 * (Feature reuse is judged in lesson 08 against its untrained band: src/lessons/resnet-densenet.)
 *
 * Why degradation is judged on the training loss. He et al. plot training
 * error: degradation is a failure to optimise, seen on the training set.
 * The epoch's mean training loss covers every batch of the epoch (all the
 * training images), where the training error is measured on a subset of
 * them, and it moves smoothly where an error rate moves in steps. The
 * training and test errors (inference mode, BN recalibrated just before)
 * are printed next to it. (The first campaign measured without
 * recalibration; then the loss was also the only figure free of the lag of
 * BN's moving averages.)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConvkitInputError } from '../core/errors';
import type { EpochRecord, ExperimentRecord, RunRecord } from './experiment';

export type Verdict = 'reproduced' | 'partly reproduced' | 'not reproduced';

export interface ClaimVerdict {
  readonly verdict: Verdict;
  readonly evidence: string;
}

/** A final training loss higher by less than this share (10%) counts as "no worse". */
export const DEGRADATION_MARGIN = 0.1;
/** Standard errors a difference of means must exceed to count as shown. */
export const Z_THRESHOLD = 2;

/** The record data/experiments/NAME.json (or NAME.quick.json) in `folder`. */
export function loadExperimentRecord(folder: string, name: string, quick = false): ExperimentRecord {
  const path = join(folder, `${name}${quick ? '.quick' : ''}.json`);
  let record: ExperimentRecord;
  try {
    record = JSON.parse(readFileSync(path, 'utf8')) as ExperimentRecord;
  } catch (error) {
    const reason = (error as { code?: string }).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ConvkitInputError(
      'record',
      path,
      `must be an experiment record (${reason}; make it with npx convkit experiment ${name}${quick ? ' --quick' : ''})`,
    );
  }
  if (record.experiment !== name || !Array.isArray(record.runs)) {
    throw new ConvkitInputError('record', path, `must be the record of "${name}" with a runs list`);
  }
  return record;
}

/** Mean, sample standard deviation, minimum and maximum of some numbers (sd 0 for one number). */
export interface Spread {
  readonly mean: number;
  readonly sd: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw new ConvkitInputError('values', 0, 'must hold at least one number');
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n < 2 ? 0 : Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  return { mean, sd, min: Math.min(...values), max: Math.max(...values), n };
}

export type EpochQuantity = 'trainLoss' | 'trainError' | 'testError';

function quantity(epoch: EpochRecord, q: EpochQuantity): number {
  if (q === 'trainLoss') return epoch.trainLoss;
  return 1 - (q === 'trainError' ? epoch.trainAccuracy : epoch.testAccuracy);
}

/** The run's final-epoch value of `q` over its seeds. */
export function finalSpread(run: RunRecord, q: EpochQuantity): Spread {
  return spread(run.seeds.map((s) => quantity(s.epochs[s.epochs.length - 1], q)));
}

/** One row per run and epoch: the mean of `q` over seeds and its range, for a chart with a band. */
export function epochRows(record: ExperimentRecord, q: EpochQuantity): { run: string; epoch: number; mean: number; min: number; max: number }[] {
  return record.runs.flatMap((run) => {
    const epochs = run.seeds[0]?.epochs.length ?? 0;
    return Array.from({ length: epochs }, (_, e) => {
      const s = spread(run.seeds.map((seed) => quantity(seed.epochs[e], q)));
      return { run: run.label, epoch: e + 1, mean: s.mean, min: s.min, max: s.max };
    });
  });
}

function runById(record: ExperimentRecord, id: string): RunRecord {
  const run = record.runs.find((r) => r.id === id);
  if (run === undefined) throw new ConvkitInputError('run', id, `must be one of ${record.runs.map((r) => r.id).join(', ')} in ${record.experiment}`);
  return run;
}

const pct = (share: number, digits = 1) => `${(share * 100).toFixed(digits)}%`;
const pp = (share: number) => `${share >= 0 ? '+' : '−'}${Math.abs(share * 100).toFixed(1)} pp`;

/** He et al.'s degradation: see the header for the rule. */
export function degradationVerdict(record: ExperimentRecord): ClaimVerdict {
  const loss = (id: string) => finalSpread(runById(record, id), 'trainLoss').mean;
  const err = (id: string) => finalSpread(runById(record, id), 'trainError').mean;
  // Relative rises of the final training loss from depth 20 to depth 56.
  const plainRise = loss('plain-56') / loss('plain-20') - 1;
  const resnetRise = loss('resnet-56') / loss('resnet-20') - 1;
  const margin = DEGRADATION_MARGIN;
  const plainDegrades = plainRise > margin;
  const resnetHolds = resnetRise <= margin;
  const verdict: Verdict = plainDegrades && resnetHolds ? 'reproduced' : plainDegrades && resnetRise < plainRise / 2 ? 'partly reproduced' : 'not reproduced';
  const rise = (r: number) => (Math.abs(r) < 0.005 ? '±0%' : `${r > 0 ? '+' : '−'}${Math.abs(r * 100).toFixed(0)}%`);
  return {
    verdict,
    evidence:
      `final training loss: plain-20 ${loss('plain-20').toFixed(3)}, plain-56 ${loss('plain-56').toFixed(3)} (${rise(plainRise)}); ` +
      `ResNet-20 ${loss('resnet-20').toFixed(3)}, ResNet-56 ${loss('resnet-56').toFixed(3)} (${rise(resnetRise)}); margin ${rise(margin)}. ` +
      `Training error (inference mode): plain-20 ${pct(err('plain-20'))}, plain-56 ${pct(err('plain-56'))}, ResNet-20 ${pct(err('resnet-20'))}, ResNet-56 ${pct(err('resnet-56'))}`,
  };
}

/** A point of an accuracy-against-cost chart: a run's cost and its final test error over seeds. */
export interface CostPoint {
  readonly run: string;
  readonly x: number;
  readonly error: Spread;
}

export function costPoints(record: ExperimentRecord, family: (run: RunRecord) => boolean, axis: 'params' | 'macs'): CostPoint[] {
  return record.runs
    .filter(family)
    .map((run) => ({ run: run.label, x: axis === 'params' ? run.params : run.macs, error: finalSpread(run, 'testError') }))
    .sort((a, b) => a.x - b.x);
}

/** The reference curve's error at `x`, linear in log x between its two neighbouring points; undefined outside its range. */
export function interpolateError(curve: readonly CostPoint[], x: number): number | undefined {
  for (let i = 0; i + 1 < curve.length; i++) {
    const [a, b] = [curve[i], curve[i + 1]];
    if (x >= a.x && x <= b.x) {
      const t = a.x === b.x ? 0 : (Math.log(x) - Math.log(a.x)) / (Math.log(b.x) - Math.log(a.x));
      return a.error.mean + t * (b.error.mean - a.error.mean);
    }
  }
  return undefined;
}

/**
 * Does `challenger` (e.g. DenseNet-BC) have lower test error than
 * `reference` (e.g. ResNet) at the same cost? Each challenger point inside
 * the reference's range is compared with the reference curve there.
 */
export function compareAtEqualCost(
  challenger: readonly CostPoint[],
  reference: readonly CostPoint[],
  names: { challenger: string; reference: string; axis: string },
): ClaimVerdict {
  const compared = challenger.flatMap((p) => {
    const ref = interpolateError(reference, p.x);
    return ref === undefined ? [] : [{ point: p, difference: ref - p.error.mean }];
  });
  if (compared.length === 0) {
    return {
      verdict: 'not reproduced',
      evidence: `no ${names.challenger} point lies within the ${names.reference} range of ${names.axis}: nothing to compare`,
    };
  }
  const better = compared.filter((c) => c.difference > 0).length;
  const verdict: Verdict = better === compared.length ? 'reproduced' : better > 0 ? 'partly reproduced' : 'not reproduced';
  const details = compared.map((c) => `${c.point.run}: ${pct(c.point.error.mean)} vs ${pct(c.point.error.mean + c.difference)}`).join('; ');
  return {
    verdict,
    evidence: `${better} of ${compared.length} ${names.challenger} points below the ${names.reference} curve at equal ${names.axis} (test error, ${names.challenger} vs ${names.reference} interpolated): ${details}`,
  };
}

/** Sandler et al.'s linear bottleneck: see the header for the rule. */
export function linearBottleneckVerdict(record: ExperimentRecord): ClaimVerdict {
  const accuracy = (id: string) => spread(runById(record, id).seeds.map((s) => s.epochs[s.epochs.length - 1].testAccuracy));
  const linear = accuracy('linear');
  const relu = accuracy('relu6');
  const difference = linear.mean - relu.mean;
  const standardError = Math.sqrt(linear.sd ** 2 / linear.n + relu.sd ** 2 / relu.n);
  const verdict: Verdict = difference > Z_THRESHOLD * standardError && difference > 0 ? 'reproduced' : difference > 0 ? 'partly reproduced' : 'not reproduced';
  return {
    verdict,
    evidence:
      `final test accuracy over ${linear.n} seeds: linear ${pct(linear.mean, 2)} (sd ${pct(linear.sd, 2)}), ReLU6 ${pct(relu.mean, 2)} (sd ${pct(relu.sd, 2)}); ` +
      `difference ${pp(difference)}, ${Z_THRESHOLD} standard errors = ${pct(Z_THRESHOLD * standardError, 2)}`,
  };
}
