/**
 * Lesson 08's Fashion-MNIST evidence for accuracy per parameter and per
 * multiply-add (Huang et al. 2017, arXiv:1608.06993, §4.3 and Fig. 3 on
 * ImageNet, Table 2 on CIFAR): three ResNets and three DenseNet-BCs trained
 * with the same batches and budget, read from the committed record of
 * `npx convkit experiment accuracy-per-parameter`.
 *
 * The verdicts are analysis.ts's compareAtEqualCost, once on parameters and
 * once on MACs: each DenseNet-BC inside the ResNets' range is compared with
 * the ResNet curve interpolated (in log cost) at its size. The parameters
 * verdict is what the claims table's "fewer parameters" row reads. The same
 * comparison on the final training loss is printed beside it as evidence
 * (how well each net fits its training images: experiment-results.ts,
 * lossPoints).
 */
import { ConvkitInputError } from '../../core/errors';
import { compareAtEqualCost, costPoints, type ClaimVerdict, type CostPoint } from '../../experiments/analysis';
import { accuracyPerParameter } from '../../experiments/catalogue/accuracy-per-parameter';
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
} from '../experiment-results';

export type CostAxis = 'params' | 'macs';

export interface AxisComparison {
  readonly axis: CostAxis;
  readonly resnet: readonly CostPoint[];
  readonly densenet: readonly CostPoint[];
  readonly verdict: ClaimVerdict;
}

export interface AccuracyPerCostResults {
  readonly record: ExperimentRecord;
  readonly params: AxisComparison;
  readonly macs: AxisComparison;
}

const AXIS_NAMES: Readonly<Record<CostAxis, string>> = { params: 'parameters', macs: 'MACs' };
const isFamily = (name: string) => (run: RunRecord) => run.facts.family === name;

function compareOn(record: ExperimentRecord, axis: CostAxis): AxisComparison {
  const resnet = costPoints(record, isFamily('ResNet'), axis);
  const densenet = costPoints(record, isFamily('DenseNet-BC'), axis);
  return { axis, resnet, densenet, verdict: compareAtEqualCost(densenet, resnet, names(axis)) };
}

const names = (axis: CostAxis) => ({ challenger: 'DenseNet-BC', reference: 'ResNet', axis: AXIS_NAMES[axis] });

export function accuracyPerCostFromRecord(record: ExperimentRecord): AccuracyPerCostResults {
  if (record.experiment !== accuracyPerParameter.name)
    throw new ConvkitInputError('record.experiment', record.experiment, `must be ${accuracyPerParameter.name}`);
  return { record, params: compareOn(record, 'params'), macs: compareOn(record, 'macs') };
}

/** The committed record (data/experiments/accuracy-per-parameter.json) and both comparisons. */
export function accuracyPerCostResults(folder?: string): AccuracyPerCostResults {
  return accuracyPerCostFromRecord(loadLessonRecord(accuracyPerParameter.name, folder));
}

/** Test error against parameters or MACs (log scale), a line per family, bars over seeds. */
export function accuracyPerCostChart(results: AccuracyPerCostResults, axis: CostAxis): VegaLiteSpec {
  const c = results[axis];
  const side = results.record.data.resolution;
  return costChart(
    [
      { family: 'ResNet', points: c.resnet },
      { family: 'DenseNet-BC', points: c.densenet },
    ],
    {
      title: `Fashion-MNIST: test error against ${AXIS_NAMES[axis]}`,
      x: axis === 'params' ? 'parameters (Keras total, log scale)' : `multiply-adds per ${side}×${side} image (log scale)`,
    },
  );
}

/** What the numbers say against Huang et al.'s claim on one axis, written from them. */
export function accuracyPerCostReading(results: AccuracyPerCostResults, axis: CostAxis): string[] {
  const c = results[axis];
  const unit = AXIS_NAMES[axis];
  const loss = lossComparison(lossPoints(results.record, isFamily('DenseNet-BC'), axis), lossPoints(results.record, isFamily('ResNet'), axis), names(axis));
  return [
    byVerdict(c.verdict, {
      reproduced: `Every DenseNet-BC inside the ResNets’ range of ${unit} lies below the ResNet curve: at equal ${unit} DenseNet-BC reached the lower test error, the direction of Huang et al. 2017 (Fig. 3).`,
      partly: `Some DenseNet-BCs lie below the ResNet curve at equal ${unit} and some above it: the claim holds here only in part; whether the part that holds is more than noise, the seed check below says.`,
      not: `No DenseNet-BC lies below the ResNet curve at equal ${unit}: at these sizes and this budget the ResNets reached the lower test error per ${axis === 'params' ? 'parameter' : 'multiply-add'}.`,
    }),
    ...describeDifferences(equalCostDifferences(c.densenet, c.resnet), outsideRange(c.densenet, c.resnet), names(axis)),
    `${loss.line}.`,
    lossAgreement(c.verdict.verdict, loss.verdict),
  ];
}
