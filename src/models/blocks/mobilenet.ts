/**
 * The MobileNet family's blocks as spec fragments: v1's depthwise separable
 * convolution, v2's inverted residual with a linear bottleneck, the
 * squeeze-and-excite gate and v3's bottleneck that combines them.
 */
import { ConvkitInputError, requireInteger, requirePositive } from '../../core/errors';
import { makeDivisible, roundHalfToEven } from '../channels';
import type { ActivationName } from '../../core/spec';
import { checkPlacement, FragmentWriter, type BlockFragment, type BlockPlacement } from './placement';

// ---------------------------------------------------------------------------
// MobileNet v1: depthwise separable convolution (Howard et al. 2017, Fig. 3)
// ---------------------------------------------------------------------------

export interface DepthwiseSeparableOptions extends BlockPlacement {
  /** Output channels of the pointwise (1×1) step. */
  readonly filters: number;
  /** Stride of the depthwise step. Default 1. */
  readonly strides?: number;
  /** Depthwise kernel size K. Default 3. */
  readonly kernelSize?: number;
  /** Depthwise channel multiplier. Default 1. */
  readonly depthMultiplier?: number;
  /** Activation after each BN. Default 'relu' (MobileNet v1 paper; Keras uses ReLU6). */
  readonly activation?: ActivationName;
}

/**
 * Depthwise K×K conv → BN → act → pointwise 1×1 conv → BN → act.
 * Names: `<prefix>_dw`, `<prefix>_dw_bn`, `<prefix>_dw_<act>`, `<prefix>_pw`, ….
 * Cost relative to a standard K×K conv with the same shapes: 1/M + 1/K².
 */
export function depthwiseSeparableBlock(options: DepthwiseSeparableOptions): BlockFragment {
  const path = checkPlacement(options);
  const filters = requireInteger('filters', options.filters);
  const strides = requireInteger('strides', options.strides ?? 1);
  const kernelSize = requireInteger('kernelSize', options.kernelSize ?? 3);
  const depthMultiplier = requireInteger('depthMultiplier', options.depthMultiplier ?? 1);
  const act = options.activation ?? 'relu';
  const p = options.prefix;
  const w = new FragmentWriter(path);
  let x = w.add(`${p}_dw`, { kind: 'depthwiseConv2d', kernelSize, strides, padding: 'same', depthMultiplier }, [options.input]);
  x = w.add(`${p}_dw_bn`, { kind: 'batchNorm' }, [x]);
  x = w.add(`${p}_dw_${act}`, { kind: 'activation', activation: act }, [x]);
  x = w.add(`${p}_pw`, { kind: 'pointwiseConv2d', filters }, [x]);
  x = w.add(`${p}_pw_bn`, { kind: 'batchNorm' }, [x]);
  x = w.add(`${p}_pw_${act}`, { kind: 'activation', activation: act }, [x]);
  return w.done(x, filters);
}

// ---------------------------------------------------------------------------
// MobileNet v2: inverted residual with linear bottleneck (Sandler et al. 2018, Table 1)
// ---------------------------------------------------------------------------

export interface InvertedResidualOptions extends BlockPlacement {
  /** Expansion factor t: the 1×1 expand conv makes t·C channels, rounded half to even (12.5 → 12). t = 1 drops the expand conv. */
  readonly expansion: number;
  /** Output channels of the linear 1×1 projection. */
  readonly filters: number;
  /** Stride of the depthwise step. Default 1. */
  readonly strides?: number;
  /** Depthwise kernel size. Default 3. */
  readonly kernelSize?: number;
  /**
   * An activation after the projection's BN (`<prefix>_project_relu`).
   * Default none: the linear bottleneck. Sandler et al. 2018 (§6.4, Fig. 6a)
   * train the same network with ReLU6 there to show what the linearity buys.
   */
  readonly bottleneckActivation?: ActivationName;
}

/**
 * 1×1 expand to t·C → BN → ReLU6 → depthwise 3×3 → BN → ReLU6 → 1×1 project
 * (no activation: the "linear bottleneck") → BN, plus an add of the block's
 * input when stride = 1 and the input and output channels match. Names follow
 * Keras' MobileNetV2 (`<prefix>_expand`, `_expand_BN`, `_expand_relu`,
 * `_depthwise`, …, `_project_BN`, `_add`).
 */
export function invertedResidualBlock(options: InvertedResidualOptions): BlockFragment {
  const path = checkPlacement(options);
  const t = requirePositive('expansion', options.expansion);
  const filters = requireInteger('filters', options.filters);
  const strides = requireInteger('strides', options.strides ?? 1);
  const kernelSize = requireInteger('kernelSize', options.kernelSize ?? 3);
  // t·C rounded half to even, as the reference implementation does (../channels.ts roundHalfToEven).
  const expanded = roundHalfToEven(options.inputChannels * t);
  if (t !== 1 && expanded < 1) throw new ConvkitInputError('expansion', t, 'must give at least one expanded channel');
  const p = options.prefix;
  const w = new FragmentWriter(path);
  let x = options.input;
  if (t !== 1) {
    x = w.add(`${p}_expand`, { kind: 'pointwiseConv2d', filters: expanded }, [x]);
    x = w.add(`${p}_expand_BN`, { kind: 'batchNorm' }, [x]);
    x = w.add(`${p}_expand_relu`, { kind: 'activation', activation: 'relu6' }, [x]);
  }
  x = w.add(`${p}_depthwise`, { kind: 'depthwiseConv2d', kernelSize, strides, padding: 'same' }, [x]);
  x = w.add(`${p}_depthwise_BN`, { kind: 'batchNorm' }, [x]);
  x = w.add(`${p}_depthwise_relu`, { kind: 'activation', activation: 'relu6' }, [x]);
  x = w.add(`${p}_project`, { kind: 'pointwiseConv2d', filters }, [x]);
  x = w.add(`${p}_project_BN`, { kind: 'batchNorm' }, [x]);
  if (options.bottleneckActivation !== undefined) {
    x = w.add(`${p}_project_relu`, { kind: 'activation', activation: options.bottleneckActivation }, [x]);
  }
  if (strides === 1 && options.inputChannels === filters) {
    x = w.add(`${p}_add`, { kind: 'add' }, [options.input, x]);
  }
  return w.done(x, filters);
}

// ---------------------------------------------------------------------------
// Squeeze-and-excite (Hu et al. 2018; MobileNet v3 form, Howard et al. 2019 §5.3)
// ---------------------------------------------------------------------------

export interface SqueezeExciteOptions extends BlockPlacement {
  /** Channels of the squeeze. Default makeDivisible(C / 4, 8), as MobileNet v3. */
  readonly squeezeChannels?: number;
  /** Default 'hardSigmoid' (MobileNet v3); the SE paper's gate is 'sigmoid'. */
  readonly gateActivation?: ActivationName;
}

/** One `squeezeExcite` node named `<prefix>_se` (the spec keeps SE as one layer). */
export function squeezeExciteBlock(options: SqueezeExciteOptions): BlockFragment {
  const path = checkPlacement(options);
  const squeezeChannels = requireInteger('squeezeChannels', options.squeezeChannels ?? defaultSqueezeChannels(options.inputChannels));
  const w = new FragmentWriter(path);
  const x = w.add(
    `${options.prefix}_se`,
    { kind: 'squeezeExcite', squeezeChannels, innerActivation: 'relu', gateActivation: options.gateActivation ?? 'hardSigmoid' },
    [options.input],
  );
  return w.done(x, options.inputChannels);
}

/** MobileNet v3's squeeze width (Howard et al. 2019 §5.3): a quarter of the channels, rounded to a multiple of 8. */
export function defaultSqueezeChannels(channels: number): number {
  return makeDivisible(channels / 4, 8);
}

// ---------------------------------------------------------------------------
// MobileNet v3 bottleneck (Howard et al. 2019, Fig. 4 and Tables 1-2)
// ---------------------------------------------------------------------------

export interface MobileNetV3BottleneckOptions extends BlockPlacement {
  /** Channels after the 1×1 expansion ("exp size" in Tables 1-2). Equal to C: no expand conv. */
  readonly expandedChannels: number;
  /** Output channels of the linear projection ("#out"). */
  readonly filters: number;
  /** Depthwise kernel size (3 or 5 in the tables). */
  readonly kernelSize: number;
  /** Depthwise stride. Default 1. */
  readonly strides?: number;
  /** Squeeze-and-excite after the depthwise step ("SE" column). Default false. */
  readonly squeezeExcite?: boolean;
  /** "NL" column: 'relu' (RE) or 'hardSwish' (HS). */
  readonly activation: ActivationName;
  /** Keras drops the expand conv only in the first block, by position; default: drop it when expandedChannels = C. */
  readonly expand?: boolean;
}

/**
 * 1×1 expand → BN → NL → depthwise K×K → BN → NL → [SE] → 1×1 project
 * (linear) → BN, plus the input when stride = 1 and channels match. The SE
 * squeeze width is makeDivisible(expanded / 4, 8) and its gate a hard sigmoid.
 * Names follow Keras' MobileNetV3 (`<prefix>/expand`, `/expand/BatchNorm`, …,
 * `/squeeze_excite`, `/project`, `/Add`).
 */
export function mobileNetV3Bottleneck(options: MobileNetV3BottleneckOptions): BlockFragment {
  const path = checkPlacement(options);
  const expanded = requireInteger('expandedChannels', options.expandedChannels);
  const filters = requireInteger('filters', options.filters);
  const kernelSize = requireInteger('kernelSize', options.kernelSize);
  const strides = requireInteger('strides', options.strides ?? 1);
  const act = options.activation;
  const expand = options.expand ?? expanded !== options.inputChannels;
  if (!expand && expanded !== options.inputChannels) {
    throw new ConvkitInputError('expandedChannels', expanded, `must equal the input channels (${options.inputChannels}) when there is no expand conv`);
  }
  const p = options.prefix;
  const w = new FragmentWriter(path);
  let x = options.input;
  if (expand) {
    x = w.add(`${p}/expand`, { kind: 'pointwiseConv2d', filters: expanded }, [x]);
    x = w.add(`${p}/expand/BatchNorm`, { kind: 'batchNorm' }, [x]);
    x = w.add(`${p}/expand/${act}`, { kind: 'activation', activation: act }, [x]);
  }
  x = w.add(`${p}/depthwise`, { kind: 'depthwiseConv2d', kernelSize, strides, padding: 'same' }, [x]);
  x = w.add(`${p}/depthwise/BatchNorm`, { kind: 'batchNorm' }, [x]);
  x = w.add(`${p}/depthwise/${act}`, { kind: 'activation', activation: act }, [x]);
  if (options.squeezeExcite) {
    x = w.add(
      `${p}/squeeze_excite`,
      { kind: 'squeezeExcite', squeezeChannels: defaultSqueezeChannels(expanded), innerActivation: 'relu', gateActivation: 'hardSigmoid' },
      [x],
    );
  }
  x = w.add(`${p}/project`, { kind: 'pointwiseConv2d', filters }, [x]);
  x = w.add(`${p}/project/BatchNorm`, { kind: 'batchNorm' }, [x]);
  if (strides === 1 && options.inputChannels === filters) {
    x = w.add(`${p}/Add`, { kind: 'add' }, [options.input, x]);
  }
  return w.done(x, filters);
}
