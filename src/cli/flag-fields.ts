/**
 * The kit's errors name spec fields (`growthRate`, `kernelSize`, `strides`);
 * on the command line the learner typed flags (`--growth-rate`, `--kernel`,
 * `--stride`). This maps one to the other, so a message points at what to
 * change on the command line.
 */
import { ConvkitInputError } from '../errors';
import { flagLabel, type FlagName } from './flags';

/** Spec or option field → the flag that sets it. Only exact field names are mapped. */
export const FLAG_FOR_FIELD: Readonly<Record<string, FlagName>> = {
  alpha: 'alpha',
  resolution: 'resolution',
  depth: 'depth',
  growthRate: 'growth-rate',
  variant: 'variant',
  classes: 'classes',
  filters: 'filters',
  kernelSize: 'kernel',
  strides: 'stride',
  padding: 'padding',
  dilation: 'dilation',
  groups: 'groups',
  useBias: 'bias',
  depthMultiplier: 'depth-multiplier',
  layers: 'layers',
  compression: 'compression',
  expansion: 'expansion',
  squeezeChannels: 'squeeze',
  inputChannels: 'input',
  'inputShapes[0]': 'input',
};

/**
 * Runs `fn`; an input error about a field that one of `accepted` flags sets
 * is re-said with the flag's name. Other fields (e.g. a node inside a model)
 * pass unchanged: renaming them would point at a flag the user never gave.
 */
export function withFlagNames<T>(accepted: readonly FlagName[], fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ConvkitInputError && Object.prototype.hasOwnProperty.call(FLAG_FOR_FIELD, error.field)) {
      const flag = FLAG_FOR_FIELD[error.field]!;
      if (accepted.includes(flag)) throw new ConvkitInputError(flagLabel(flag), error.value, error.rule);
    }
    throw error;
  }
}
