/**
 * The layer types `convkit layer TYPE` knows: each maps command-line flags to
 * a spec, either one layer (src/models/spec.ts) or a block of layers built by
 * the zoo's own block builders (src/models/blocks), so a block here is
 * exactly the block inside the zoo models.
 *
 * Defaults are the papers' (and the block builders') and are listed in
 * `convkit layer --help`.
 */
import {
  denseBlock,
  depthwiseSeparableBlock,
  invertedResidualBlock,
  resNetBasicBlock,
  resNetBottleneckBlock,
  squeezeExciteBlock,
  transitionLayer,
  type BlockFragment,
} from '../models/blocks';
import { inputPlacement } from '../models/one-block';
import type { LayerSpec, Padding, Shape3 } from '../core/spec';
import type { FlagName, FlagValue } from './flags';

/** The flag values of one `convkit layer` call. */
export type LayerFlagValues = Partial<Record<FlagName, FlagValue>>;

/** What a layer type builds: one layer, or a block of them. */
export type LayerBuild =
  | { readonly form: 'layer'; readonly layer: LayerSpec }
  | { readonly form: 'block'; readonly description: string; readonly block: BlockFragment };

export interface LayerType {
  /** The TYPE argument, e.g. 'separable'. */
  readonly name: string;
  /** One line for --help: what it is and where it comes from. */
  readonly summary: string;
  /** Layer flags it takes (besides --input, --json, --help). */
  readonly flags: readonly FlagName[];
  /** Flags without a default. */
  readonly required: readonly FlagName[];
  /** Defaults, as help shows them. */
  readonly defaults: string;
  /** Help lines that mean something else for this type than FLAGS says in general. */
  readonly flagHelp?: Partial<Record<FlagName, string>>;
  build(values: LayerFlagValues, input: Shape3): LayerBuild;
}

const num = (values: LayerFlagValues, flag: FlagName, fallback: number): number => (values[flag] as number | undefined) ?? fallback;
const needed = (values: LayerFlagValues, flag: FlagName): number => values[flag] as number;
const padding = (values: LayerFlagValues): Padding => (values.padding as 'same' | 'valid' | undefined) ?? 'same';
const bias = (values: LayerFlagValues): boolean => values.bias === true;
/** The window flags conv, depthwise and separable share, with their defaults. */
const convWindow = (values: LayerFlagValues): Pick<Extract<LayerSpec, { kind: 'conv2d' }>, 'kernelSize' | 'strides' | 'padding' | 'dilation'> => ({
  kernelSize: num(values, 'kernel', 3),
  strides: num(values, 'stride', 1),
  padding: padding(values),
  dilation: num(values, 'dilation', 1),
});

export const LAYER_TYPES: readonly LayerType[] = [
  {
    name: 'conv',
    summary: 'standard convolution: K×K×C×M weights, H·W·K²·C·M MACs (MobileNet eq. 2)',
    flags: ['filters', 'kernel', 'stride', 'padding', 'dilation', 'groups', 'bias'],
    required: ['filters'],
    defaults: 'kernel 3, stride 1, padding same, dilation 1, groups 1, no bias',
    build: (v) => ({
      form: 'layer',
      layer: {
        kind: 'conv2d',
        filters: needed(v, 'filters'),
        ...convWindow(v),
        groups: num(v, 'groups', 1),
        useBias: bias(v),
      },
    }),
  },
  {
    name: 'depthwise',
    summary: 'depthwise convolution: one K×K filter per channel, 1/M of a standard conv (MobileNet eq. 3)',
    flags: ['kernel', 'stride', 'padding', 'dilation', 'depth-multiplier', 'bias'],
    required: [],
    defaults: 'kernel 3, stride 1, padding same, dilation 1, depth multiplier 1, no bias',
    build: (v) => ({
      form: 'layer',
      layer: {
        kind: 'depthwiseConv2d',
        ...convWindow(v),
        depthMultiplier: num(v, 'depth-multiplier', 1),
        useBias: bias(v),
      },
    }),
  },
  {
    name: 'pointwise',
    summary: 'pointwise (1×1) convolution: mixes channels, 1/K² of a standard conv (MobileNet §3.1)',
    flags: ['filters', 'bias'],
    required: ['filters'],
    defaults: 'no bias',
    build: (v) => ({ form: 'layer', layer: { kind: 'pointwiseConv2d', filters: needed(v, 'filters'), useBias: bias(v) } }),
  },
  {
    name: 'separable',
    summary: 'depthwise separable convolution: depthwise then pointwise, 1/M + 1/K² of a standard conv (MobileNet eq. 5)',
    flags: ['filters', 'kernel', 'stride', 'padding', 'dilation', 'depth-multiplier', 'bias'],
    required: ['filters'],
    defaults: 'kernel 3, stride 1, padding same, dilation 1, depth multiplier 1, no bias',
    build: (v) => ({
      form: 'layer',
      layer: {
        kind: 'separableConv2d',
        filters: needed(v, 'filters'),
        ...convWindow(v),
        depthMultiplier: num(v, 'depth-multiplier', 1),
        useBias: bias(v),
      },
    }),
  },
  {
    name: 'separable-block',
    summary: 'MobileNet v1 block: depthwise → BN → ReLU → pointwise → BN → ReLU (Howard et al. 2017, Fig. 3)',
    flags: ['filters', 'kernel', 'stride', 'depth-multiplier'],
    required: ['filters'],
    defaults: 'kernel 3, stride 1, depth multiplier 1',
    build: (v, input) => ({
      form: 'block',
      description: 'MobileNet v1 depthwise separable block',
      block: depthwiseSeparableBlock({
        ...inputPlacement('separable', input),
        filters: needed(v, 'filters'),
        kernelSize: num(v, 'kernel', 3),
        strides: num(v, 'stride', 1),
        depthMultiplier: num(v, 'depth-multiplier', 1),
      }),
    }),
  },
  {
    name: 'inverted-residual',
    summary: 'MobileNet v2 inverted residual with linear bottleneck: 1×1 expand ×t → depthwise → 1×1 project (+ input) (Sandler et al. 2018, Table 1)',
    flags: ['filters', 'expansion', 'kernel', 'stride'],
    required: ['filters'],
    defaults: 'expansion 6, kernel 3, stride 1',
    flagHelp: {
      filters: 'output channels M of the 1×1 projection',
      expansion: 'expansion factor t: the first 1×1 widens C to t·C channels, a tie rounded to even (MobileNet v2: 6)',
    },
    build: (v, input) => ({
      form: 'block',
      description: 'MobileNet v2 inverted residual block',
      block: invertedResidualBlock({
        ...inputPlacement('block', input),
        filters: needed(v, 'filters'),
        expansion: num(v, 'expansion', 6),
        kernelSize: num(v, 'kernel', 3),
        strides: num(v, 'stride', 1),
      }),
    }),
  },
  {
    name: 'se',
    summary: 'squeeze-and-excite: pool → 1×1 to S → ReLU → 1×1 to C → hard sigmoid → scale (Hu et al. 2018; MobileNet v3 §5.3)',
    flags: ['squeeze'],
    required: [],
    defaults: 'squeeze = C/4 rounded to a multiple of 8 (MobileNet v3)',
    build: (v, input) => ({
      form: 'block',
      description: 'squeeze-and-excite',
      block: squeezeExciteBlock({ ...inputPlacement('block', input), squeezeChannels: v.squeeze as number | undefined }),
    }),
  },
  {
    name: 'dense-block',
    summary: 'DenseNet dense block: L layers, each BN → ReLU → 3×3 conv to k channels on the concatenation of all earlier maps (Huang et al. 2017, §3)',
    flags: ['layers', 'growth-rate', 'bottleneck'],
    required: ['layers'],
    defaults: 'growth rate 32, no bottleneck (--bottleneck: DenseNet-B, 1×1 conv to 4k first)',
    build: (v, input) => {
      const layers = needed(v, 'layers');
      const growthRate = num(v, 'growth-rate', 32);
      const bottleneck = v.bottleneck === true;
      return {
        form: 'block',
        description: `DenseNet${bottleneck ? '-B' : ''} dense block, ${layers} layers, growth rate k = ${growthRate}`,
        block: denseBlock({ ...inputPlacement('conv', input), layers, growthRate, bottleneck }),
      };
    },
  },
  {
    name: 'transition',
    summary: 'DenseNet transition layer: BN → ReLU → 1×1 conv to θ·C → 2×2 average pool (Huang et al. 2017, §3)',
    flags: ['compression'],
    required: [],
    defaults: 'compression θ = 0.5 (DenseNet-C/BC; θ = 1 keeps the channels)',
    build: (v, input) => {
      const compression = num(v, 'compression', 0.5);
      return {
        form: 'block',
        description: `DenseNet transition layer, compression θ = ${compression}`,
        block: transitionLayer({ ...inputPlacement('transition', input), compression }),
      };
    },
  },
  {
    name: 'resnet-basic',
    summary: 'ResNet basic block: 3×3 conv → BN → ReLU → 3×3 conv → BN, plus the shortcut, → ReLU (He et al. 2016, Fig. 5 left)',
    flags: ['filters', 'stride'],
    required: ['filters'],
    defaults: 'stride 1; a 1×1 projection shortcut when the shape changes',
    build: (v, input) => ({
      form: 'block',
      description: 'ResNet basic block',
      block: resNetBasicBlock({ ...inputPlacement('block', input), filters: needed(v, 'filters'), strides: num(v, 'stride', 1) }),
    }),
  },
  {
    name: 'resnet-bottleneck',
    summary: 'ResNet bottleneck block: 1×1 to F → 3×3 → 1×1 to 4F, plus the shortcut (He et al. 2016, Fig. 5 right)',
    flags: ['filters', 'stride', 'expansion', 'variant'],
    required: ['filters'],
    defaults: 'stride 1, expansion 4, variant v1 (stride on the first 1×1; v1.5 strides the 3×3)',
    flagHelp: {
      filters: 'bottleneck width F (channels of the 1×1 and 3×3 convs); output = expansion × F, so 4 × filters by default',
      expansion: 'output channels = T × filters (He et al. 2016: 4)',
    },
    build: (v, input) => ({
      form: 'block',
      description: `ResNet bottleneck block (${(v.variant as string | undefined) ?? 'v1'})`,
      block: resNetBottleneckBlock({
        ...inputPlacement('block', input),
        filters: needed(v, 'filters'),
        strides: num(v, 'stride', 1),
        expansion: num(v, 'expansion', 4),
        strideOn: v.variant === 'v1.5' ? '3x3' : '1x1',
      }),
    }),
  },
];

export const LAYER_TYPE_NAMES: readonly string[] = LAYER_TYPES.map((type) => type.name);

export function findLayerType(name: string): LayerType | undefined {
  return LAYER_TYPES.find((type) => type.name === name);
}
