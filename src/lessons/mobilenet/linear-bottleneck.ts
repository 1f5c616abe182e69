/**
 * Lesson 05's Fashion-MNIST evidence for the linear bottleneck (Sandler et
 * al. 2018, arXiv:1801.04381, Fig. 6a; the argument is §3.2): the same small
 * MobileNet v2 trained with no activation after each projection and with
 * ReLU6 there, read from the committed record of
 * `npx convkit experiment linear-bottleneck`.
 *
 * The verdict is analysis.ts's linearBottleneckVerdict (linear's mean final
 * test accuracy above ReLU6's by more than Z_THRESHOLD standard errors over
 * seeds). With a given seed both networks see the same batches in the same
 * order, so the seed-by-seed differences are printed too: they show whether
 * one network led on every seed or the means hide a split. So is the final
 * training loss, which measures how well each network fits its training
 * images — §3.2's argument is about what a ReLU in a narrow layer destroys,
 * which shows in the fit first (experiment-results.ts, lossPoints); it is
 * evidence, not the verdict.
 */
import { ConvkitInputError } from '../../core/errors';
import { linearBottleneckVerdict, type ClaimVerdict } from '../../experiments/analysis';
import { linearBottleneck } from '../../experiments/catalogue/linear-bottleneck';
import type { ExperimentRecord, RunRecord, SeedRecord } from '../../experiments/experiment';
import type { VegaLiteSpec } from '../../plot/vega-render';
import { byVerdict, epochChart, loadLessonRecord, trainQuickRun, type QuickRun } from '../experiment-results';

export interface LinearBottleneckResults {
  readonly record: ExperimentRecord;
  readonly linear: RunRecord;
  readonly relu6: RunRecord;
  readonly verdict: ClaimVerdict;
}

function run(record: ExperimentRecord, id: string): RunRecord {
  const found = record.runs.find((r) => r.id === id);
  if (found === undefined) throw new ConvkitInputError('record.runs', record.runs.map((r) => r.id).join(', '), `must include the run "${id}"`);
  return found;
}

export function linearBottleneckFromRecord(record: ExperimentRecord): LinearBottleneckResults {
  if (record.experiment !== linearBottleneck.name) throw new ConvkitInputError('record.experiment', record.experiment, `must be ${linearBottleneck.name}`);
  return { record, linear: run(record, 'linear'), relu6: run(record, 'relu6'), verdict: linearBottleneckVerdict(record) };
}

/** The committed record (data/experiments/linear-bottleneck.json) and its verdict. */
export function linearBottleneckResults(folder?: string): LinearBottleneckResults {
  return linearBottleneckFromRecord(loadLessonRecord(linearBottleneck.name, folder));
}

/** Training loss, training error or test error per epoch of both networks, the band spanning the seeds. */
export function linearBottleneckChart(results: LinearBottleneckResults, q: 'trainError' | 'testError' | 'trainLoss'): VegaLiteSpec {
  const which = q === 'testError' ? 'Test error' : q === 'trainError' ? 'Training error' : 'Training loss';
  return epochChart(
    results.record,
    q,
    { colour: (r) => (r.facts.bottleneck === 'linear' ? 'nothing (linear)' : 'ReLU6'), colourTitle: 'after each projection' },
    { title: `${which} per epoch: linear vs ReLU6 bottlenecks` },
  );
}

const last = (s: SeedRecord) => s.epochs[s.epochs.length - 1];
const pct = (share: number) => `${(100 * share).toFixed(2)}%`;
const signed = (points: number) => `${points >= 0 ? '+' : '−'}${Math.abs(points).toFixed(2)}`;

/** Final training loss of both networks with each seed (the last epoch's mean over its batches). */
export function lossBySeed(results: LinearBottleneckResults): { seed: number; linear: number; relu6: number }[] {
  return results.linear.seeds.map((s) => {
    const other = results.relu6.seeds.find((r) => r.seed === s.seed);
    if (other === undefined) throw new ConvkitInputError('relu6 seeds', results.relu6.seeds.map((r) => r.seed).join(', '), `must include seed ${s.seed}`);
    return { seed: s.seed, linear: last(s).trainLoss, relu6: last(other).trainLoss };
  });
}

/** Final test accuracy of both networks with each seed, and linear minus ReLU6 in points. */
export function seedBySeed(results: LinearBottleneckResults): { seed: number; linear: number; relu6: number; points: number }[] {
  return results.linear.seeds.map((s) => {
    const other = results.relu6.seeds.find((r) => r.seed === s.seed);
    if (other === undefined) throw new ConvkitInputError('relu6 seeds', results.relu6.seeds.map((r) => r.seed).join(', '), `must include seed ${s.seed}`);
    const [linear, relu6] = [last(s).testAccuracy, last(other).testAccuracy];
    return { seed: s.seed, linear, relu6, points: 100 * (linear - relu6) };
  });
}

/** What the numbers say against Sandler et al.'s claim, written from them. */
export function linearBottleneckReading(results: LinearBottleneckResults): string[] {
  const seeds = seedBySeed(results);
  const ahead = seeds.filter((s) => s.points > 0).length;
  const losses = lossBySeed(results);
  const lowerLoss = losses.filter((l) => l.linear < l.relu6).length;
  return [
    byVerdict(results.verdict, {
      reproduced:
        'The linear bottlenecks end with the higher test accuracy, by more than the threshold of standard errors over seeds: the direction of Fig. 6a, on a far smaller network and data set.',
      partly:
        'The linear bottlenecks end ahead on average, but by less than the threshold of standard errors over seeds: the direction of Fig. 6a, not a difference these seeds separate from noise.',
      not: 'The ReLU6 bottlenecks end level with or ahead of the linear ones on average: at this width and budget these seeds show no accuracy cost of the information loss of §3.2.',
    }),
    `seed by seed, final test accuracy (linear vs ReLU6, same batches): ${seeds.map((s) => `seed ${s.seed}: ${pct(s.linear)} vs ${pct(s.relu6)} (${signed(s.points)})`).join('; ')}.`,
    `linear ahead on ${ahead} of ${seeds.length} seeds.`,
    `final training loss (the last epoch's mean over its batches), linear vs ReLU6: ${losses.map((l) => `seed ${l.seed}: ${l.linear.toFixed(3)} vs ${l.relu6.toFixed(3)}`).join('; ')}; ` +
      `lower for linear on ${lowerLoss} of ${losses.length} seeds.`,
    ...(lowerLoss === losses.length && results.verdict.verdict !== 'reproduced'
      ? [
          'The training loss favours the linear bottlenecks with every seed, which the test accuracies do not show: on these seeds the linear bottlenecks fit the training images better without classifying unseen ones measurably better.',
        ]
      : losses.every((l) => l.relu6 < l.linear) && results.verdict.verdict !== 'not reproduced'
        ? ['The training loss favours ReLU6 with every seed, against the test accuracies: read the verdict with that in mind.']
        : []),
  ];
}

/** The live slice: one run of the experiment's quick plan (400 images, one epoch). */
export function trainLinearBottleneckQuickRun(runId = 'linear', seed = 0): Promise<QuickRun> {
  return trainQuickRun(linearBottleneck, runId, seed);
}
