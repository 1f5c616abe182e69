/**
 * The experiments `npx convkit experiment NAME` knows, in campaign order.
 */
import { ConvkitInputError } from '../../core/errors';
import type { Experiment } from '../experiment';
import { accuracyPerParameter } from './accuracy-per-parameter';
import { degradation } from './degradation';
import { featureReuseExperiment } from './feature-reuse';
import { linearBottleneck } from './linear-bottleneck';
import { separableTradeoff } from './separable-tradeoff';

export const EXPERIMENTS: readonly Experiment[] = [degradation, accuracyPerParameter, separableTradeoff, featureReuseExperiment, linearBottleneck];

/** The experiment called `name`; a ConvkitInputError listing the names otherwise. */
export function experimentNamed(name: string): Experiment {
  const found = EXPERIMENTS.find((e) => e.name === name);
  if (found === undefined) throw new ConvkitInputError('experiment', name, `must be one of ${EXPERIMENTS.map((e) => e.name).join(', ')}`);
  return found;
}
