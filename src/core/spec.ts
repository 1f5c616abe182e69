/**
 * The spec: every layer and every architecture in convkit is plain data of
 * these types. Three views read the same spec
 * (docs/design.md#one-spec-three-views):
 *
 *   spec ──► cost model (src/cost)             shapes, MACs, params, memory
 *        ──► reference layers (src/layers/reference)  plain loops that count
 *        ──► TF.js builders (src/layers/tf)    real runs and training
 *
 * Conventions: tensors are NHWC and a spec's shapes leave out the batch axis,
 * so a feature map is [height, width, channels]. Optional fields have the
 * defaults written in their doc comments; `normalize*` helpers in
 * src/models/defaults.ts fill them in, so no view guesses a default itself.
 */

/** A feature map without its batch axis: [height, width, channels] (NHWC). */
export type Shape3 = readonly [height: number, width: number, channels: number];

/** Two numbers for the (vertical, horizontal) axes, or one used for both. */
export type Pair = number | readonly [number, number];

/** Zero padding given side by side, in pixels. */
export interface ExplicitPadding {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

/**
 * - `same`: TF/Keras "SAME": output = ceil(input / stride); the padding is
 *   split with the extra pixel at the bottom/right.
 * - `valid`: no padding: output = floor((input - dilated kernel) / stride) + 1.
 * - explicit: the given zeros, then the "valid" rule.
 */
export type Padding = 'same' | 'valid' | ExplicitPadding;

/** Standard (optionally grouped) 2-D convolution. */
export interface Conv2dSpec {
  readonly kind: 'conv2d';
  /** Output channels M. */
  readonly filters: number;
  /** Kernel size K (or [Kh, Kw]). */
  readonly kernelSize: Pair;
  /** Default 1. */
  readonly strides?: Pair;
  /** Default 'same'. */
  readonly padding?: Padding;
  /** Default 1. */
  readonly dilation?: Pair;
  /** Channel groups; input and output channels must both divide by it. Default 1. */
  readonly groups?: number;
  /** Default false: in every zoo model a BN follows the conv and makes a bias redundant. */
  readonly useBias?: boolean;
}

/** Depthwise convolution: one K×K filter per input channel (times depthMultiplier). */
export interface DepthwiseConv2dSpec {
  readonly kind: 'depthwiseConv2d';
  readonly kernelSize: Pair;
  /** Default 1. */
  readonly strides?: Pair;
  /** Default 'same'. */
  readonly padding?: Padding;
  /** Default 1. */
  readonly dilation?: Pair;
  /** Output channels per input channel. Default 1. */
  readonly depthMultiplier?: number;
  /** Default false. */
  readonly useBias?: boolean;
}

/** Pointwise convolution: a 1×1 conv, stride 1 — a dense layer applied at every pixel. */
export interface PointwiseConv2dSpec {
  readonly kind: 'pointwiseConv2d';
  /** Output channels M. */
  readonly filters: number;
  /** Default false. */
  readonly useBias?: boolean;
}

/**
 * Depthwise separable convolution as one layer: depthwise K×K (with its
 * strides/padding/dilation/depthMultiplier) then pointwise 1×1 to `filters`
 * (TF.js `separableConv2d`). No BN/ReLU between; the zoo models spell the two
 * steps out as separate layers with BN/ReLU in between, as MobileNet does.
 */
export interface SeparableConv2dSpec {
  readonly kind: 'separableConv2d';
  readonly filters: number;
  readonly kernelSize: Pair;
  readonly strides?: Pair;
  readonly padding?: Padding;
  readonly dilation?: Pair;
  readonly depthMultiplier?: number;
  /** Bias on the pointwise step. Default false. */
  readonly useBias?: boolean;
}

/** Batch normalisation over channels: γ, β trainable; moving mean/variance not. */
export interface BatchNormSpec {
  readonly kind: 'batchNorm';
  /** Default 1e-3 (Keras). */
  readonly epsilon?: number;
}

export const ACTIVATIONS = ['relu', 'relu6', 'hardSwish', 'hardSigmoid', 'sigmoid', 'swish', 'softmax'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

/** An elementwise nonlinearity (softmax acts over channels). */
export interface ActivationSpec {
  readonly kind: 'activation';
  readonly activation: ActivationName;
}

/** Max or average pooling over a window. */
export interface PoolSpec {
  readonly kind: 'maxPool' | 'avgPool';
  readonly poolSize: Pair;
  /** Default: equal to poolSize. */
  readonly strides?: Pair;
  /** Default 'valid'. */
  readonly padding?: Padding;
}

/** Global average pooling; output shape [1, 1, C] (kept 3-D so every shape is a Shape3). */
export interface GlobalAvgPoolSpec {
  readonly kind: 'globalAvgPool';
}

/** Fully connected layer on the last (channel) axis, applied at every position like Keras Dense. */
export interface DenseSpec {
  readonly kind: 'dense';
  readonly units: number;
  /** Default true. */
  readonly useBias?: boolean;
}

/** Elementwise sum of two or more same-shaped inputs (ResNet shortcut, MobileNet v2 residual). */
export interface AddSpec {
  readonly kind: 'add';
}

/** Concatenation along channels of inputs with equal height and width (DenseNet). */
export interface ConcatSpec {
  readonly kind: 'concat';
}

/**
 * Squeeze-and-excite (Hu et al. 2018; as used in MobileNet v3, Howard et al. 2019):
 * global average pool → 1×1 conv to `squeezeChannels` (+bias) → `innerActivation`
 * → 1×1 conv back to C (+bias) → `gateActivation` → multiply the input per channel.
 */
export interface SqueezeExciteSpec {
  readonly kind: 'squeezeExcite';
  readonly squeezeChannels: number;
  /** Default 'relu'. */
  readonly innerActivation?: ActivationName;
  /** Default 'hardSigmoid' (MobileNet v3); the SE paper uses 'sigmoid'. */
  readonly gateActivation?: ActivationName;
}

/**
 * ResNet's parameter-free shortcut, option (A) of He et al. 2016 §4.2: take
 * every `strides`-th pixel and pad the new channels with zeros up to `filters`.
 */
export interface ZeroPadShortcutSpec {
  readonly kind: 'zeroPadShortcut';
  readonly filters: number;
  /** Default 1. */
  readonly strides?: number;
}

export type LayerSpec =
  | Conv2dSpec
  | DepthwiseConv2dSpec
  | PointwiseConv2dSpec
  | SeparableConv2dSpec
  | BatchNormSpec
  | ActivationSpec
  | PoolSpec
  | GlobalAvgPoolSpec
  | DenseSpec
  | AddSpec
  | ConcatSpec
  | SqueezeExciteSpec
  | ZeroPadShortcutSpec;

export type LayerKind = LayerSpec['kind'];

/** Name of the graph's input tensor, usable in `LayerNode.inputs`. */
export const INPUT = 'input';

/** One layer in a model graph. */
export interface LayerNode {
  /** Unique in the model; Keras-like names (`conv_dw_1`, `conv2_block1_1_conv`). */
  readonly name: string;
  readonly layer: LayerSpec;
  /** Names of earlier nodes (or INPUT) that feed this one. Most layers take exactly one. */
  readonly inputs: readonly string[];
  /**
   * Where the layer sits, coarse to fine, e.g. ['dense_block_1', 'layer_3'] or
   * ['stage_2', 'block_1']. Used to roll up per-stage tables; no view depends on it.
   */
  readonly path?: readonly string[];
  /**
   * Marks tensors that a memory-efficient DenseNet keeps in shared storage
   * (Pleiss et al. 2017): the concatenation inside a dense block and the BN/ReLU
   * outputs computed from it. Set by the DenseNet builder; the cost model's
   * shared-storage memory figure reads it.
   */
  readonly sharedStorage?: boolean;
}

/** A whole architecture: a graph of layers in topological order; the last node is the output. */
export interface ModelSpec {
  /** Zoo name and options, e.g. 'mobilenet-v1 (alpha 0.5, 160)'. */
  readonly name: string;
  readonly input: Shape3;
  readonly nodes: readonly LayerNode[];
}
