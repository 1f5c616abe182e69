/**
 * What a run can measure on its trained network besides accuracy, by name
 * (RunPlan.measure), so a worker thread can be told which one to take.
 *
 *   'feature-reuse'  the Figure-5 cells of a DenseNet (./feature-reuse.ts):
 *                    mean |weight| of each target layer over each source's
 *                    channels (Huang et al. 2017, §5), trained here.
 */
import type * as tf from '@tensorflow/tfjs';
import { ConvkitInputError } from '../core/errors';
import type { ModelSpec } from '../core/spec';
import { featureReuse } from './feature-reuse';

const MEASURES: Readonly<Record<string, (model: tf.LayersModel, spec: ModelSpec) => unknown>> = {
  'feature-reuse': (model, spec) => ({ cells: featureReuse(model, spec) }),
};

/** The measurement `name` of `model`, built from `spec` and trained. */
export function measureTrained(name: string, model: tf.LayersModel, spec: ModelSpec): unknown {
  const measure = MEASURES[name];
  if (measure === undefined) throw new ConvkitInputError('measure', name, `must be one of ${Object.keys(MEASURES).join(', ')}`);
  return measure(model, spec);
}
