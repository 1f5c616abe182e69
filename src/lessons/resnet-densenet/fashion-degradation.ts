/**
 * Lesson 08's Fashion-MNIST evidence for the degradation problem (He et al.
 * 2016, arXiv:1512.03385, §4.2, Fig. 1 and Fig. 6): plain CNNs and ResNets
 * of 20 and 56 layers, the same layers with and without the shortcuts,
 * trained with the same batches and budget; read from the committed record
 * of `npx convkit experiment degradation`.
 *
 * The verdict is analysis.ts's degradationVerdict on the final TRAINING
 * loss, as the paper judges on training error: a deeper net that fits its
 * own training images worse cannot blame overfitting, so the optimisation is
 * what degraded. The loss rather than the error because it covers every
 * training image of the last epoch, not a measured subset (analysis.ts's
 * header). The reading adds the errors and which of the two conditions
 * failed when the verdict is not "reproduced".
 */
import { ConvkitInputError } from '../../core/errors';
import { DEGRADATION_MARGIN, degradationVerdict, finalSpread, type ClaimVerdict } from '../../experiments/analysis';
import { degradation } from '../../experiments/catalogue/degradation';
import type { ExperimentRecord, RunRecord } from '../../experiments/experiment';
import type { VegaLiteSpec } from '../../plot/vega-render';
import { byVerdict, epochChart, loadLessonRecord, trainQuickRun, type QuickRun } from '../experiment-results';

type Net = 'plain-20' | 'plain-56' | 'resnet-20' | 'resnet-56';
const IDS: readonly Net[] = ['plain-20', 'plain-56', 'resnet-20', 'resnet-56'];

export interface DegradationResults {
  readonly record: ExperimentRecord;
  readonly verdict: ClaimVerdict;
  /** Final training loss of each net (the last epoch's mean over its batches), mean over seeds, by run id. */
  readonly trainLoss: Readonly<Record<Net, number>>;
  /** Final training and test error (share, inference mode), mean over seeds, by run id. */
  readonly trainError: Readonly<Record<Net, number>>;
  readonly testError: Readonly<Record<Net, number>>;
}

function run(record: ExperimentRecord, id: string): RunRecord {
  const found = record.runs.find((r) => r.id === id);
  if (found === undefined) throw new ConvkitInputError('record.runs', record.runs.map((r) => r.id).join(', '), `must include the run "${id}"`);
  return found;
}

export function degradationFromRecord(record: ExperimentRecord): DegradationResults {
  if (record.experiment !== degradation.name) throw new ConvkitInputError('record.experiment', record.experiment, `must be ${degradation.name}`);
  const of = (q: 'trainLoss' | 'trainError' | 'testError') =>
    Object.fromEntries(IDS.map((id) => [id, finalSpread(run(record, id), q).mean])) as Record<Net, number>;
  return { record, verdict: degradationVerdict(record), trainLoss: of('trainLoss'), trainError: of('trainError'), testError: of('testError') };
}

/** The committed record (data/experiments/degradation.json) and its verdict. */
export function degradationResults(folder?: string): DegradationResults {
  return degradationFromRecord(loadLessonRecord(degradation.name, folder));
}

const TITLES = { trainLoss: 'training loss', trainError: 'training error', testError: 'test error' } as const;

/** Training loss, training error or test error per epoch of the four nets: colour by depth, plain dashed, ResNet solid. */
export function degradationChart(results: DegradationResults, q: 'trainLoss' | 'trainError' | 'testError'): VegaLiteSpec {
  return epochChart(
    results.record,
    q,
    {
      colour: (r) => `${r.facts.depth} layers`,
      colourTitle: 'depth',
      dash: (r) => String(r.facts.family),
      dashTitle: 'network',
      dashPatterns: { plain: [6, 4], ResNet: [1, 0] },
    },
    { title: `Fashion-MNIST: ${TITLES[q]} per epoch, plain vs ResNet` },
  );
}

const pct = (share: number) => `${(100 * share).toFixed(1)}%`;
const rise = (r: number) => (Math.abs(r) < 0.005 ? '±0%' : `${r > 0 ? '+' : '−'}${Math.abs(100 * r).toFixed(0)}%`);

/** What the numbers say against He et al.'s claim, written from them. */
export function degradationReading(results: DegradationResults): string[] {
  const { trainLoss: loss, trainError: train, testError: test } = results;
  const plainRise = loss['plain-56'] / loss['plain-20'] - 1;
  const resnetRise = loss['resnet-56'] / loss['resnet-20'] - 1;
  const margin = rise(DEGRADATION_MARGIN);
  const reading = byVerdict(results.verdict, {
    reproduced: `The 56-layer plain net ends with the higher training loss (${rise(plainRise)}, more than the ${margin} margin), while ResNet-56 ends no worse than ResNet-20 (${rise(resnetRise)}): the degradation of He et al. 2016 and its cure by the shortcuts, on Fashion-MNIST.`,
    partly: `The 56-layer plain net ends with the higher training loss (${rise(plainRise)}); ResNet-56's is also higher than ResNet-20's, by ${rise(resnetRise)}, but by less than half the plain nets’ rise: the shortcuts reduce the degradation here without removing it.`,
    not:
      plainRise <= DEGRADATION_MARGIN
        ? `The 56-layer plain net does not end with a training loss more than ${margin} above the 20-layer one (${rise(plainRise)}): in this budget there is no degradation for the shortcuts to cure.`
        : `The 56-layer plain net degrades (${rise(plainRise)}), but ResNet-56 degrades by at least half as much (${rise(resnetRise)}): the shortcuts did not make the deeper net train as well here.`,
  });
  const errors = (e: Record<Net, number>) =>
    `plain-20 ${pct(e['plain-20'])}, plain-56 ${pct(e['plain-56'])}; ResNet-20 ${pct(e['resnet-20'])}, ResNet-56 ${pct(e['resnet-56'])}`;
  return [reading, `training error (inference mode): ${errors(train)}.`, `test error: ${errors(test)}.`];
}

/** The live slice: one run of the experiment's quick plan (400 images, one epoch). */
export function trainDegradationQuickRun(runId = 'resnet-20', seed = 0): Promise<QuickRun> {
  return trainQuickRun(degradation, runId, seed);
}
