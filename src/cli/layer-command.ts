/**
 * `convkit layer TYPE --input H,W,C [options]`: what one layer or block costs.
 *
 *   flags ──► TYPE's spec (./layer-types) ──► one layer: layerCost (+ separable vs standard)
 *                                          └► a block:  summarize its nodes
 *         ──► formula, sizes and numbers as text, or one JSON object (./layer-report)
 */
import { ConvkitInputError } from '../core/errors';
import { normalizeLayer } from '../core/defaults';
import { INPUT, type ModelSpec, type Shape3 } from '../core/spec';
import { withFlagNames } from './flag-fields';
import { flagLabel, FLAGS, parseFlags, type FlagName } from './flags';
import { layerHelp } from './help';
import type { CliIo } from './io';
import { findLayerType, LAYER_TYPE_NAMES, LAYER_TYPES, type LayerType } from './layer-types';

/** Flags every layer type takes. */
export const LAYER_COMMON_FLAGS: readonly FlagName[] = ['help', 'json', 'input'];

/** Every flag any layer type takes, so a flag of another type is "not meaningful", not "unknown". */
export const LAYER_FLAGS: readonly FlagName[] = [...LAYER_COMMON_FLAGS, ...new Set(LAYER_TYPES.flatMap((type) => type.flags))];

export async function layerCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseFlags(args, LAYER_FLAGS, 'convkit layer');
  const [typeName, ...extra] = parsed.positionals;
  if (typeName === undefined) {
    if (parsed.values.help) {
      io.stdout(layerHelp());
      return 0;
    }
    throw new ConvkitInputError('type', undefined, `name a layer type after convkit layer, one of ${LAYER_TYPE_NAMES.join(', ')}`);
  }
  const type = findLayerType(typeName);
  if (type === undefined) {
    throw new ConvkitInputError('type', typeName, `must be one of ${LAYER_TYPE_NAMES.join(', ')}`);
  }
  if (parsed.values.help) {
    io.stdout(layerHelp(type));
    return 0;
  }
  if (extra.length > 0) {
    throw new ConvkitInputError('argument', extra[0], `unexpected: convkit layer takes one TYPE, then options starting with --`);
  }
  const accepted = [...LAYER_COMMON_FLAGS, ...type.flags];
  checkFlags(type, parsed.values, accepted);
  const input = parsed.values.input as Shape3;
  const context = { given: parsed.values, inputFlag: 'input' as const };
  const build = withFlagNames(accepted, () => type.build(parsed.values, input), context);
  // The cost model and the formulas load mathjs (most of the start-up time),
  // so only now, after every argument has been checked.
  const { layerCost, separableVsStandard, summarize } = require('../cost') as typeof import('../cost');
  const { blockJson, renderBlockText, renderSingleLayerText, singleLayerJson } = require('./layer-report') as typeof import('./layer-report');

  if (build.form === 'layer') {
    const { layer, cost, memory, comparison } = withFlagNames(
      accepted,
      () => {
        const normalized = normalizeLayer(build.layer);
        const cost = layerCost(normalized, [input]);
        // The memory figures come from the model summary of this one layer, so
        // they mean exactly what they mean for `convkit cost`.
        const alone: ModelSpec = { name: type.name, input, nodes: [{ name: type.name, layer: normalized, inputs: [INPUT] }] };
        return {
          layer: normalized,
          cost,
          memory: summarize(alone).memory,
          comparison: normalized.kind === 'separableConv2d' ? separableVsStandard(input, normalized) : undefined,
        };
      },
      context,
    );
    const json = singleLayerJson(type.name, layer, input, cost, memory, comparison);
    io.stdout(parsed.values.json ? `${JSON.stringify(json, null, 2)}\n` : `${renderSingleLayerText(json, type.summary)}\n`);
    return 0;
  }

  const spec: ModelSpec = { name: `${type.name} (${build.description})`, input, nodes: build.block.nodes };
  const summary = withFlagNames(accepted, () => summarize(spec), context);
  const json = blockJson(type.name, build.description, summary);
  io.stdout(parsed.values.json ? `${JSON.stringify(json, null, 2)}\n` : `${renderBlockText(json, summary)}\n`);
  return 0;
}

/** --input is required; so are the type's flags without a default; other types' flags are refused. */
function checkFlags(type: LayerType, values: Partial<Record<FlagName, unknown>>, accepted: readonly FlagName[]): void {
  for (const flag of Object.keys(values) as FlagName[]) {
    if (!accepted.includes(flag)) {
      throw new ConvkitInputError(
        flagLabel(flag),
        values[flag],
        `not meaningful for layer ${type.name}; it takes ${accepted
          .filter((f) => f !== 'help')
          .map(flagLabel)
          .join(' ')}`,
      );
    }
  }
  for (const flag of ['input' as const, ...type.required]) {
    if (values[flag] === undefined) {
      const placeholder = FLAGS[flag].placeholder ?? '';
      const help = type.flagHelp?.[flag] ?? FLAGS[flag].help;
      throw new ConvkitInputError(flagLabel(flag), undefined, `required for layer ${type.name}: ${help} (${flagLabel(flag)} ${placeholder})`);
    }
  }
}
