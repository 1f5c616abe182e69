/**
 * How lessons 04, 05 and 08 show a Fashion-MNIST experiment (src/experiments/):
 * the committed record read back, what was trained printed from it, a table
 * of final errors over seeds, charts that draw the spread over seeds, the
 * verdict with its evidence, and a live slice of the quick plan.
 *
 * Nothing here decides a verdict (src/experiments/analysis.ts does, by a
 * stated rule); this file only prints what the record holds. Every number a
 * lesson shows from the campaign comes from the record, never from prose, so
 * the text cannot drift from the data when the campaign is run again.
 *
 * Errors are shares of images misclassified, printed in percent; a spread
 * over seeds is printed as mean ± sample sd (or the single value for one
 * seed), and charts draw the lowest and highest seed around the mean, which
 * is the honest picture for two or three seeds.
 */
import { ConvkitInputError } from '../core/errors';
import {
  loadExperimentRecord,
  finalSpread,
  epochRows,
  interpolateError,
  type ClaimVerdict,
  type CostPoint,
  type EpochQuantity,
  type Spread,
  type Verdict,
} from '../experiments/analysis';
import { defaultExperimentsFolder } from '../experiments/campaign';
import type { DataPlan, EpochRecord, Experiment, ExperimentRecord, RunPlan, RunRecord, SeedRecord, TrainingPlan } from '../experiments/experiment';
import { runData } from '../experiments/jobs';
import { dataFor, releaseData } from '../experiments/run-job';
import { trainJob } from '../experiments/train-job';
import { CATEGORY_COLOURS, convkitTheme, VEGA_LITE_SCHEMA } from '../plot/theme';
import type { VegaLiteSpec } from '../plot/vega-render';

/** The committed record data/experiments/NAME.json of this package (not the quick slice). */
export function loadLessonRecord(name: string, folder: string = defaultExperimentsFolder()): ExperimentRecord {
  return loadExperimentRecord(folder, name, false);
}

const count = (x: number): string => x.toLocaleString('en-US');
const percent = (share: number, digits = 1): string => (100 * share).toFixed(digits);

/** A run's image side: its own when the experiment varies resolution, else the data plan's. */
export function runResolution(record: ExperimentRecord, run: RunRecord): number {
  return run.resolution ?? record.data.resolution;
}

function seedsPhrase(seeds: readonly number[]): string {
  return seeds.length === 1 ? `1 seed (${seeds[0]})` : `${seeds.length} seeds (${seeds.join(', ')})`;
}

function hours(seconds: number): string {
  return seconds >= 5400 ? `${(seconds / 3600).toFixed(1)} hours` : `${Math.round(seconds / 60)} minutes`;
}

/**
 * What was trained, as printed lines read from the record: the runs, the
 * seeds, the data (images, resolution, the training subset measured after
 * each epoch), the optimiser and the budget, and what the campaign cost.
 */
export function describeRecordSetup(record: ExperimentRecord): string[] {
  const { data, training } = record;
  const resolutions = [...new Set(record.runs.map((run) => runResolution(record, run)))].sort((a, b) => a - b);
  const perClass = data.trainPerClass === undefined ? '' : ` (${count(data.trainPerClass)} per class)`;
  const sides = resolutions.map((r) => `${r}×${r}`).join(' and ');
  const resolutionText = resolutions.length === 1 ? `at ${sides}` : `at ${sides} (each run at its own)`;
  const steps = Math.floor(data.trainImages / training.batchSize);
  const lines = [
    `record: data/experiments/${record.experiment}.json: ${record.title}`,
    `trained: ${record.runs.length} ${record.runs.length === 1 ? 'run' : 'runs'} × ${seedsPhrase(record.seeds)}: ${record.runs.map((r) => r.label).join('; ')}`,
    `data: Fashion-MNIST from ${data.set}; ${count(data.trainImages)} training images${perClass}, ${count(data.testImages)} test images, ${resolutionText}; ` +
      `the training error is measured after each epoch on a fixed ${count(data.trainEvalImages)} of the training images, in inference mode, ` +
      `after BN's moving statistics are recomputed exactly on the first ${count(training.recalibrationImages)} of them`,
    `training: ${training.epochs} ${training.epochs === 1 ? 'epoch' : 'epochs'} of ${count(steps)} steps, batch ${training.batchSize}, ${training.optimizer === 'adam' ? 'Adam' : training.optimizer} at a constant learning rate of ${training.learningRate}, ` +
      `${training.loss}; every run sees the same batches in the same order for a given seed`,
  ];
  if (typeof record.jobSeconds === 'number') {
    const jobs = record.runs.reduce((n, run) => n + run.seeds.length, 0);
    lines.push(
      `cost: ${hours(record.jobSeconds)} of training summed over its ${jobs} ${jobs === 1 ? 'job' : 'jobs'} (${record.environment.cpu}, ${record.environment.backend}), by \`${record.command}\``,
    );
  }
  return lines;
}

/** A spread of error shares in percent: "12.3 ± 0.4" over several seeds, "12.3" for one. */
export function formatErrorSpread(s: Spread, digits = 1): string {
  return s.n > 1 ? `${percent(s.mean, digits)} ± ${percent(s.sd, digits)}` : percent(s.mean, digits);
}

/** A spread of losses: "0.341 ± 0.006" over several seeds, "0.341" for one. */
export function formatLossSpread(s: Spread): string {
  return s.n > 1 ? `${s.mean.toFixed(3)} ± ${s.sd.toFixed(3)}` : s.mean.toFixed(3);
}

/** "mean ± sd over 3 seeds" or "1 seed": what the error columns hold. */
export function spreadLabel(record: ExperimentRecord): string {
  return record.seeds.length > 1 ? `mean ± sd over ${record.seeds.length} seeds` : '1 seed';
}

/**
 * One table row per run: its size and cost from the cost model (as recorded),
 * its final training loss (the last epoch's mean over its batches, each with
 * its own batch statistics) and its final training and test error in
 * percent (inference mode, with batch norm's statistics recalibrated on
 * training images just before), over seeds.
 */
export function resultRows(record: ExperimentRecord, runs: readonly RunRecord[] = record.runs): Record<string, string | number>[] {
  const label = spreadLabel(record);
  return runs.map((run) => ({
    run: run.label,
    params: run.params,
    MACs: run.macs,
    [`final train loss (${label})`]: formatLossSpread(finalSpread(run, 'trainLoss')),
    [`final train error % (${label})`]: formatErrorSpread(finalSpread(run, 'trainError')),
    [`final test error % (${label})`]: formatErrorSpread(finalSpread(run, 'testError')),
  }));
}

/** The verdict and its evidence, as the two lines a lesson prints. */
export function describeVerdict(what: string, v: ClaimVerdict): string[] {
  return [`verdict (${what}): ${v.verdict}`, `  evidence: ${v.evidence}`];
}

/** One of three sentences, chosen by the verdict: how a lesson's reading follows the numbers rather than presuming them. */
export function byVerdict(v: ClaimVerdict, sentences: { readonly reproduced: string; readonly partly: string; readonly not: string }): string {
  return v.verdict === 'reproduced' ? sentences.reproduced : v.verdict === 'partly reproduced' ? sentences.partly : sentences.not;
}

/** One challenger point against the reference curve at its cost (the comparison compareAtEqualCost makes). */
export interface EqualCostDifference {
  readonly run: string;
  readonly x: number;
  /** The reference curve's error there minus the challenger's, percentage points: > 0 favours the challenger. */
  readonly points: number;
  /** The challenger's highest minus lowest seed, percentage points (0 for one seed). */
  readonly seedRangePoints: number;
}

/** Each challenger point inside the reference's range, with its difference and its own seeds' range. */
export function equalCostDifferences(challenger: readonly CostPoint[], reference: readonly CostPoint[]): EqualCostDifference[] {
  return challenger.flatMap((p) => {
    const at = interpolateError(reference, p.x);
    return at === undefined ? [] : [{ run: p.run, x: p.x, points: 100 * (at - p.error.mean), seedRangePoints: 100 * (p.error.max - p.error.min) }];
  });
}

/** The challenger points outside the reference's range of cost, which compareAtEqualCost leaves out. */
export function outsideRange(challenger: readonly CostPoint[], reference: readonly CostPoint[]): CostPoint[] {
  return challenger.filter((p) => interpolateError(reference, p.x) === undefined);
}

const signedPoints = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}`;

/**
 * The evidence lines under an equal-cost verdict: every difference in points,
 * how many exceed the challenger's own spread over seeds (one seed: none can
 * be judged that way, and the line says so), and the points left out.
 */
export function describeDifferences(
  differences: readonly EqualCostDifference[],
  left: readonly CostPoint[],
  names: { reference: string; challenger: string; axis: string },
): string[] {
  const lines = [
    `${names.reference} curve minus ${names.challenger} net, in points of test error at equal ${names.axis} (+ favours ${names.challenger}): ` +
      (differences.length === 0 ? 'none compared' : differences.map((d) => `${d.run} ${signedPoints(d.points)}`).join('; ')),
  ];
  if (differences.length > 0 && differences.every((d) => d.seedRangePoints === 0)) {
    lines.push('one seed per run: how far another seed would move these differences was not measured.');
  } else if (differences.length > 0) {
    const beyond = differences.filter((d) => Math.abs(d.points) > d.seedRangePoints).length;
    lines.push(
      `${beyond} of ${differences.length} differences are larger than the gap between that ${names.challenger} net’s own seeds (lowest to highest); ` +
        'a difference inside that gap is no larger than what changing the seed did.',
    );
  }
  for (const p of left) lines.push(`${p.run} (${count(p.x)} ${names.axis}) lies outside the ${names.reference} nets’ range and is not compared.`);
  return lines;
}

/**
 * The same points with the final training loss in place of the test error.
 * Why a lesson prints it next to a verdict on test error: the loss is the
 * mean over every batch of the last epoch (all the training images, not a
 * subset), so it separates how well each net is optimised from how well it
 * generalises; several of the papers' claims (degradation, the linear
 * bottleneck) are about the first. It measures the fit to the training
 * images, not generalisation, so it is evidence beside the verdict, never
 * the verdict. (In the first campaign, measured without BN recalibration,
 * it was also the only figure free of the moving averages' lag.)
 */
export function lossPoints(record: ExperimentRecord, family: (run: RunRecord) => boolean, axis: 'params' | 'macs'): CostPoint[] {
  return record.runs
    .filter(family)
    .map((run) => ({ run: run.label, x: axis === 'params' ? run.params : run.macs, error: finalSpread(run, 'trainLoss') }))
    .sort((a, b) => a.x - b.x);
}

/** The equal-cost comparison on the final training loss: how many challengers lie below the reference curve, the verdict the same rule would give, and the line a lesson prints. */
export function lossComparison(
  challenger: readonly CostPoint[],
  reference: readonly CostPoint[],
  names: { reference: string; challenger: string; axis: string },
): { below: number; compared: number; verdict: Verdict; line: string } {
  const compared = challenger.flatMap((p) => {
    const at = interpolateError(reference, p.x);
    return at === undefined ? [] : [{ run: p.run, mean: p.error.mean, at }];
  });
  const below = compared.filter((c) => c.mean < c.at).length;
  const verdict: Verdict = compared.length > 0 && below === compared.length ? 'reproduced' : below > 0 ? 'partly reproduced' : 'not reproduced';
  const line =
    `the same comparison on the final training loss (the last epoch's mean over all its batches): ${below} of ${compared.length} ${names.challenger} nets below the ${names.reference} curve at equal ${names.axis}` +
    (compared.length === 0 ? '' : ` (${compared.map((c) => `${c.run} ${c.mean.toFixed(3)} vs ${c.at.toFixed(3)}`).join('; ')})`);
  return { below, compared: compared.length, verdict, line };
}

/** Whether the loss tells the same story as the verdict on test error, in one sentence. */
export function lossAgreement(onError: Verdict, onLoss: Verdict): string {
  return onError === onLoss
    ? `On the training loss the same rule gives the same verdict (${onLoss}).`
    : `On the training loss the same rule would give “${onLoss}” instead of “${onError}”: the nets fit the training images in one order and classify unseen ones in another, or the gap is within the spread over seeds.`;
}

// ─── charts ──────────────────────────────────────────────────────────────

/** How a chart groups a record's runs: colour by one fact, line style by another (e.g. depth and family). */
export interface RunStyle {
  readonly colour: (run: RunRecord) => string;
  readonly colourTitle: string;
  readonly dash?: (run: RunRecord) => string;
  readonly dashTitle?: string;
  /** The dash pattern of each `dash` value (Vega strokeDash: [on, off] pixels; [1, 0] is solid); default Vega's order. */
  readonly dashPatterns?: Readonly<Record<string, readonly number[]>>;
}

const QUANTITY_TITLES: Readonly<Record<EpochQuantity, string>> = {
  trainError: 'training error (%)',
  testError: 'test error (%)',
  trainLoss: 'training loss (epoch mean)',
};

/**
 * `q` after each epoch, one line per run (the mean over seeds, with points)
 * and a shaded band from the lowest to the highest seed; colour and dash
 * follow `style`. With one seed the band is the line itself.
 */
export function epochChart(
  record: ExperimentRecord,
  q: EpochQuantity,
  style: RunStyle,
  frame: { title: string; width?: number; height?: number },
): VegaLiteSpec {
  const scale = q === 'trainLoss' ? 1 : 100;
  const byLabel = new Map(record.runs.map((run) => [run.label, run]));
  const rows = epochRows(record, q).map((row) => {
    const run = byLabel.get(row.run)!;
    return {
      run: row.run,
      colour: style.colour(run),
      ...(style.dash ? { dash: style.dash(run) } : {}),
      epoch: row.epoch,
      mean: row.mean * scale,
      low: row.min * scale,
      high: row.max * scale,
    };
  });
  const epochs = Math.max(...rows.map((r) => r.epoch));
  const yTitle = QUANTITY_TITLES[q];
  const colour = { field: 'colour', type: 'nominal', title: style.colourTitle, sort: null, scale: { range: [...CATEGORY_COLOURS] } };
  const dash = style.dash
    ? {
        strokeDash: {
          field: 'dash',
          type: 'nominal',
          title: style.dashTitle ?? 'line',
          sort: null,
          legend: { symbolType: 'stroke', symbolStrokeWidth: 2 },
          ...(style.dashPatterns ? { scale: { domain: Object.keys(style.dashPatterns), range: Object.values(style.dashPatterns).map((p) => [...p]) } } : {}),
        },
      }
    : {};
  const format = q === 'trainLoss' ? '.3f' : '.1f';
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: frame.title, subtitle: record.seeds.length > 1 ? 'line: mean over seeds; band: lowest to highest seed' : 'one seed' },
    ...(frame.width ? { width: frame.width } : {}),
    ...(frame.height ? { height: frame.height } : {}),
    config: convkitTheme,
    data: { values: rows },
    encoding: {
      x: {
        field: 'epoch',
        type: 'quantitative',
        title: 'epoch',
        scale: { domain: [1, epochs] },
        axis: { values: Array.from({ length: epochs }, (_, i) => i + 1), format: 'd' },
      },
    },
    layer: [
      {
        mark: { type: 'area', opacity: 0.18 },
        // The band is filled through its own channel, without a legend: the legend shows the lines (a faded
        // swatch would stand for them otherwise). Same domain order and range, so the same colours.
        encoding: {
          y: { field: 'low', type: 'quantitative', title: yTitle, scale: { zero: false } },
          y2: { field: 'high' },
          fill: { ...colour, legend: null },
          detail: { field: 'run' },
        },
      },
      {
        mark: { type: 'line', point: true },
        encoding: {
          y: { field: 'mean', type: 'quantitative', title: yTitle },
          color: colour,
          ...dash,
          detail: { field: 'run' },
          tooltip: [
            { field: 'run', type: 'nominal' },
            { field: 'epoch', type: 'quantitative' },
            { field: 'mean', type: 'quantitative', title: `${yTitle}, mean over seeds`, format },
            { field: 'low', type: 'quantitative', title: 'lowest seed', format },
            { field: 'high', type: 'quantitative', title: 'highest seed', format },
          ],
        },
      },
    ],
  } as unknown as VegaLiteSpec;
}

/**
 * Ticks 1, 2 and 5 × 10^k from the largest one at or below the smallest value
 * to the smallest one at or above the largest, as the log axis's domain and
 * labels (SI: 20k, 1M). Vega's own log ticks label every 1–9 × 10^k and
 * overlap removal then hides an end label, the one a reader looks for.
 */
export function logTicks(values: readonly number[]): number[] {
  const low = Math.min(...values);
  const high = Math.max(...values);
  if (!(low > 0) || !Number.isFinite(high)) throw new ConvkitInputError('values', [...values], 'must be positive finite numbers for a log axis');
  const candidates: number[] = [];
  for (let k = Math.floor(Math.log10(low)) - 1; k <= Math.ceil(Math.log10(high)); k++)
    for (const d of [1, 2, 5]) candidates.push(Number((d * 10 ** k).toPrecision(1)));
  const first = candidates.filter((t) => t <= low).pop()!;
  const last = candidates.find((t) => t >= high)!;
  return candidates.filter((t) => t >= first && t <= last);
}

/** A point of an error-against-cost chart: a family (colour), optionally a variant within it (line style and marker). */
export interface CostChartSeries {
  readonly family: string;
  readonly variant?: string;
  readonly points: readonly CostPoint[];
}

/**
 * Final test error against a cost (parameters or MACs, log scale), one line
 * per family (and variant), each point the mean over seeds with a bar from
 * the lowest to the highest seed.
 */
export function costChart(
  series: readonly CostChartSeries[],
  frame: { title: string; x: string; variantTitle?: string; width?: number; height?: number },
): VegaLiteSpec {
  if (series.length === 0 || series.some((s) => s.points.length === 0))
    throw new ConvkitInputError('series', series.length, 'must hold at least one series, each with a point');
  const withVariant = series.some((s) => s.variant !== undefined);
  const rows = series.flatMap((s) =>
    s.points.map((p) => ({
      run: p.run,
      family: s.family,
      ...(withVariant ? { variant: s.variant ?? '' } : {}),
      curve: `${s.family}|${s.variant ?? ''}`,
      x: p.x,
      mean: 100 * p.error.mean,
      low: 100 * p.error.min,
      high: 100 * p.error.max,
    })),
  );
  const ticks = logTicks(rows.map((r) => r.x));
  const x = {
    field: 'x',
    type: 'quantitative',
    title: frame.x,
    scale: { type: 'log', domain: [ticks[0], ticks[ticks.length - 1]] },
    axis: { values: ticks, format: '~s' },
  };
  const yTitle = 'final test error (%)';
  const colour = { field: 'family', type: 'nominal', title: 'family', sort: null, scale: { range: [...CATEGORY_COLOURS] } };
  const variant = frame.variantTitle ?? 'variant';
  const seeds = Math.max(...series.flatMap((s) => s.points.map((p) => p.error.n)));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: frame.title, subtitle: seeds > 1 ? 'point: mean over seeds; bar: lowest to highest seed' : 'one seed' },
    ...(frame.width ? { width: frame.width } : {}),
    ...(frame.height ? { height: frame.height } : {}),
    config: convkitTheme,
    data: { values: rows },
    encoding: { x },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 1.5 },
        encoding: { y: { field: 'low', type: 'quantitative', title: yTitle, scale: { zero: false } }, y2: { field: 'high' }, color: colour },
      },
      {
        // The points ride on the line (one mark), so a variant's dash and the family's colour share one legend each.
        mark: { type: 'line', point: { filled: true, size: 60 } },
        encoding: {
          y: { field: 'mean', type: 'quantitative', title: yTitle },
          color: colour,
          detail: { field: 'curve' },
          order: { field: 'x', type: 'quantitative' },
          ...(withVariant
            ? { strokeDash: { field: 'variant', type: 'nominal', title: variant, sort: null, legend: { symbolType: 'stroke', symbolStrokeWidth: 2 } } }
            : {}),
          tooltip: [
            { field: 'run', type: 'nominal' },
            { field: 'x', type: 'quantitative', title: frame.x, format: ',d' },
            { field: 'mean', type: 'quantitative', title: 'test error %, mean over seeds', format: '.1f' },
            { field: 'low', type: 'quantitative', title: 'lowest seed', format: '.1f' },
            { field: 'high', type: 'quantitative', title: 'highest seed', format: '.1f' },
          ],
        },
      },
    ],
  } as unknown as VegaLiteSpec;
}

// ─── the live slice ──────────────────────────────────────────────────────

export interface QuickRun {
  readonly experiment: string;
  readonly run: RunPlan;
  readonly data: DataPlan;
  readonly training: TrainingPlan;
  readonly trainImages: number;
  readonly trainEvalImages: number;
  readonly testImages: number;
  readonly steps: number;
  readonly record: SeedRecord;
}

/**
 * Trains run `runId` of `experiment`'s quick plan (a few hundred images, one
 * epoch) with one seed, exactly as a campaign job trains it (trainJob, the
 * same seeded batches and measurements), without a checkpoint, and frees
 * the images afterwards. Deterministic on the wasm backend.
 */
export async function trainQuickRun(experiment: Experiment, runId: string, seed = 0): Promise<QuickRun> {
  const plan = experiment.plan(true);
  const run = plan.runs.find((r) => r.id === runId);
  if (run === undefined) throw new ConvkitInputError('runId', runId, `must be one of ${plan.runs.map((r) => r.id).join(', ')} in ${experiment.name}`);
  const data = runData(plan, run);
  try {
    const tensors = dataFor(data);
    const record = await trainJob({ job: `${run.id}/seed ${seed}`, spec: run.spec, seed, training: plan.training }, tensors);
    return {
      experiment: experiment.name,
      run,
      data,
      training: plan.training,
      trainImages: tensors.train.count,
      trainEvalImages: tensors.trainEval.count,
      testImages: tensors.test.count,
      steps: Math.floor(tensors.train.count / plan.training.batchSize),
      record,
    };
  } finally {
    releaseData();
  }
}

/** An epoch record as a learner reads it: loss and accuracies, never the wall time (it changes from run to run). */
export function describeEpoch(e: EpochRecord, images: { trainEval: number; test: number }): string {
  return (
    `epoch ${e.epoch}: mean training loss ${e.trainLoss.toFixed(4)}, ` +
    `training accuracy ${percent(e.trainAccuracy)}% (${count(images.trainEval)} images), test accuracy ${percent(e.testAccuracy)}% (${count(images.test)} images)`
  );
}

/**
 * The lines a lesson prints under its live slice: what was trained, the
 * first step losses against a uniform guess (ln 10), the epoch, and what
 * one short epoch can show: that training moves off chance, not which net
 * is better.
 */
export function describeQuickRun(q: QuickRun): string[] {
  const classes = 10;
  return [
    `${q.run.label}, quick plan of ${q.experiment}, seed ${q.record.seed}: ${count(q.trainImages)} training images at ${q.data.resolution}×${q.data.resolution}, ` +
      `${q.training.epochs} epoch of ${q.steps} steps of ${q.training.batchSize}, Adam at learning rate ${q.training.learningRate}`,
    `first step losses: ${q.record.firstLosses.map((l) => l.toFixed(4)).join(', ')} (a uniform guess over ${classes} classes scores ln ${classes} = ${Math.log(classes).toFixed(4)})`,
    ...q.record.epochs.map((e) => describeEpoch(e, { trainEval: q.trainEvalImages, test: q.testImages })),
    `chance is ${percent(1 / classes)}%. The accuracies are measured in inference mode after batch norm's statistics are recomputed on ${count(q.training.recalibrationImages)} training images; ` +
      `with ${count(q.trainImages)} images and one epoch they show that the net learns, not how well it can: that is what the recorded campaign is for.`,
  ];
}
