/**
 * Command-line flags of `convkit`: one table that says what each flag means
 * and how its text becomes a value, and one parser that turns argv into typed
 * values or a ConvkitInputError naming the flag, the value and the rule.
 *
 * Parsing is node's own `util.parseArgs` in strict mode; its errors (unknown
 * option, missing value, value on a boolean flag) are caught here and re-said
 * in the kit's one-line form, so the command never prints a stack for a typo.
 */
import { parseArgs } from 'node:util';
import { ConvkitInputError, requireInteger, requirePositive } from '../core/errors';

/** How the text after a flag becomes a value. */
export type FlagKind =
  | 'boolean'
  | 'positiveNumber'
  | 'positiveInteger'
  /** A number in (0, 1], e.g. DenseNet's compression θ. */
  | 'fraction'
  /** H,W,C: three positive integers. */
  | 'shape'
  | 'choice';

export interface FlagInfo {
  readonly kind: FlagKind;
  /** What to write after the flag in help text, e.g. 'A' or 'H,W,C'. */
  readonly placeholder?: string;
  /** For kind 'choice'. */
  readonly choices?: readonly string[];
  /** One line for --help. */
  readonly help: string;
  /**
   * Largest accepted value (numbers; for a shape, each of its sizes), with the
   * reason in `maxReason`. Set where a larger value can only be a typo and
   * would otherwise fail deep inside the cost model with a field the learner
   * never typed (e.g. "conv1.outputElements").
   */
  readonly max?: number;
  readonly maxReason?: string;
}

/**
 * Every flag convkit knows, by its name without the dashes. A command accepts a
 * subset; a flag known here but not accepted by the command (or the model) is
 * reported as "not meaningful for …" rather than as a typo.
 */
const FLAG_TABLE = {
  help: { kind: 'boolean', help: 'show help for the command and exit' },
  version: { kind: 'boolean', help: 'print the convkit version and exit' },
  json: { kind: 'boolean', help: 'print one JSON object instead of tables' },
  'per-layer': { kind: 'boolean', help: 'include every layer (a table, or "layers" in JSON)' },
  // Model options (src/models/zoo.ts ZooOptions).
  alpha: {
    kind: 'positiveNumber',
    placeholder: 'A',
    help: "width multiplier α in (0, 4] (MobileNet; 1 = the paper's full width)",
    max: 4,
    maxReason: 'the MobileNet papers use 0.25 to 1.4; 4 already means 16 times the MACs of the full-width network',
  },
  resolution: {
    kind: 'positiveInteger',
    placeholder: 'R',
    help: 'input height and width in pixels, at most 4096 (ρ·224 in MobileNet v1)',
    max: 4096,
    maxReason: 'ImageNet models are run at 224 to 600 pixels; 4096 is already 18 times 224',
  },
  depth: { kind: 'positiveInteger', placeholder: 'L', help: 'network depth L (DenseNet/ResNet for CIFAR)' },
  'growth-rate': { kind: 'positiveInteger', placeholder: 'K', help: 'DenseNet growth rate k: new channels per layer' },
  variant: { kind: 'choice', placeholder: 'v1|v1.5', choices: ['v1', 'v1.5'], help: 'ResNet bottleneck: stride on the 1×1 (v1) or the 3×3 (v1.5)' },
  classes: {
    kind: 'positiveInteger',
    placeholder: 'N',
    help: 'classes of the classifier head, at most 100000',
    max: 100_000,
    maxReason: 'the largest common label set, ImageNet-21k, has 21,841 classes',
  },
  // Layer options (src/models/spec.ts, src/models/blocks/).
  input: { kind: 'shape', placeholder: 'H,W,C', help: 'input feature map: height, width, channels' },
  filters: {
    kind: 'positiveInteger',
    placeholder: 'M',
    // resnet-bottleneck says what it means there (src/cli/layer-types.ts flagHelp).
    help: 'output channels M',
  },
  kernel: { kind: 'positiveInteger', placeholder: 'K', help: 'kernel size K (K×K)' },
  stride: { kind: 'positiveInteger', placeholder: 'S', help: 'stride' },
  padding: { kind: 'choice', placeholder: 'same|valid', choices: ['same', 'valid'], help: 'padding rule' },
  dilation: { kind: 'positiveInteger', placeholder: 'D', help: 'dilation rate; above 1 only with stride 1 (a window is dilated or strided, not both)' },
  groups: { kind: 'positiveInteger', placeholder: 'G', help: 'channel groups (grouped convolution)' },
  bias: { kind: 'boolean', help: 'add a bias (off by default: a BN follows every conv in the zoo)' },
  'depth-multiplier': { kind: 'positiveInteger', placeholder: 'D', help: 'depthwise output channels per input channel' },
  layers: {
    kind: 'positiveInteger',
    placeholder: 'L',
    help: 'layers in the dense block, at most 1000',
    max: 1000,
    // Without a cap, --layers 40000 builds a graph that takes minutes (and once overflowed the stack).
    maxReason: 'DenseNet blocks have 6 to 48 layers (Huang et al. 2017, Table 1); even --depth 2000, its cap, gives at most 665 per block',
  },
  compression: { kind: 'fraction', placeholder: 'θ', help: 'transition compression θ in (0, 1] (DenseNet-C: 0.5)' },
  expansion: {
    kind: 'positiveNumber',
    placeholder: 'T',
    help: 'expansion: inverted residual t, the 1×1 expands to t·C (MobileNet v2: 6); ResNet bottleneck output = T × filters (4)',
  },
  bottleneck: { kind: 'boolean', help: 'DenseNet-B: a 1×1 conv to 4k channels before each 3×3 conv' },
  squeeze: { kind: 'positiveInteger', placeholder: 'C', help: 'squeeze-and-excite channels' },
} as const satisfies Record<string, FlagInfo>;

export type FlagName = keyof typeof FLAG_TABLE;

export const FLAGS: Readonly<Record<FlagName, FlagInfo>> = FLAG_TABLE;

/** Parsed flag values: numbers, booleans, strings (choices) or a shape. */
export type FlagValue = number | boolean | string | readonly [number, number, number];

export interface ParsedCommandLine {
  readonly positionals: readonly string[];
  /** Only the flags that were given. */
  readonly values: Partial<Record<FlagName, FlagValue>>;
}

/**
 * Parses `args` accepting exactly `accepted` flags (`context` names the command
 * in messages, e.g. 'convkit cost'). Unknown flags, missing values and bad
 * numbers throw ConvkitInputError naming the flag.
 */
export function parseFlags(args: readonly string[], accepted: readonly FlagName[], context: string): ParsedCommandLine {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const name of accepted) options[name] = { type: FLAGS[name].kind === 'boolean' ? 'boolean' : 'string' };
  // `-h` is what people type first; it is the only short form.
  if (options.help) options.help.short = 'h';
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[]; tokens: readonly FlagToken[] };
  try {
    parsed = parseArgs({
      args: joinNegativeValues(args, options),
      options,
      strict: true,
      allowPositionals: true,
      tokens: true,
    }) as typeof parsed;
  } catch (error) {
    throw translateParseError(error, args, accepted, context);
  }
  rejectRepeatedFlags(parsed.tokens);
  const values: Partial<Record<FlagName, FlagValue>> = {};
  for (const name of accepted) {
    const raw = parsed.values[name];
    if (raw !== undefined) values[name] = convertFlag(name, raw);
  }
  return { positionals: parsed.positionals, values };
}

/** What parseArgs reports about each argument (only the fields used here). */
interface FlagToken {
  readonly kind: string;
  readonly name?: string;
  readonly value?: string;
}

/**
 * `--alpha 0.5 --alpha 0.75` would silently cost α = 0.75; a flag given twice
 * is more likely an edit left half-done, so it is refused, naming both values.
 */
function rejectRepeatedFlags(tokens: readonly FlagToken[]): void {
  const seen = new Map<string, Array<string | undefined>>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined) continue;
    const values = seen.get(token.name) ?? [];
    values.push(token.value);
    seen.set(token.name, values);
  }
  for (const [name, values] of seen) {
    if (values.length > 1) {
      const given = values.every((value) => value === undefined) ? '' : ` (${values.map((value) => value ?? '(no value)').join(', then ')})`;
      throw new ConvkitInputError('option', `--${name}`, `given ${values.length} times${given}; give each option once`);
    }
  }
}

/** The flag as typed on the command line. */
export function flagLabel(name: FlagName): string {
  return `--${name}`;
}

/**
 * `--alpha -1` would be read by parseArgs as a flag followed by the short
 * option `-1`; join such pairs to `--alpha=-1` so the value reaches validation
 * and the learner hears "must be greater than 0" instead of a parser riddle.
 */
function joinNegativeValues(args: readonly string[], options: Record<string, { type: string }>): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-(?:[\d.]|Infinity$|NaN$)/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

function translateParseError(error: unknown, args: readonly string[], accepted: readonly FlagName[], context: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(-[^' ]*)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag !== undefined) {
    return unknownFlagError(flag, accepted, context);
  }
  // Node names a flag with a short form as "'-h, --help'": take the long name.
  const long = /'(?:-\w, )?--([\w-]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && long !== undefined && Object.hasOwn(FLAGS, long)) {
    const name = long as FlagName;
    if (/does not take an argument/.test(message)) {
      const value = valueAfter(args, `--${name}`);
      return new ConvkitInputError(
        flagLabel(name),
        value,
        `is a switch and takes no value; write ${flagLabel(name)} alone`,
        value === undefined ? '(with a value)' : undefined,
      );
    }
    const info: FlagInfo = FLAGS[name];
    const example = info.placeholder !== undefined ? `, e.g. ${flagLabel(name)} ${info.placeholder}` : '';
    return new ConvkitInputError(flagLabel(name), undefined, `needs a value after it${example}`, '(no value)');
  }
  return error;
}

/** An unknown flag: either a typo, or a real convkit flag this command does not take. */
export function unknownFlagError(flag: string, accepted: readonly FlagName[], context: string): ConvkitInputError {
  const name = flag.replace(/^-+/, '');
  const known = Object.hasOwn(FLAGS, name);
  const rule = known
    ? `not meaningful for ${context}; its options: ${optionList(accepted)}`
    : `unknown option for ${context}; its options: ${optionList(accepted)}`;
  return new ConvkitInputError('option', flag, rule);
}

function optionList(accepted: readonly FlagName[]): string {
  return accepted.map(flagLabel).join(' ');
}

function valueAfter(args: readonly string[], flag: string): string | undefined {
  const withValue = args.find((arg) => arg.startsWith(`${flag.split('=')[0]}=`));
  return withValue?.slice(withValue.indexOf('=') + 1);
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Text to number, or the text itself when it is not a number (so the message quotes it). */
function numberOrText(text: string): number | string {
  if (DECIMAL.test(text.trim()) || /^[+-]?(?:Infinity|NaN)$/.test(text.trim())) return Number(text);
  return text;
}

/** Converts one flag's raw text by its kind; throws ConvkitInputError naming the flag. */
export function convertFlag(name: FlagName, raw: string | boolean): FlagValue {
  const info: FlagInfo = FLAGS[name];
  const label = flagLabel(name);
  if (info.kind === 'boolean' || typeof raw === 'boolean') return raw;
  switch (info.kind) {
    case 'positiveNumber':
      return atMost(name, requirePositive(label, finite(label, numberOrText(raw))));
    case 'positiveInteger': {
      // The flag's own bound first: "--classes 1e20" is a typo against "at most 100,000", not against 2^53.
      const value = finite(label, numberOrText(raw));
      if (typeof value === 'number' && value >= 1) atMost(name, value);
      return atMost(name, requireInteger(label, value));
    }
    case 'fraction': {
      const value = requirePositive(label, finite(label, numberOrText(raw)));
      if (value > 1) throw new ConvkitInputError(label, value, 'must be in (0, 1]');
      return value;
    }
    case 'choice':
      if (!info.choices!.includes(raw)) throw new ConvkitInputError(label, raw, `must be one of ${info.choices!.join(', ')}`);
      return raw;
    case 'shape':
      return parseShape(label, raw);
  }
}

/** Infinity and NaN (e.g. `--depth 1e400`) are refused as such, not as "not positive". */
function finite(label: string, value: number | string): number | string {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new ConvkitInputError(label, value, 'must be a finite number');
  return value;
}

/** The flag's upper bound (FlagInfo.max), with its reason. */
function atMost(name: FlagName, value: number): number {
  const info: FlagInfo = FLAGS[name];
  if (info.max !== undefined && value > info.max) {
    throw new ConvkitInputError(flagLabel(name), value, `must be at most ${info.max.toLocaleString('en-US')}: ${info.maxReason}`);
  }
  return value;
}

/** 'H,W,C' → [H, W, C], each a positive integer. */
export function parseShape(label: string, raw: string): readonly [number, number, number] {
  const parts = raw.split(/[,x×]/).map((part) => numberOrText(part.trim()));
  const valid = parts.length === 3 && parts.every((part) => typeof part === 'number' && Number.isInteger(part) && part > 0);
  if (!valid) throw new ConvkitInputError(label, raw, 'must be H,W,C: three positive integers, e.g. 56,56,128');
  return parts as unknown as readonly [number, number, number];
}
