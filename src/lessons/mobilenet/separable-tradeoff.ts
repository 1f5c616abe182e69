/**
 * Lesson 04's Fashion-MNIST evidence: depthwise separable against standard
 * convolution at equal multiply-adds (Howard et al. 2017, arXiv:1704.04861,
 * §4.1, Table 4, and the width and resolution trade-offs of Tables 6–7),
 * read from the committed record of `npx convkit experiment separable-tradeoff`.
 *
 * The verdict is analysis.ts's compareAtEqualCost on MACs, both resolutions
 * pooled: each separable net inside the standard nets' range of MACs is
 * compared with the standard curve interpolated (in log MACs) at its cost.
 * Each run trains at its own resolution (RunRecord.resolution), so the MACs
 * already include the ρ² of Table 7. The same rule at each resolution alone,
 * each difference next to the spread of the separable net's own seeds, and
 * the same comparison on the final training loss (how well each net fits
 * its training images, see lossPoints) are printed as evidence, not as
 * further verdicts.
 */
import { ConvkitInputError } from '../../core/errors';
import { compareAtEqualCost, costPoints, type ClaimVerdict, type CostPoint } from '../../experiments/analysis';
import { separableTradeoff } from '../../experiments/catalogue/separable-tradeoff';
import type { ExperimentRecord, RunRecord } from '../../experiments/experiment';
import type { VegaLiteSpec } from '../../plot/vega-render';
import {
  byVerdict,
  costChart,
  describeDifferences,
  lossAgreement,
  lossComparison,
  equalCostDifferences,
  loadLessonRecord,
  lossPoints,
  outsideRange,
  runResolution,
  trainQuickRun,
  type EqualCostDifference,
  type QuickRun,
} from '../experiment-results';

const NAMES = { challenger: 'separable', reference: 'standard', axis: 'MACs' } as const;

export interface SeparableTradeoffResults {
  readonly record: ExperimentRecord;
  readonly resolutions: readonly number[];
  /** Both resolutions pooled, cheapest first. */
  readonly separable: readonly CostPoint[];
  readonly standard: readonly CostPoint[];
  /** compareAtEqualCost(separable, standard) on MACs: the lesson's verdict. */
  readonly verdict: ClaimVerdict;
  /** Each compared separable net against the pooled standard curve. */
  readonly differences: readonly EqualCostDifference[];
  /** Separable nets cheaper or dearer than every standard net: not compared. */
  readonly outsideRange: readonly CostPoint[];
  /** The same rule at one resolution at a time (evidence, not the verdict). */
  readonly byResolution: readonly { readonly resolution: number; readonly verdict: ClaimVerdict }[];
}

const family = (name: string) => (run: RunRecord) => run.facts.family === name;

/** The pooled and per-resolution comparisons of a separable-tradeoff record. */
export function separableTradeoffFromRecord(record: ExperimentRecord): SeparableTradeoffResults {
  if (record.experiment !== separableTradeoff.name) throw new ConvkitInputError('record.experiment', record.experiment, `must be ${separableTradeoff.name}`);
  const separable = costPoints(record, family('separable'), 'macs');
  const standard = costPoints(record, family('standard'), 'macs');
  const resolutions = [...new Set(record.runs.map((run) => runResolution(record, run)))].sort((a, b) => a - b);
  const atResolution = (r: number, name: string) => (run: RunRecord) => family(name)(run) && runResolution(record, run) === r;
  return {
    record,
    resolutions,
    separable,
    standard,
    verdict: compareAtEqualCost(separable, standard, NAMES),
    differences: equalCostDifferences(separable, standard),
    outsideRange: outsideRange(separable, standard),
    byResolution: resolutions.map((r) => ({
      resolution: r,
      verdict: compareAtEqualCost(costPoints(record, atResolution(r, 'separable'), 'macs'), costPoints(record, atResolution(r, 'standard'), 'macs'), NAMES),
    })),
  };
}

/** The committed record (data/experiments/separable-tradeoff.json) and its comparisons. */
export function separableTradeoffResults(folder?: string): SeparableTradeoffResults {
  return separableTradeoffFromRecord(loadLessonRecord(separableTradeoff.name, folder));
}

/** Test error against MACs: separable and standard nets, a line per family and resolution, bars over seeds. */
export function separableTradeoffChart(results: SeparableTradeoffResults): VegaLiteSpec {
  const { record } = results;
  const series = results.resolutions.flatMap((r) =>
    ['separable', 'standard'].map((name) => ({
      family: name === 'separable' ? 'separable blocks' : 'standard convs',
      variant: `${r}×${r}`,
      points: costPoints(record, (run) => family(name)(run) && runResolution(record, run) === r, 'macs'),
    })),
  );
  return costChart(series, {
    title: 'Fashion-MNIST: test error against multiply-adds',
    x: 'multiply-adds per image (log scale)',
    variantTitle: 'resolution',
  });
}

/** What the numbers say against Howard et al.'s claim, written from them: printed under the verdict. */
export function separableTradeoffReading(results: SeparableTradeoffResults): string[] {
  const loss = lossComparison(lossPoints(results.record, family('separable'), 'macs'), lossPoints(results.record, family('standard'), 'macs'), NAMES);
  return [
    byVerdict(results.verdict, {
      reproduced:
        'Every separable net inside the standard nets’ range of cost lies below the standard curve: at equal multiply-adds the depthwise separable blocks reached the lower test error, the direction of Howard et al. 2017 (Table 4; Tables 6–7 for the width and resolution trade-off).',
      partly:
        'Some separable nets lie below the standard curve at their cost and some above it: at these sizes the separable blocks are not better per multiply-add everywhere, so the paper’s claim holds here only in part; whether the part that holds is more than noise, the seed check below says.',
      not: 'No separable net lies below the standard curve at its cost: at these sizes and this budget the standard convolutions reached the lower test error per multiply-add, against the paper’s ImageNet result.',
    }),
    ...describeDifferences(results.differences, results.outsideRange, NAMES),
    `${loss.line}.`,
    lossAgreement(results.verdict.verdict, loss.verdict),
    `each resolution alone, same rule: ${results.byResolution.map((b) => `${b.resolution}×${b.resolution} ${b.verdict.verdict}`).join(', ')}.`,
    ...(results.verdict.verdict !== 'reproduced' && results.byResolution.every((b) => b.verdict.verdict === 'reproduced')
      ? [
          'At each resolution alone every separable net that can be compared lies below the standard curve: the misses come only from pooling, where a separable net at one resolution meets standard nets of the same MACs at the other.',
        ]
      : []),
  ];
}

/** The live slice: one run of the experiment's quick plan (400 images, one epoch). */
export function trainSeparableQuickRun(runId = 'separable-w16-r28', seed = 0): Promise<QuickRun> {
  return trainQuickRun(separableTradeoff, runId, seed);
}
