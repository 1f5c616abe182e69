/**
 * Lesson 08's Fashion-MNIST evidence for feature reuse (Huang et al. 2017,
 * arXiv:1608.06993, §5 and Fig. 5): the Figure-5 cells of the DenseNet-BC
 * trained by `npx convkit experiment feature-reuse` (stored in its record,
 * runs[0].seeds[0].extra.cells), judged the way §5 of the notebook judges
 * the digits net: the trained distant-reuse share against the band of
 * untrained copies of the same spec (reuse-baseline.ts), and each cell
 * against the same network at initialisation (same spec, same seed).
 *
 * The spec is the experiment's own (its catalogue plan), checked against the
 * record's model name, so the untrained copies are the network that trained.
 */
import { ConvkitInputError } from '../../core/errors';
import type { ModelSpec } from '../../core/spec';
import { featureReuseExperiment } from '../../experiments/catalogue/feature-reuse';
import type { ExperimentRecord, RunRecord, SeedRecord } from '../../experiments/experiment';
import { featureReuse, meanDistantReuseShare, reuseChange, type ReuseCell, type ReuseChangeCell } from '../../experiments/feature-reuse';
import { buildTfModel } from '../../layers/tf/build-model';
import { loadLessonRecord } from '../experiment-results';
import { compareReuseToUntrained, REUSE_BASELINE_NETWORKS, untrainedReuseShares, type ReuseComparison } from './reuse-baseline';

export interface FashionReuseResults {
  readonly record: ExperimentRecord;
  readonly run: RunRecord;
  readonly seed: SeedRecord;
  readonly spec: ModelSpec;
  /** The trained network's cells, as recorded. */
  readonly cells: readonly ReuseCell[];
  /** The same network at initialisation (seed of the record), and trained ÷ initial per cell. */
  readonly change: readonly ReuseChangeCell[];
  readonly initialShare: number;
  /** Trained share against REUSE_BASELINE_NETWORKS untrained copies (seeds 0, 1, …). */
  readonly comparison: ReuseComparison;
}

function recordedCells(seed: SeedRecord): ReuseCell[] {
  const cells = (seed.extra as { cells?: unknown } | undefined)?.cells;
  if (!Array.isArray(cells) || cells.length === 0)
    throw new ConvkitInputError('runs[0].seeds[0].extra.cells', cells, 'must hold the trained network’s feature-reuse cells');
  return cells as ReuseCell[];
}

/** The experiment's spec for the record's run, refused when the record was made from another network. */
function specOf(run: RunRecord): ModelSpec {
  const planned = featureReuseExperiment.plan(false).runs.find((r) => r.id === run.id);
  if (planned === undefined || planned.spec.name !== run.model) {
    throw new ConvkitInputError(
      'record.runs[0].model',
      run.model,
      `must be the network the feature-reuse plan trains (${planned?.spec.name ?? 'no run with this id'})`,
    );
  }
  return planned.spec;
}

/** The record's cells against the untrained band and against initialisation; builds `networks` untrained copies (seconds). */
export function fashionReuseFromRecord(record: ExperimentRecord, networks = REUSE_BASELINE_NETWORKS): FashionReuseResults {
  if (record.experiment !== featureReuseExperiment.name)
    throw new ConvkitInputError('record.experiment', record.experiment, `must be ${featureReuseExperiment.name}`);
  const run = record.runs[0];
  const seed = run?.seeds[0];
  if (seed === undefined) throw new ConvkitInputError('record.runs', record.runs.length, 'must hold one run with a seed');
  const spec = specOf(run);
  const cells = recordedCells(seed);
  const model = buildTfModel(spec, { seed: seed.seed });
  let initial: ReuseCell[];
  try {
    initial = featureReuse(model, spec);
  } finally {
    model.dispose();
  }
  return {
    record,
    run,
    seed,
    spec,
    cells,
    change: reuseChange(cells, initial),
    initialShare: meanDistantReuseShare(initial),
    comparison: compareReuseToUntrained(meanDistantReuseShare(cells), untrainedReuseShares(spec, networks)),
  };
}

/** The committed record (data/experiments/feature-reuse.json), compared as above. */
export function fashionReuseResults(folder?: string): FashionReuseResults {
  return fashionReuseFromRecord(loadLessonRecord(featureReuseExperiment.name, folder));
}

/** The blocks the cells cover, 1, 2, …. */
export function reuseBlocks(cells: readonly ReuseCell[]): number[] {
  return [...new Set(cells.map((c) => c.block))].sort((a, b) => a - b);
}
