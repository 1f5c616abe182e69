/**
 * The model zoo: every architecture convkit knows, by name, with its options
 * checked at the door. The notebooks, the CLI (`convkit model NAME …`) and the
 * tests all build models through `buildModelSpec`, so a name or an option
 * means the same thing everywhere.
 */
import { ConvkitInputError } from '../core/errors';
import { denseNet, denseNetCifar } from './densenet';
import { efficientNet, type EfficientNetVariant } from './efficientnet';
import { mobileNetV1 } from './mobilenet-v1';
import { mobileNetV2 } from './mobilenet-v2';
import { mobileNetV3 } from './mobilenet-v3';
import { RESNET_VARIANTS, resNet, resNetCifar, type ResNetVariant } from './resnet';
import type { ModelSpec } from '../core/spec';

export const MODEL_NAMES = [
  'mobilenet-v1',
  'mobilenet-v2',
  'mobilenet-v3-large',
  'mobilenet-v3-small',
  'densenet-121',
  'densenet-169',
  'densenet-201',
  'densenet-264',
  'densenet-cifar',
  'densenet-bc-cifar',
  'resnet-18',
  'resnet-34',
  'resnet-50',
  'resnet-101',
  'resnet-152',
  'resnet-cifar',
  'efficientnet-b0',
  'efficientnet-b1',
  'efficientnet-b2',
  'efficientnet-b3',
] as const;

export type ModelName = (typeof MODEL_NAMES)[number];

/** Options of `buildModelSpec`; each model accepts only the ones that mean something for it (see `describeModel`). */
export interface ZooOptions {
  /** MobileNets: width multiplier α > 0. Default 1. */
  readonly alpha?: number;
  /** Input height = width in pixels. Default 224 (ImageNet models) or 32 (CIFAR models). */
  readonly resolution?: number;
  /** CIFAR models: depth L. Defaults: densenet-cifar 40, densenet-bc-cifar 100, resnet-cifar 20. */
  readonly depth?: number;
  /** DenseNets: growth rate k. Default 32 (ImageNet) or 12 (CIFAR). */
  readonly growthRate?: number;
  /** ResNet-50/101/152: where a stage strides, 'v1' (paper) or 'v1.5' (torchvision). Default 'v1'. */
  readonly variant?: 'v1' | 'v1.5';
  /** Classifier outputs. Default 1000 (ImageNet models) or 10 (CIFAR models). */
  readonly classes?: number;
}

export type ZooOptionName = keyof ZooOptions;

export const ZOO_OPTION_NAMES: readonly ZooOptionName[] = ['alpha', 'resolution', 'depth', 'growthRate', 'variant', 'classes'];

/** What the zoo knows about one model: where it comes from, what it accepts, how to build it. */
interface ZooEntry {
  readonly paper: string;
  readonly year: number;
  readonly arxiv: string;
  readonly options: readonly ZooOptionName[];
  /** Defaults as shown by describeModel. */
  readonly defaults: string;
  readonly build: (options: ZooOptions) => ModelSpec;
}

const MOBILENET_OPTIONS: readonly ZooOptionName[] = ['alpha', 'resolution', 'classes'];
const IMAGENET_DEFAULTS = 'resolution 224, classes 1000';

const ZOO: Readonly<Record<ModelName, ZooEntry>> = {
  'mobilenet-v1': {
    paper: 'Howard et al., MobileNets (Table 1)',
    year: 2017,
    arxiv: '1704.04861',
    options: MOBILENET_OPTIONS,
    defaults: `alpha 1, ${IMAGENET_DEFAULTS}`,
    build: (o) => mobileNetV1(o),
  },
  'mobilenet-v2': {
    paper: 'Sandler et al., MobileNetV2 (Table 2)',
    year: 2018,
    arxiv: '1801.04381',
    options: MOBILENET_OPTIONS,
    defaults: `alpha 1, ${IMAGENET_DEFAULTS}`,
    build: (o) => mobileNetV2(o),
  },
  'mobilenet-v3-large': {
    paper: 'Howard et al., Searching for MobileNetV3 (Table 1)',
    year: 2019,
    arxiv: '1905.02244',
    options: MOBILENET_OPTIONS,
    defaults: `alpha 1, ${IMAGENET_DEFAULTS}`,
    build: (o) => mobileNetV3('large', o),
  },
  'mobilenet-v3-small': {
    paper: 'Howard et al., Searching for MobileNetV3 (Table 2)',
    year: 2019,
    arxiv: '1905.02244',
    options: MOBILENET_OPTIONS,
    defaults: `alpha 1, ${IMAGENET_DEFAULTS}`,
    build: (o) => mobileNetV3('small', o),
  },
  'densenet-121': denseNetEntry(121),
  'densenet-169': denseNetEntry(169),
  'densenet-201': denseNetEntry(201),
  'densenet-264': denseNetEntry(264),
  'densenet-cifar': {
    paper: 'Huang et al., Densely Connected Convolutional Networks (§3 Implementation Details, Table 2)',
    year: 2017,
    arxiv: '1608.06993',
    options: ['depth', 'growthRate', 'resolution', 'classes'],
    defaults: 'depth 40 ((depth - 4) / 3 layers per block), growthRate 12, resolution 32, classes 10',
    build: (o) => denseNetCifar(false, o),
  },
  'densenet-bc-cifar': {
    paper: 'Huang et al., Densely Connected Convolutional Networks, DenseNet-BC (§3 Implementation Details, Table 2)',
    year: 2017,
    arxiv: '1608.06993',
    options: ['depth', 'growthRate', 'resolution', 'classes'],
    defaults: 'depth 100 ((depth - 4) / 6 layers per block), growthRate 12, resolution 32, classes 10',
    build: (o) => denseNetCifar(true, o),
  },
  'resnet-18': resNetEntry(18),
  'resnet-34': resNetEntry(34),
  'resnet-50': resNetEntry(50),
  'resnet-101': resNetEntry(101),
  'resnet-152': resNetEntry(152),
  'resnet-cifar': {
    paper: 'He et al., Deep Residual Learning (§4.2, Table 6; option-A shortcuts)',
    year: 2016,
    arxiv: '1512.03385',
    options: ['depth', 'resolution', 'classes'],
    defaults: 'depth 20 (6n + 2), resolution 32, classes 10',
    build: (o) => resNetCifar(o),
  },
  'efficientnet-b0': efficientNetEntry('b0'),
  'efficientnet-b1': efficientNetEntry('b1'),
  'efficientnet-b2': efficientNetEntry('b2'),
  'efficientnet-b3': efficientNetEntry('b3'),
};

function efficientNetEntry(variant: EfficientNetVariant): ZooEntry {
  const resolution = { b0: 224, b1: 240, b2: 260, b3: 300 }[variant];
  return {
    paper: `Tan & Le, EfficientNet (${variant === 'b0' ? 'Table 1' : 'Table 1 scaled by §3.3 compound scaling'})`,
    year: 2019,
    arxiv: '1905.11946',
    options: ['resolution', 'classes'],
    defaults: `resolution ${resolution}, classes 1000`,
    build: (o) => efficientNet(variant, o),
  };
}

function denseNetEntry(depth: 121 | 169 | 201 | 264): ZooEntry {
  return {
    paper: 'Huang et al., Densely Connected Convolutional Networks (Table 1, DenseNet-BC)',
    year: 2017,
    arxiv: '1608.06993',
    options: ['growthRate', 'resolution', 'classes'],
    defaults: `growthRate 32, ${IMAGENET_DEFAULTS}`,
    build: (o) => denseNet(depth, o),
  };
}

function resNetEntry(depth: 18 | 34 | 50 | 101 | 152): ZooEntry {
  const bottleneck = depth >= 50;
  return {
    paper: 'He et al., Deep Residual Learning (Table 1)',
    year: 2016,
    arxiv: '1512.03385',
    options: bottleneck ? ['variant', 'resolution', 'classes'] : ['resolution', 'classes'],
    defaults: bottleneck ? `variant v1 (or v1.5), ${IMAGENET_DEFAULTS}` : IMAGENET_DEFAULTS,
    build: (o) => resNet(depth, o),
  };
}

export function isModelName(name: unknown): name is ModelName {
  return typeof name === 'string' && (MODEL_NAMES as readonly string[]).includes(name);
}

function checkModelName(name: unknown): ModelName {
  if (!isModelName(name)) {
    throw new ConvkitInputError('model', name, `must be one of ${MODEL_NAMES.join(', ')}`);
  }
  return name;
}

/**
 * Builds the spec of a zoo model. Throws ConvkitInputError for an unknown
 * model, an unknown option, an option the model does not take (e.g. alpha
 * for a ResNet), or an option value outside its rule.
 *
 *   buildModelSpec('mobilenet-v1', { alpha: 0.5, resolution: 160 })
 *   buildModelSpec('densenet-bc-cifar', { depth: 250, growthRate: 24 })
 */
export function buildModelSpec(name: string, options: ZooOptions = {}): ModelSpec {
  const model = checkModelName(name);
  const entry = ZOO[model];
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ConvkitInputError('options', options, 'must be an object of zoo options');
  }
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (!(ZOO_OPTION_NAMES as readonly string[]).includes(key)) {
      throw new ConvkitInputError(key, value, `is not a zoo option; options are ${ZOO_OPTION_NAMES.join(', ')}`);
    }
    if (!entry.options.includes(key as ZooOptionName)) {
      const accepted = entry.options.length > 0 ? entry.options.join(', ') : 'none';
      throw new ConvkitInputError(key, value, `is not an option of ${model} (it takes: ${accepted})`);
    }
  }
  if (options.variant !== undefined && !RESNET_VARIANTS.includes(options.variant as ResNetVariant)) {
    throw new ConvkitInputError('variant', options.variant, "must be 'v1' or 'v1.5'");
  }
  return entry.build(options);
}

/** The options a model accepts, in the order describeModel lists them. */
export function modelOptions(name: string): readonly ZooOptionName[] {
  return ZOO[checkModelName(name)].options;
}

/** One line for `--help`: paper, year, arXiv id, options and defaults. */
export function describeModel(name: string): string {
  const model = checkModelName(name);
  const e = ZOO[model];
  return `${model}: ${e.paper}, ${e.year}, arXiv:${e.arxiv}; options: ${e.options.join(', ')} (defaults: ${e.defaults})`;
}
