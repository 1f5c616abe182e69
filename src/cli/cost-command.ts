/**
 * `convkit cost MODEL [options]`: what a zoo model costs.
 *
 *   flags ──► zoo options (only those the model takes) ──buildModelSpec──► spec
 *         ──summarize──► stage table + totals  (--per-layer: every layer)
 *                     or one JSON object       (--json, see ./json-report)
 */
import { renderSummaryText } from '../cost/render';
import { ConvkitInputError } from '../core/errors';
import { buildModelSpec, isModelName, modelOptions, MODEL_NAMES, ZOO_OPTION_NAMES, type ZooOptionName, type ZooOptions } from '../models/zoo';
import { FLAG_FOR_FIELD, withFlagNames } from './flag-fields';
import { flagLabel, parseFlags, type FlagName, type ParsedCommandLine } from './flags';
import { costHelp } from './help';
import type { CliIo } from './io';
import { costReport } from './json-report';
import { renderStageText } from './stage-table';

/** The zoo options, as flags. */
export const MODEL_FLAGS: readonly FlagName[] = ['alpha', 'resolution', 'depth', 'growth-rate', 'variant', 'classes'];

export const COST_FLAGS: readonly FlagName[] = ['help', 'json', 'per-layer', ...MODEL_FLAGS];

/** The flag that sets a zoo option, e.g. growthRate → growth-rate. */
export function flagForOption(option: ZooOptionName): FlagName {
  return FLAG_FOR_FIELD[option]!;
}

export async function costCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseFlags(args, COST_FLAGS, 'convkit cost');
  if (parsed.values.help) {
    io.stdout(costHelp());
    return 0;
  }
  const model = modelArgument(parsed);
  const options = zooOptions(model, parsed);
  const context = { given: parsed.values, inputFlag: 'resolution' as const };
  const spec = withFlagNames(MODEL_FLAGS, () => buildModelSpec(model, options), context);
  // The cost model loads mathjs (most of the start-up time), so only now,
  // after every argument has been checked and help has had its chance.
  const { summarize } = require('../cost/summary') as typeof import('../cost/summary');
  const summary = withFlagNames(MODEL_FLAGS, () => summarize(spec), context);
  const perLayer = parsed.values['per-layer'] === true;
  if (parsed.values.json) {
    io.stdout(`${JSON.stringify(costReport(summary, perLayer), null, 2)}\n`);
  } else {
    io.stdout(`${perLayer ? renderSummaryText(summary) : renderStageText(summary)}\n`);
  }
  return 0;
}

/** The one positional argument: a zoo model name. */
function modelArgument(parsed: ParsedCommandLine): string {
  const [model, ...extra] = parsed.positionals;
  if (model === undefined) {
    throw new ConvkitInputError('model', undefined, `name a model after convkit cost, one of ${MODEL_NAMES.join(', ')}`);
  }
  if (extra.length > 0) {
    throw new ConvkitInputError('argument', extra[0], 'unexpected: convkit cost takes one MODEL, then options starting with --');
  }
  if (!isModelName(model)) {
    throw new ConvkitInputError('model', model, `must be one of ${MODEL_NAMES.join(', ')}`);
  }
  return model;
}

/**
 * The given model flags as zoo options. A flag the model does not take
 * (--alpha for a DenseNet, --depth for an ImageNet ResNet) is an error: silently
 * ignoring it would print the cost of a different network than the one asked for.
 */
function zooOptions(model: string, parsed: ParsedCommandLine): ZooOptions {
  const takes = modelOptions(model);
  const options: Record<string, unknown> = {};
  for (const option of ZOO_OPTION_NAMES) {
    const flag = flagForOption(option);
    const value = parsed.values[flag];
    if (value === undefined) continue;
    if (!takes.includes(option)) {
      const accepted = takes.map((o) => flagLabel(flagForOption(o))).join(' ') || 'none';
      throw new ConvkitInputError(flagLabel(flag), value, `not meaningful for ${model}; it takes ${accepted}`);
    }
    options[option] = value;
  }
  return options as ZooOptions;
}
