/**
 * Small networks for training in a notebook: 1-channel 8×8 or 16×16 images
 * (e.g. the 8×8 digits), 10 classes, tens of thousands of parameters, so a
 * training step takes milliseconds on the wasm backend. They follow the CIFAR
 * designs of the papers, shrunk:
 *
 * - smallResNet: He et al. 2016 §4.2 — a 3×3 stem, three stages of basic
 *   blocks at width w, 2w, 4w (the map halves at each new stage), global
 *   average pool, dense. Depth 6·blocks + 2. Option-A (zero-pad) shortcuts
 *   by default, so the shortcuts add no parameters.
 * - smallPlainCnn: the same network without the shortcuts (the "plain" nets
 *   of He et al. 2016 Fig. 3/6): the same depth and exactly the same
 *   parameters as smallResNet with zero-pad shortcuts, for the gradient-flow
 *   lesson ("deeper plain nets train worse; residual ones do not").
 * - smallDenseNetBC: Huang et al. 2017 §3 (CIFAR DenseNet-BC) — a 3×3 stem
 *   to 2k channels, dense blocks of bottleneck layers with transitions
 *   (compression θ) between them, BN → ReLU → global pool → dense.
 *   Depth 2·layersPerBlock·blocks + (blocks − 1) + 2.
 *
 * With the defaults (16×16×1 input, 10 classes) the parameter totals are close
 * (Keras convention, BN moving statistics included; summarize(spec).params.total,
 * checked in test/layers/tf/small.test.ts):
 *   smallResNet()      depth 8:  19,314 params (19,074 trainable),   756,032 MACs at 16×16
 *   smallPlainCnn()    depth 8:  19,314 params (19,074 trainable),   756,032 MACs
 *   smallDenseNetBC()  depth 16: 20,858 params (20,010 trainable), 2,179,392 MACs
 * DenseNet reaches the same parameter budget with ~3× the multiply-adds: its
 * layers are narrow (k = 8 new channels) but all run at full resolution on
 * ever wider concatenations.
 *
 * - tinyMobileNet and tinyStandardCnn: two nets of the same depth for the 8×8
 *   digits, one built from MobileNet's depthwise separable blocks (Howard et
 *   al. 2017, arXiv:1704.04861, Fig. 3), one with a standard 3×3 convolution
 *   in each block's place. Same stem, strides and classifier, and at the same
 *   `width` the same channel counts: only the block differs.
 *
 *     stem      3×3 conv → BN → ReLU, `width` channels
 *     blocks    (filters, stride): (2w, 1), (4w, 2), (4w, 1)
 *               separable: dw 3×3 → BN → ReLU → pw 1×1 → BN → ReLU
 *               standard:  3×3 conv → BN → ReLU
 *     head      global average pool → dense(10) → softmax
 *
 * - smallMobileNetV2: Sandler et al. 2018's layout (Table 2), shrunk: a 3×3
 *   stem, four rows of inverted residual blocks (t, c, n, s) = (1, w, 1, 1),
 *   (t, 2w, 2, 2), (t, 3w, 2, 2), (t, 4w, 2, 1), a 1×1 conv to 8w → BN →
 *   ReLU6, then the classifier. `bottleneckActivation` puts an activation
 *   after every projection (the paper's Fig. 6a ablation); by default the
 *   bottlenecks are linear, as in the paper.
 *
 * All are built from the zoo's block builders (./blocks.ts) and end with the
 * zoo's classifier head (./head.ts), so the TF.js models, the cost tables and
 * the reference loops read the same nodes.
 */
import { ConvkitInputError, requireInteger } from '../core/errors';
import { denseBlock, depthwiseSeparableBlock, invertedResidualBlock, resNetBasicBlock, symmetricPadding, transitionLayer, type ShortcutKind } from './blocks';
import { classifierHead } from './head';
import { INPUT, type ActivationName, type LayerNode, type ModelSpec } from '../core/spec';

/** What every small model shares: the images and the classes. */
export interface SmallInputOptions {
  /** Height = width of the images. Default 16. 8 (the digits) also works. */
  readonly inputSize?: number;
  /** Channels of the images. Default 1 (grey). */
  readonly inputChannels?: number;
  /** Classes. Default 10. */
  readonly classes?: number;
}

export interface SmallResNetOptions extends SmallInputOptions {
  /** Basic blocks per stage (n in He et al.'s 6n + 2). Default 1 (depth 8). */
  readonly blocks?: number;
  /** Channels of the first stage; stages 2 and 3 have 2× and 4×. Default 8. */
  readonly width?: number;
  /** How a block that halves the map matches the shortcut. Default 'zeroPad' (option A, as on CIFAR). */
  readonly shortcut?: ShortcutKind;
}

export interface SmallDenseNetBCOptions extends SmallInputOptions {
  /** Growth rate k: channels each dense layer adds. Default 8. */
  readonly growthRate?: number;
  /** Bottleneck dense layers in each dense block. Default 2. */
  readonly layersPerBlock?: number;
  /** Dense blocks (a transition between each pair). Default 3. */
  readonly blocks?: number;
  /** Transition compression θ in (0, 1]. Default 0.5 (DenseNet-BC). */
  readonly compression?: number;
}

interface CheckedInput {
  readonly inputSize: number;
  readonly inputChannels: number;
  readonly classes: number;
}

function checkInput(options: SmallInputOptions, halvings: number): CheckedInput {
  const inputSize = requireInteger('inputSize', options.inputSize ?? 16);
  const inputChannels = requireInteger('inputChannels', options.inputChannels ?? 1);
  const classes = requireInteger('classes', options.classes ?? 10);
  if (inputSize < 2 ** halvings) {
    throw new ConvkitInputError('inputSize', inputSize, `must be >= ${2 ** halvings}: the network halves the map ${halvings} times`);
  }
  return { inputSize, inputChannels, classes };
}

/** 3×3 conv → BN → ReLU at the input, named like the Keras CIFAR examples (`conv1`, `conv1_bn`, `conv1_relu`). */
function stem(filters: number): { nodes: LayerNode[]; output: string } {
  const path = ['stem'];
  return {
    nodes: [
      { name: 'conv1', layer: { kind: 'conv2d', filters, kernelSize: 3, padding: 'same' }, inputs: [INPUT], path },
      { name: 'conv1_bn', layer: { kind: 'batchNorm' }, inputs: ['conv1'], path },
      { name: 'conv1_relu', layer: { kind: 'activation', activation: 'relu' }, inputs: ['conv1_bn'], path },
    ],
    output: 'conv1_relu',
  };
}

/** Where one block of a small net goes and what it has to produce. */
interface BlockAt {
  readonly prefix: string;
  readonly path: string[];
  readonly input: string;
  readonly inputChannels: number;
  readonly filters: number;
  readonly strides: number;
}

type BlockWriter = (at: BlockAt) => { nodes: LayerNode[]; output: string; outputChannels: number };

/** The stem at `width` channels, the blocks in order (each reading the one before it), then the classifier. */
function stemBlocksHead(width: number, places: readonly Omit<BlockAt, 'input' | 'inputChannels'>[], block: BlockWriter, classes: number): LayerNode[] {
  const start = stem(width);
  const nodes: LayerNode[] = [...start.nodes];
  let x = start.output;
  let channels = width;
  for (const place of places) {
    const made = block({ ...place, input: x, inputChannels: channels });
    nodes.push(...made.nodes);
    x = made.output;
    channels = made.outputChannels;
  }
  nodes.push(...classifierHead({ input: x, inputChannels: channels, classes }).nodes);
  return nodes;
}

/**
 * He et al. 2016's CIFAR layout (§4.2): the stem, three stages of `blocks`
 * blocks at widths w, 2w, 4w, the first block of stages 2 and 3 halving the
 * map, then the classifier; depth 6·blocks + 2. `block` writes one block.
 */
function cifarStages(family: string, options: Omit<SmallResNetOptions, 'shortcut'>, block: BlockWriter): ModelSpec {
  const { inputSize, inputChannels, classes } = checkInput(options, 2);
  const blocks = requireInteger('blocks', options.blocks ?? 1);
  const width = requireInteger('width', options.width ?? 8);
  const places = [1, 2, 3].flatMap((stage) =>
    Array.from({ length: blocks }, (_, i) => ({
      prefix: `conv${stage + 1}_block${i + 1}`,
      path: [`stage_${stage}`, `block_${i + 1}`],
      filters: width * 2 ** (stage - 1),
      strides: stage > 1 && i === 0 ? 2 : 1,
    })),
  );
  const nodes = stemBlocksHead(width, places, block, classes);
  return {
    name: `${family}-${6 * blocks + 2} (width ${width}, ${inputSize}x${inputSize}x${inputChannels})`,
    input: [inputSize, inputSize, inputChannels],
    nodes,
  };
}

/** He et al. 2016's CIFAR ResNet, small: depth 6·blocks + 2, widths w, 2w, 4w. */
export function smallResNet(options: SmallResNetOptions = {}): ModelSpec {
  const shortcut = options.shortcut ?? 'zeroPad';
  return cifarStages('small-resnet', options, (at) => resNetBasicBlock({ ...at, shortcut }));
}

/**
 * smallResNet without shortcuts: each block is 3×3 conv → BN → ReLU → 3×3 conv
 * → BN → ReLU. Same depth and, against zero-pad shortcuts, the same parameters.
 */
export function smallPlainCnn(options: Omit<SmallResNetOptions, 'shortcut'> = {}): ModelSpec {
  return cifarStages('small-plain-cnn', options, ({ prefix: p, path, input, filters, strides }) => ({
    // The strided conv pads like the residual version (blocks.ts), so the two nets match layer for layer.
    nodes: [
      {
        name: `${p}_1_conv`,
        layer: { kind: 'conv2d', filters, kernelSize: 3, strides, padding: strides === 1 ? 'same' : symmetricPadding(3) },
        inputs: [input],
        path,
      },
      { name: `${p}_1_bn`, layer: { kind: 'batchNorm', epsilon: 1.001e-5 }, inputs: [`${p}_1_conv`], path },
      { name: `${p}_1_relu`, layer: { kind: 'activation', activation: 'relu' }, inputs: [`${p}_1_bn`], path },
      { name: `${p}_2_conv`, layer: { kind: 'conv2d', filters, kernelSize: 3, padding: 'same' }, inputs: [`${p}_1_relu`], path },
      { name: `${p}_2_bn`, layer: { kind: 'batchNorm', epsilon: 1.001e-5 }, inputs: [`${p}_2_conv`], path },
      { name: `${p}_out`, layer: { kind: 'activation', activation: 'relu' }, inputs: [`${p}_2_bn`], path },
    ],
    output: `${p}_out`,
    outputChannels: filters,
  }));
}

/** Huang et al. 2017's CIFAR DenseNet-BC, small. */
export function smallDenseNetBC(options: SmallDenseNetBCOptions = {}): ModelSpec {
  const blocks = requireInteger('blocks', options.blocks ?? 3);
  const { inputSize, inputChannels, classes } = checkInput(options, blocks - 1);
  const growthRate = requireInteger('growthRate', options.growthRate ?? 8);
  const layersPerBlock = requireInteger('layersPerBlock', options.layersPerBlock ?? 2);
  const compression = options.compression ?? 0.5;
  const start = stem(2 * growthRate);
  const nodes: LayerNode[] = [...start.nodes];
  let x = start.output;
  let channels = 2 * growthRate;
  for (let b = 1; b <= blocks; b++) {
    const block = denseBlock({
      prefix: `conv${b + 1}`,
      input: x,
      inputChannels: channels,
      growthRate,
      layers: layersPerBlock,
      bottleneck: true,
      path: [`dense_block_${b}`],
    });
    nodes.push(...block.nodes);
    x = block.output;
    channels = block.outputChannels;
    if (b < blocks) {
      const transition = transitionLayer({ prefix: `pool${b + 1}`, input: x, inputChannels: channels, compression, path: [`transition_${b}`] });
      nodes.push(...transition.nodes);
      x = transition.output;
      channels = transition.outputChannels;
    }
  }
  const path = ['head'];
  nodes.push(
    { name: 'bn', layer: { kind: 'batchNorm', epsilon: 1.001e-5 }, inputs: [x], path },
    { name: 'relu', layer: { kind: 'activation', activation: 'relu' }, inputs: ['bn'], path },
  );
  nodes.push(...classifierHead({ input: 'relu', inputChannels: channels, classes }).nodes);
  const depth = 2 * layersPerBlock * blocks + (blocks - 1) + 2;
  return {
    name: `small-densenet-bc-${depth} (k ${growthRate}, ${inputSize}x${inputSize}x${inputChannels})`,
    input: [inputSize, inputSize, inputChannels],
    nodes,
  };
}

export interface TinyNetOptions {
  /** Channels of the stem; the blocks have 2× and 4×. Default 8. */
  readonly width?: number;
  /** Image side. Default 8 (the digits). */
  readonly inputSize?: number;
}

/** (filters as a multiple of width, stride) of the tiny nets' three blocks. */
const TINY_BLOCKS: readonly (readonly [widthFactor: number, strides: number])[] = [
  [2, 1],
  [4, 2],
  [4, 1],
];

function tinyNet(kind: 'separable' | 'standard', options: TinyNetOptions): ModelSpec {
  const width = requireInteger('width', options.width ?? 8);
  const inputSize = requireInteger('inputSize', options.inputSize ?? 8);
  const places = TINY_BLOCKS.map(([factor, strides], i) => ({
    prefix: `block_${i + 1}`,
    path: ['blocks', `block_${i + 1}`],
    filters: factor * width,
    strides,
  }));
  const block: BlockWriter =
    kind === 'separable'
      ? (at) => depthwiseSeparableBlock(at)
      : ({ prefix, path, input, filters, strides }) => ({
          nodes: [
            { name: `${prefix}_conv`, layer: { kind: 'conv2d', filters, kernelSize: 3, strides, padding: 'same' }, inputs: [input], path },
            { name: `${prefix}_bn`, layer: { kind: 'batchNorm' }, inputs: [`${prefix}_conv`], path },
            { name: `${prefix}_relu`, layer: { kind: 'activation', activation: 'relu' }, inputs: [`${prefix}_bn`], path },
          ],
          output: `${prefix}_relu`,
          outputChannels: filters,
        });
  const nodes = stemBlocksHead(width, places, block, 10);
  return { name: `tiny-${kind === 'separable' ? 'mobilenet' : 'standard-cnn'} (width ${width})`, input: [inputSize, inputSize, 1], nodes };
}

/** Stem, three depthwise separable blocks, classifier. */
export function tinyMobileNet(options: TinyNetOptions = {}): ModelSpec {
  return tinyNet('separable', options);
}

/** The same network with a standard 3×3 conv in place of each separable block. */
export function tinyStandardCnn(options: TinyNetOptions = {}): ModelSpec {
  return tinyNet('standard', options);
}

export interface SmallMobileNetV2Options extends SmallInputOptions {
  /** Channels of the first row (c = w); later rows have 2w, 3w, 4w. Default 8. */
  readonly width?: number;
  /** Expansion factor t of the rows after the first. Default 4. */
  readonly expansion?: number;
  /** Activation after each projection; default none (linear bottlenecks). */
  readonly bottleneckActivation?: ActivationName;
}

/** The rows (t, c as a multiple of w, n, s) of smallMobileNetV2; t = 0 stands for the option's expansion. */
const SMALL_V2_ROWS: readonly (readonly [expansion: number, widthFactor: number, repeats: number, strides: number])[] = [
  [1, 1, 1, 1],
  [0, 2, 2, 2],
  [0, 3, 2, 2],
  [0, 4, 2, 1],
];

/** MobileNet v2, small (see the header): inverted residual blocks with linear (or, as an ablation, non-linear) bottlenecks. */
export function smallMobileNetV2(options: SmallMobileNetV2Options = {}): ModelSpec {
  const { inputSize, inputChannels, classes } = checkInput(options, 2);
  const width = requireInteger('width', options.width ?? 8);
  const expansion = requireInteger('expansion', options.expansion ?? 4);
  const stemPath = ['stem'];
  const nodes: LayerNode[] = [
    { name: 'Conv1', layer: { kind: 'conv2d', filters: width, kernelSize: 3, padding: 'same' }, inputs: [INPUT], path: stemPath },
    { name: 'bn_Conv1', layer: { kind: 'batchNorm' }, inputs: ['Conv1'], path: stemPath },
    { name: 'Conv1_relu', layer: { kind: 'activation', activation: 'relu6' }, inputs: ['bn_Conv1'], path: stemPath },
  ];
  let x = 'Conv1_relu';
  let channels = width;
  let block = 0;
  for (const [t, factor, repeats, strides] of SMALL_V2_ROWS) {
    for (let i = 0; i < repeats; i++) {
      const made = invertedResidualBlock({
        prefix: `block_${block}`,
        path: ['blocks', `block_${block}`],
        input: x,
        inputChannels: channels,
        expansion: t === 0 ? expansion : t,
        filters: factor * width,
        strides: i === 0 ? strides : 1,
        bottleneckActivation: options.bottleneckActivation,
      });
      nodes.push(...made.nodes);
      x = made.output;
      channels = made.outputChannels;
      block++;
    }
  }
  const headPath = ['head'];
  nodes.push(
    { name: 'Conv_1', layer: { kind: 'pointwiseConv2d', filters: 8 * width }, inputs: [x], path: headPath },
    { name: 'Conv_1_bn', layer: { kind: 'batchNorm' }, inputs: ['Conv_1'], path: headPath },
    { name: 'out_relu', layer: { kind: 'activation', activation: 'relu6' }, inputs: ['Conv_1_bn'], path: headPath },
  );
  nodes.push(...classifierHead({ input: 'out_relu', inputChannels: 8 * width, classes }).nodes);
  const kind = options.bottleneckActivation === undefined ? 'linear bottlenecks' : `${options.bottleneckActivation} bottlenecks`;
  return {
    name: `small-mobilenet-v2 (width ${width}, t ${expansion}, ${kind}, ${inputSize}x${inputSize}x${inputChannels})`,
    input: [inputSize, inputSize, inputChannels],
    nodes,
  };
}
