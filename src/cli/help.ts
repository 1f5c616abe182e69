/**
 * Help texts of `convkit`, built from the same tables the commands read
 * (flags, zoo models, layer types), so help never lists a model or an option
 * the command does not accept.
 */
import { describeModel, modelOptions, MODEL_NAMES, ZOO_OPTION_NAMES } from '../models/zoo';
import { FLAG_FOR_FIELD } from './flag-fields';
import { FLAGS, flagLabel, type FlagName } from './flags';
import { LAYER_TYPES, type LayerType } from './layer-types';

function flagLine(name: FlagName, type?: LayerType): string {
  const info = FLAGS[name];
  const placeholder = info.placeholder !== undefined ? ` ${info.placeholder}` : '';
  return `  ${`${flagLabel(name)}${placeholder}`.padEnd(24)} ${type?.flagHelp?.[name] ?? info.help}`;
}

/** `convkit --help`. */
export function topHelp(): string {
  return [
    'convkit: what efficient CNN building blocks compute and cost',
    '',
    'Usage:',
    '  convkit cost MODEL [--alpha A] [--resolution R] [--depth L] [--growth-rate K]',
    '                     [--variant v1|v1.5] [--classes N] [--per-layer] [--json]',
    '  convkit layer TYPE --input H,W,C [layer options] [--json]',
    '  convkit run …      run the notebooks (see convkit run --help)',
    '  convkit experiment NAME|all [--quick] [--seeds N] [--out DIR]',
    '                     train an experiment on Fashion-MNIST (see convkit experiment --help)',
    '  convkit --help | --version',
    '',
    'MACs count conv and dense multiply-accumulates only; FLOPs here = 2 x MACs (a tool convention; the CNN papers\' "FLOPs" are multiply-adds, i.e. MACs).',
    'Params follow Keras: trainable (weights, biases, BN gamma/beta) + non-trainable (BN moving statistics).',
    'Memory is fp32 (4 bytes per value), batch of one.',
    '',
    'Models:',
    ...modelLines(),
    '',
    'Layer types:',
    ...LAYER_TYPES.map((type) => `  ${type.name.padEnd(18)} ${type.summary}`),
    '',
    'Exit codes: 0 done, 2 bad input (one line on stderr), 1 internal error.',
    'More: convkit cost --help, convkit layer --help, convkit layer TYPE --help',
    '',
  ].join('\n');
}

/**
 * One line per zoo model, in flags: describeModel speaks the library's option
 * names (growthRate) and notes alternatives in its defaults ("variant v1 (or
 * v1.5)"); on the command line the learner needs the flags and one default each.
 */
function modelLines(): string[] {
  return MODEL_NAMES.map((name) => `  ${modelLine(name)}`);
}

export function modelLine(name: string): string {
  const description = describeModel(name);
  const head = description.split('; options: ')[0]!;
  const flags = modelOptions(name).map((option) => flagLabel(FLAG_FOR_FIELD[option]!));
  const defaults = /\(defaults: (.*)\)$/.exec(description)?.[1] ?? '';
  const defaultsAsFlags = defaults
    .replace(/ \(or [^)]*\)/g, '')
    .replace(
      new RegExp(`(^|, )(${ZOO_OPTION_NAMES.join('|')})\\b`, 'g'),
      (_match, before: string, option: string) => `${before}${flagLabel(FLAG_FOR_FIELD[option]!)}`,
    );
  return `${head}; options: ${flags.join(' ') || 'none'}${defaultsAsFlags ? ` (defaults: ${defaultsAsFlags})` : ''}`;
}

/** `convkit cost --help`. */
export function costHelp(): string {
  return [
    'Usage: convkit cost MODEL [options]',
    '',
    'The cost of a zoo model: MACs, FLOPs, parameters and memory, by stage',
    '(or by layer with --per-layer), or one JSON object with --json.',
    '',
    'Options (a model takes only those listed for it below):',
    ...(['alpha', 'resolution', 'depth', 'growth-rate', 'variant', 'classes', 'per-layer', 'json', 'help'] as const).map((flag) => flagLine(flag)),
    '',
    'Models:',
    ...modelLines(),
    '',
    'Examples:',
    '  convkit cost mobilenet-v1 --alpha 0.5 --resolution 160',
    '  convkit cost densenet-bc-cifar --depth 250 --growth-rate 24 --json',
    '  convkit cost resnet-50 --variant v1.5 --per-layer',
    '',
  ].join('\n');
}

/** `convkit layer --help`, or the help of one type. */
export function layerHelp(type?: LayerType): string {
  if (type) {
    return [
      `Usage: convkit layer ${type.name} --input H,W,C${type.required.map((f) => ` ${flagLabel(f)} ${FLAGS[f].placeholder ?? ''}`.trimEnd()).join('')} [options] [--json]`,
      '',
      type.summary,
      '',
      'Options:',
      ...(['input', ...type.flags, 'json', 'help'] as const).map((flag) => flagLine(flag, type)),
      '',
      `Required: --input${type.required.map((f) => `, ${flagLabel(f)}`).join('')}`,
      `Defaults: ${type.defaults}`,
      '',
    ].join('\n');
  }
  const allFlags = [...new Set(LAYER_TYPES.flatMap((t) => t.flags))];
  return [
    'Usage: convkit layer TYPE --input H,W,C [options] [--json]',
    '',
    'The cost of one layer or block on an input feature map: the formula (as mathjs text),',
    'the sizes that go into it, MACs, FLOPs, parameters and memory. A separable conv is',
    'also compared with the standard conv it replaces (ratio 1/M + 1/K^2).',
    '',
    'Types (options each takes; see convkit layer TYPE --help):',
    ...LAYER_TYPES.map((t) => `  ${t.name.padEnd(18)} ${t.flags.map(flagLabel).join(' ') || '(no options)'}`),
    '',
    'Options:',
    ...(['input', ...allFlags, 'json', 'help'] as FlagName[]).map((flag) => flagLine(flag)),
    '',
    'Examples:',
    '  convkit layer separable --input 56,56,128 --filters 128 --kernel 3',
    '  convkit layer conv --input 224,224,3 --filters 32 --kernel 3 --stride 2',
    '  convkit layer dense-block --input 56,56,64 --layers 6 --growth-rate 32 --bottleneck --json',
    '',
  ].join('\n');
}
