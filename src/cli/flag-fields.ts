/**
 * The kit's errors name spec fields (`growthRate`, `kernelSize`, `strides`);
 * on the command line the learner typed flags (`--growth-rate`, `--kernel`,
 * `--stride`). This maps one to the other, so a message points at what to
 * change on the command line.
 */
import { TOTALS } from '../cost/types';
import { ConvkitInputError } from '../core/errors';
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

/** What withFlagNames needs to re-say errors that no single field maps to. */
export interface FlagContext {
  /** The flags as given (parsed values), to name them in a "sizes too large" error. */
  readonly given: Readonly<Partial<Record<FlagName, unknown>>>;
  /** The flag that sets the input's height and width: --input (layer) or --resolution (cost). */
  readonly inputFlag: FlagName;
}

/**
 * The counts the cost model requires to be exact (below 2^53), by the field
 * a layer too large for them fails on, prefixed by the node's name
 * ("conv1.outputElements"), and how a message names them.
 * src/cost/layer-cost.ts `exact`.
 */
const COUNT_NAMES: Readonly<Record<string, string>> = {
  macs: 'MACs',
  flops: 'FLOPs (2 × MACs)',
  params: 'parameters',
  elementwiseOps: 'elementwise ops',
  outputElements: 'output elements',
  intermediateElements: 'intermediate-map elements',
  inputElements: 'input elements',
  outputBytes: 'output bytes',
  intermediateBytes: 'intermediate-map bytes',
  weightBytes: 'weight bytes',
  inputBytes: 'input bytes',
  weightsBytes: 'weight bytes',
  activationsBytes: 'activation bytes',
  peakInferenceBytes: 'peak inference bytes',
  trainingBytes: 'training bytes',
  sharedStorageTrainingBytes: 'shared-storage training bytes',
};

/** A kernel or pool window larger than the (padded) input: src/cost/output-shape.ts. */
const WINDOW_FIELDS = new Set(['kernelSize', 'poolSize']);

function lastPart(field: string): string {
  return field.slice(field.lastIndexOf('.') + 1);
}

function nodeOf(field: string): string | undefined {
  const dot = field.lastIndexOf('.');
  return dot > 0 ? field.slice(0, dot) : undefined;
}

/** The numeric and shape flags the learner gave, as typed: "--input 56,56,128 --filters 128". */
function sizeFlagsText(given: FlagContext['given']): string {
  return (Object.entries(given) as Array<[FlagName, unknown]>)
    .filter(([, value]) => typeof value === 'number' || Array.isArray(value))
    .map(([flag, value]) => `${flagLabel(flag)} ${Array.isArray(value) ? value.join(',') : String(value)}`)
    .join(' ');
}

/**
 * Runs `fn`; an input error about a field that one of `accepted` flags sets
 * is re-said with the flag's name. Other fields (e.g. a node inside a model)
 * pass unchanged: renaming them would point at a flag the user never gave.
 *
 * With `context`, two more kinds are re-said in the learner's terms: a count
 * beyond 2^53 (the sizes given are too large together; the message lists
 * them) and a layer's window larger than its input (the input flag is too
 * small for that layer).
 */
export function withFlagNames<T>(accepted: readonly FlagName[], fn: () => T, context?: FlagContext): T {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof ConvkitInputError)) throw error;
    if (Object.hasOwn(FLAG_FOR_FIELD, error.field)) {
      const flag = FLAG_FOR_FIELD[error.field]!;
      if (accepted.includes(flag)) {
        const given = context?.given[flag];
        // The input's channels (or height) are checked on their own: show the whole --input as typed.
        if (flag === context?.inputFlag && Array.isArray(given)) throw new ConvkitInputError(flagLabel(flag), given.join(','), error.rule);
        // A flag left out failed with its default: say so, not as if the learner had typed it.
        const shown = context !== undefined && given === undefined ? `(not given; its default ${String(error.value)})` : undefined;
        throw new ConvkitInputError(flagLabel(flag), error.value, error.rule, shown);
      }
    }
    if (context !== undefined) {
      const field = lastPart(error.field);
      const node = nodeOf(error.field);
      // src/cost/summary.ts prefixes a model's or block's sums with TOTALS.
      const where = node === TOTALS ? 'the totals' : node !== undefined ? `layer ${node}` : 'the layer';
      if (Object.hasOwn(COUNT_NAMES, field)) {
        throw new ConvkitInputError(
          'sizes',
          sizeFlagsText(context.given) || '(the defaults)',
          `too large together: ${where} would count ${COUNT_NAMES[field]} = ${String(error.value)}, ` +
            'beyond 2^53 (about 9.0e15), where counts stop being exact; use smaller values',
        );
      }
      if (WINDOW_FIELDS.has(field) && node !== undefined) {
        throw new ConvkitInputError(
          flagLabel(context.inputFlag),
          context.given[context.inputFlag] ?? 'the default',
          `too small for ${where}: its ${field} ${String(error.value)} is ${error.rule}`,
        );
      }
    }
    throw error;
  }
}
