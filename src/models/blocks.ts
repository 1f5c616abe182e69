/**
 * The building blocks of the zoo, as spec fragments. Each builder takes the
 * name of the node that feeds it, that node's channel count, and a prefix for
 * the names of the nodes it makes; it returns those nodes in topological
 * order, the name of the block's last node and that node's channel count, so
 * blocks chain: the output of one is the input of the next.
 *
 *   const a = depthwiseSeparableBlock({ prefix: 'conv_1', input: INPUT, inputChannels: 32, filters: 64 });
 *   const b = depthwiseSeparableBlock({ prefix: 'conv_2', input: a.output, inputChannels: a.outputChannels, filters: 128, strides: 2 });
 *
 * The models in this folder and the CLI (`convkit layer separable|…`) both
 * build from these, so a block is defined once.
 */
import { ConvkitInputError, requireInteger, requirePositive } from '../errors';
import { makeDivisible } from './channels';
import type { ActivationName, LayerNode, LayerSpec, Padding } from './spec';

/** What every block builder needs to know about where it goes. */
export interface BlockPlacement {
  /** Prefix of every node name the block makes, e.g. 'conv2_block1'. */
  readonly prefix: string;
  /** Name of the node (or INPUT) that feeds the block. */
  readonly input: string;
  /** Channels C of that input; residual, expansion and compression rules need it. */
  readonly inputChannels: number;
  /** Where the block sits, coarse to fine, e.g. ['dense_block_1', 'layer_3']. Default [prefix]. */
  readonly path?: readonly string[];
}

/** The nodes one block adds to a graph. */
export interface BlockFragment {
  /** In topological order; the last one is `output`. */
  readonly nodes: LayerNode[];
  /** Name of the node whose tensor leaves the block. */
  readonly output: string;
  /** Channels of that tensor. */
  readonly outputChannels: number;
}

/** Collects nodes with the block's path, so each builder reads as a list of layers. */
class FragmentWriter {
  readonly nodes: LayerNode[] = [];
  constructor(private readonly path: readonly string[]) {}

  add(
    name: string,
    layer: LayerSpec,
    inputs: readonly string[],
    extra: { sharedStorage?: boolean; path?: readonly string[] } = {},
  ): string {
    const path = extra.path ?? this.path;
    this.nodes.push({ name, layer, inputs, path, ...(extra.sharedStorage ? { sharedStorage: true } : {}) });
    return name;
  }

  /** Appends another block's nodes and returns its output name. */
  append(fragment: BlockFragment): string {
    this.nodes.push(...fragment.nodes);
    return fragment.output;
  }

  done(output: string, outputChannels: number): BlockFragment {
    return { nodes: this.nodes, output, outputChannels };
  }
}

function checkPlacement(placement: BlockPlacement): readonly string[] {
  if (typeof placement.prefix !== 'string' || placement.prefix.length === 0) {
    throw new ConvkitInputError('prefix', placement.prefix, 'must be a non-empty string');
  }
  if (typeof placement.input !== 'string' || placement.input.length === 0) {
    throw new ConvkitInputError('input', placement.input, 'must name an earlier node or the graph input');
  }
  requireInteger('inputChannels', placement.inputChannels);
  return placement.path ?? [placement.prefix];
}

/**
 * Padding for a strided layer as PyTorch and the Keras ResNet/DenseNet code
 * write it: (K - 1) / 2 zeros on every side, then no further padding. For
 * stride 1 it equals 'same'; for stride 2 on an even input it gives the same
 * output size as TF's 'same' (which pads only bottom/right), so the cost is
 * the same either way, but the numbers match the published implementations.
 */
export function symmetricPadding(kernelSize: number): Padding {
  const side = Math.floor((kernelSize - 1) / 2);
  return { top: side, bottom: side, left: side, right: side };
}

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
  /** Expansion factor t: the 1×1 expand conv makes t·C channels. t = 1 drops the expand conv. */
  readonly expansion: number;
  /** Output channels of the linear 1×1 projection. */
  readonly filters: number;
  /** Stride of the depthwise step. Default 1. */
  readonly strides?: number;
  /** Depthwise kernel size. Default 3. */
  readonly kernelSize?: number;
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
  const expanded = Math.round(options.inputChannels * t);
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

// ---------------------------------------------------------------------------
// DenseNet (Huang et al. 2017, §3 and Table 1)
// ---------------------------------------------------------------------------

export interface DenseLayerOptions extends BlockPlacement {
  /** Growth rate k: channels each layer adds. */
  readonly growthRate: number;
  /** DenseNet-B: a 1×1 conv to bottleneckWidth·k before the 3×3 conv. Default true. */
  readonly bottleneck?: boolean;
  /** Bottleneck width in multiples of k. Default 4 (the paper's 4k). */
  readonly bottleneckWidth?: number;
}

/**
 * H_l, the composite function of one dense layer, WITHOUT the concatenation:
 * BN → ReLU → 3×3 conv to k, or in the bottleneck (B) form
 * BN → ReLU → 1×1 conv to 4k → BN → ReLU → 3×3 conv to k. Returns the k new
 * channels; `denseBlock` concatenates them to the running feature map.
 *
 * The first BN and ReLU read the concatenated input, so they are marked
 * `sharedStorage` (Pleiss et al. 2017 recompute them into a shared buffer).
 * Names follow Keras: `<prefix>_0_bn`, `_0_relu`, `_1_conv`, `_1_bn`, `_1_relu`, `_2_conv`.
 */
export function denseLayer(options: DenseLayerOptions): BlockFragment {
  const path = checkPlacement(options);
  const k = requireInteger('growthRate', options.growthRate);
  const bottleneck = options.bottleneck ?? true;
  const width = requireInteger('bottleneckWidth', options.bottleneckWidth ?? 4);
  const p = options.prefix;
  const w = new FragmentWriter(path);
  let x = w.add(`${p}_0_bn`, { kind: 'batchNorm', epsilon: 1.001e-5 }, [options.input], { sharedStorage: true });
  x = w.add(`${p}_0_relu`, { kind: 'activation', activation: 'relu' }, [x], { sharedStorage: true });
  if (bottleneck) {
    x = w.add(`${p}_1_conv`, { kind: 'pointwiseConv2d', filters: width * k }, [x]);
    x = w.add(`${p}_1_bn`, { kind: 'batchNorm', epsilon: 1.001e-5 }, [x]);
    x = w.add(`${p}_1_relu`, { kind: 'activation', activation: 'relu' }, [x]);
    x = w.add(`${p}_2_conv`, { kind: 'conv2d', filters: k, kernelSize: 3, padding: 'same' }, [x]);
  } else {
    x = w.add(`${p}_1_conv`, { kind: 'conv2d', filters: k, kernelSize: 3, padding: 'same' }, [x]);
  }
  return w.done(x, k);
}

export interface DenseBlockOptions extends Omit<DenseLayerOptions, 'prefix'> {
  /** Prefix of the block, e.g. 'conv2'; layers are `<prefix>_block1`, `<prefix>_block2`, …. */
  readonly prefix: string;
  /** Number of dense layers in the block. */
  readonly layers: number;
}

/**
 * A dense block of `layers` dense layers. Layer l sees the concatenation of
 * the block input and every earlier layer's output, k0 + (l-1)·k channels,
 * and the block returns k0 + layers·k channels at the same height and width.
 * Built as Keras builds it: after each layer, concat([running map, new k]).
 * Every concat node is marked `sharedStorage` (Pleiss et al. 2017).
 */
export function denseBlock(options: DenseBlockOptions): BlockFragment {
  const path = checkPlacement(options);
  const layers = requireInteger('layers', options.layers);
  const w = new FragmentWriter(path);
  let x = options.input;
  let channels = options.inputChannels;
  for (let l = 1; l <= layers; l++) {
    const prefix = `${options.prefix}_block${l}`;
    const layer = denseLayer({ ...options, prefix, input: x, inputChannels: channels, path: [...path, `layer_${l}`] });
    const fresh = w.append(layer);
    x = w.add(`${prefix}_concat`, { kind: 'concat' }, [x, fresh], { sharedStorage: true, path: [...path, `layer_${l}`] });
    channels += layer.outputChannels;
  }
  return w.done(x, channels);
}

export interface TransitionOptions extends BlockPlacement {
  /** Compression θ in (0, 1]: the 1×1 conv keeps floor(θ·C) channels. Default 0.5 (DenseNet-BC). */
  readonly compression?: number;
}

/**
 * Transition layer between dense blocks: BN → ReLU → 1×1 conv to floor(θ·C)
 * → 2×2 average pool, stride 2. Halves height and width, and with θ < 1
 * (DenseNet-C) also shrinks the channels. Names: `<prefix>_bn`, `_relu`, `_conv`, `_pool`.
 *
 * Its BN and ReLU read the block's last concatenation but are not marked
 * `sharedStorage`: Pleiss et al. 2017 share the buffers whose total grows
 * quadratically with depth (one concat + BN + ReLU per dense layer); a
 * transition's outputs occur once per block.
 */
export function transitionLayer(options: TransitionOptions): BlockFragment {
  const path = checkPlacement(options);
  const theta = options.compression ?? 0.5;
  if (typeof theta !== 'number' || !(theta > 0 && theta <= 1)) {
    throw new ConvkitInputError('compression', theta, 'must be a number in (0, 1]');
  }
  const filters = Math.floor(theta * options.inputChannels);
  if (filters < 1) throw new ConvkitInputError('compression', theta, `keeps floor(θ·${options.inputChannels}) = 0 channels; must keep at least 1`);
  const p = options.prefix;
  const w = new FragmentWriter(path);
  let x = w.add(`${p}_bn`, { kind: 'batchNorm', epsilon: 1.001e-5 }, [options.input]);
  x = w.add(`${p}_relu`, { kind: 'activation', activation: 'relu' }, [x]);
  x = w.add(`${p}_conv`, { kind: 'pointwiseConv2d', filters }, [x]);
  x = w.add(`${p}_pool`, { kind: 'avgPool', poolSize: 2, strides: 2, padding: 'valid' }, [x]);
  return w.done(x, filters);
}

// ---------------------------------------------------------------------------
// ResNet (He et al. 2016, Fig. 5 and §4.2)
// ---------------------------------------------------------------------------

/** 'projection': 1×1 conv + BN when the shape changes (option B); 'zeroPad': option A, no parameters. */
export type ShortcutKind = 'projection' | 'zeroPad';

export interface ResNetBlockOptions extends BlockPlacement {
  /** Basic block: output channels. Bottleneck block: width of the 3×3 conv (output is 4×). */
  readonly filters: number;
  /** Stride of the block (1, or 2 at the first block of a stage). Default 1. */
  readonly strides?: number;
  /** How the shortcut matches a changed shape. Default 'projection'. */
  readonly shortcut?: ShortcutKind;
}

function shortcutNodes(
  w: FragmentWriter,
  options: ResNetBlockOptions,
  outputChannels: number,
  strides: number,
): string {
  if (strides === 1 && options.inputChannels === outputChannels) return options.input;
  const p = options.prefix;
  if ((options.shortcut ?? 'projection') === 'zeroPad') {
    if (outputChannels < options.inputChannels) {
      throw new ConvkitInputError('filters', outputChannels, `a zero-pad shortcut cannot drop channels (input has ${options.inputChannels})`);
    }
    return w.add(`${p}_0_pad`, { kind: 'zeroPadShortcut', filters: outputChannels, strides }, [options.input]);
  }
  const x = w.add(`${p}_0_conv`, { kind: 'conv2d', filters: outputChannels, kernelSize: 1, strides, padding: 'valid' }, [options.input]);
  return w.add(`${p}_0_bn`, { kind: 'batchNorm', epsilon: 1.001e-5 }, [x]);
}

function strided3x3(filters: number, strides: number): LayerSpec {
  return { kind: 'conv2d', filters, kernelSize: 3, strides, padding: strides === 1 ? 'same' : symmetricPadding(3) };
}

/**
 * Basic block (ResNet-18/34 and the CIFAR ResNets): 3×3 conv (stride s) → BN
 * → ReLU → 3×3 conv → BN, plus the shortcut, then ReLU. Names follow Keras:
 * `<prefix>_1_conv`, `_1_bn`, `_1_relu`, `_2_conv`, `_2_bn`, `_0_conv`/`_0_pad`, `_add`, `_out`.
 */
export function resNetBasicBlock(options: ResNetBlockOptions): BlockFragment {
  const path = checkPlacement(options);
  const filters = requireInteger('filters', options.filters);
  const strides = requireInteger('strides', options.strides ?? 1);
  const p = options.prefix;
  const w = new FragmentWriter(path);
  const shortcut = shortcutNodes(w, options, filters, strides);
  let x = w.add(`${p}_1_conv`, strided3x3(filters, strides), [options.input]);
  x = w.add(`${p}_1_bn`, { kind: 'batchNorm', epsilon: 1.001e-5 }, [x]);
  x = w.add(`${p}_1_relu`, { kind: 'activation', activation: 'relu' }, [x]);
  x = w.add(`${p}_2_conv`, { kind: 'conv2d', filters, kernelSize: 3, padding: 'same' }, [x]);
  x = w.add(`${p}_2_bn`, { kind: 'batchNorm', epsilon: 1.001e-5 }, [x]);
  x = w.add(`${p}_add`, { kind: 'add' }, [shortcut, x]);
  x = w.add(`${p}_out`, { kind: 'activation', activation: 'relu' }, [x]);
  return w.done(x, filters);
}

export interface ResNetBottleneckOptions extends ResNetBlockOptions {
  /**
   * Which conv carries the stride: '1x1' (the paper and Keras, "v1") or
   * '3x3' (torchvision, "v1.5"). Default '1x1'.
   */
  readonly strideOn?: '1x1' | '3x3';
  /** Output channels = expansion × filters. Default 4. */
  readonly expansion?: number;
}

/**
 * Bottleneck block (ResNet-50/101/152): 1×1 conv to `filters` → BN → ReLU →
 * 3×3 conv → BN → ReLU → 1×1 conv to 4·filters → BN, plus the shortcut, then
 * ReLU. Striding the first 1×1 (v1) skips three quarters of the input pixels
 * before any 3×3 work is done, so v1 costs fewer MACs than v1.5, which
 * strides the 3×3 and was found to be slightly more accurate.
 */
export function resNetBottleneckBlock(options: ResNetBottleneckOptions): BlockFragment {
  const path = checkPlacement(options);
  const filters = requireInteger('filters', options.filters);
  const strides = requireInteger('strides', options.strides ?? 1);
  const expansion = requireInteger('expansion', options.expansion ?? 4);
  const strideOn = options.strideOn ?? '1x1';
  if (strideOn !== '1x1' && strideOn !== '3x3') throw new ConvkitInputError('strideOn', strideOn, "must be '1x1' or '3x3'");
  const outputChannels = expansion * filters;
  const p = options.prefix;
  const w = new FragmentWriter(path);
  const shortcut = shortcutNodes(w, options, outputChannels, strides);
  const s1 = strideOn === '1x1' ? strides : 1;
  const s3 = strideOn === '3x3' ? strides : 1;
  let x = w.add(`${p}_1_conv`, { kind: 'conv2d', filters, kernelSize: 1, strides: s1, padding: 'valid' }, [options.input]);
  x = w.add(`${p}_1_bn`, { kind: 'batchNorm', epsilon: 1.001e-5 }, [x]);
  x = w.add(`${p}_1_relu`, { kind: 'activation', activation: 'relu' }, [x]);
  x = w.add(`${p}_2_conv`, strided3x3(filters, s3), [x]);
  x = w.add(`${p}_2_bn`, { kind: 'batchNorm', epsilon: 1.001e-5 }, [x]);
  x = w.add(`${p}_2_relu`, { kind: 'activation', activation: 'relu' }, [x]);
  x = w.add(`${p}_3_conv`, { kind: 'conv2d', filters: outputChannels, kernelSize: 1, padding: 'valid' }, [x]);
  x = w.add(`${p}_3_bn`, { kind: 'batchNorm', epsilon: 1.001e-5 }, [x]);
  x = w.add(`${p}_add`, { kind: 'add' }, [shortcut, x]);
  x = w.add(`${p}_out`, { kind: 'activation', activation: 'relu' }, [x]);
  return w.done(x, outputChannels);
}
