/**
 * DenseNet (Huang et al. 2017, "Densely Connected Convolutional Networks",
 * arXiv:1608.06993).
 *
 * ImageNet models (Table 1): all DenseNet-BC with growth rate k = 32 —
 * bottleneck layers (1×1 conv to 4k before each 3×3 conv) and compression
 * θ = 0.5 in the transition layers. Stem: 7×7/2 conv with 2k filters, 3×3/2
 * max pool; four dense blocks with a transition layer between each pair;
 * BN-ReLU, global average pooling, classifier. Layout and names follow Keras'
 * `applications.DenseNet121`, whose counts at 224×224 are 2,834,161,664 MACs,
 * 7,978,856 trainable and 8,062,504 total parameters.
 *
 * CIFAR models (§3 "Implementation Details", Table 2): three dense blocks
 * on 32×32, 16×16 and 8×8 maps, a 3×3 first conv, 10 classes.
 *  - plain DenseNet of depth L: (L − 4) / 3 layers per block (BN-ReLU-3×3
 *    conv), first conv 16 channels, transitions without compression;
 *  - DenseNet-BC of depth L: (L − 4) / 6 bottleneck layers per block (each
 *    counts two conv layers), first conv 2k channels, θ = 0.5.
 * The 4 in L − 4 counts the first conv, two transition convs and the classifier.
 */
import { ConvkitInputError, requireInteger } from '../core/errors';
import { denseBlock, symmetricPadding, transitionLayer } from './blocks';
import { classifierHead } from './head';
import { checkClasses, checkResolution, windowSide } from './model-options';
import { INPUT, type LayerNode, type ModelSpec } from '../core/spec';

export type DenseNetImageNetDepth = 121 | 169 | 201 | 264;

/** Table 1: dense layers per block for each ImageNet DenseNet. */
export const DENSENET_BLOCKS: Readonly<Record<DenseNetImageNetDepth, readonly number[]>> = {
  121: [6, 12, 24, 16],
  169: [6, 12, 32, 32],
  201: [6, 12, 48, 32],
  264: [6, 12, 64, 48],
};

export interface DenseNetOptions {
  /** Growth rate k. Default 32 (Table 1). */
  readonly growthRate?: number;
  /** Input height and width. Default 224. */
  readonly resolution?: number;
  /** Default 1000. */
  readonly classes?: number;
}

/** Compression θ of DenseNet-BC (§3 "Compression"). */
const BC_COMPRESSION = 0.5;

/** Largest depth or growth rate we build: keeps the graph small enough to handle in a notebook. */
const MAX_DEPTH = 2000;
const MAX_GROWTH_RATE = 1024;

function checkGrowthRate(growthRate: unknown): number {
  const k = requireInteger('growthRate', growthRate);
  if (k > MAX_GROWTH_RATE) throw new ConvkitInputError('growthRate', k, `must be at most ${MAX_GROWTH_RATE}`);
  return k;
}

/** Appends dense blocks separated by transitions; returns the last node and its channels. */
function denseStages(
  nodes: LayerNode[],
  input: string,
  inputChannels: number,
  blocks: readonly number[],
  growthRate: number,
  bottleneck: boolean,
  compression: number,
): { output: string; channels: number } {
  let x = input;
  let channels = inputChannels;
  blocks.forEach((layers, i) => {
    // Keras names dense block i 'conv<i+2>' and the transition after it 'pool<i+2>'.
    const block = denseBlock({
      prefix: `conv${i + 2}`,
      input: x,
      inputChannels: channels,
      layers,
      growthRate,
      bottleneck,
      path: [`dense_block_${i + 1}`],
    });
    nodes.push(...block.nodes);
    x = block.output;
    channels = block.outputChannels;
    if (i < blocks.length - 1) {
      const transition = transitionLayer({
        prefix: `pool${i + 2}`,
        input: x,
        inputChannels: channels,
        compression,
        path: [`transition_${i + 1}`],
      });
      nodes.push(...transition.nodes);
      x = transition.output;
      channels = transition.outputChannels;
    }
  });
  return { output: x, channels };
}

/** Final BN-ReLU before pooling (the blocks use pre-activation, so the last block's output is not yet normalised). */
function finalNormalization(nodes: LayerNode[], input: string): string {
  const path = ['head'];
  nodes.push(
    { name: 'bn', layer: { kind: 'batchNorm', epsilon: 1.001e-5 }, inputs: [input], path },
    { name: 'relu', layer: { kind: 'activation', activation: 'relu' }, inputs: ['bn'], path },
  );
  return 'relu';
}

/** DenseNet-121/169/201/264 for ImageNet (Table 1). */
export function denseNet(depth: DenseNetImageNetDepth, options: DenseNetOptions = {}): ModelSpec {
  const blocks = DENSENET_BLOCKS[depth];
  if (!blocks) throw new ConvkitInputError('depth', depth, 'must be 121, 169, 201 or 264 (Table 1)');
  const k = checkGrowthRate(options.growthRate ?? 32);
  const classes = checkClasses(options.classes ?? 1000);
  const resolution = checkResolution(options.resolution ?? 224, (r) => {
    // conv 7×7/2 pad 3, max pool 3×3/2 pad 1, then one 2×2/2 average pool per transition.
    let side = windowSide(windowSide(r, 7, 2, 3), 3, 2, 1);
    for (let t = 0; t < blocks.length - 1; t++) side = windowSide(side, 2, 2);
    return side;
  });

  const stem = ['stem'];
  const stemFilters = 2 * k;
  const nodes: LayerNode[] = [
    {
      name: 'conv1/conv',
      layer: { kind: 'conv2d', filters: stemFilters, kernelSize: 7, strides: 2, padding: symmetricPadding(7) },
      inputs: [INPUT],
      path: stem,
    },
    { name: 'conv1/bn', layer: { kind: 'batchNorm', epsilon: 1.001e-5 }, inputs: ['conv1/conv'], path: stem },
    { name: 'conv1/relu', layer: { kind: 'activation', activation: 'relu' }, inputs: ['conv1/bn'], path: stem },
    { name: 'pool1', layer: { kind: 'maxPool', poolSize: 3, strides: 2, padding: symmetricPadding(3) }, inputs: ['conv1/relu'], path: stem },
  ];
  const body = denseStages(nodes, 'pool1', stemFilters, blocks, k, true, BC_COMPRESSION);
  const x = finalNormalization(nodes, body.output);
  nodes.push(...classifierHead({ input: x, inputChannels: body.channels, classes }).nodes);
  const growth = k === 32 ? '' : `k ${k}, `;
  return { name: `densenet-${depth} (${growth}${resolution}, ${classes} classes)`, input: [resolution, resolution, 3], nodes };
}

export interface DenseNetCifarOptions {
  /** Depth L. Default 40 (plain) or 100 (BC). */
  readonly depth?: number;
  /** Growth rate k. Default 12. */
  readonly growthRate?: number;
  /** Input height and width. Default 32 (CIFAR). */
  readonly resolution?: number;
  /** Default 10 (CIFAR-10). */
  readonly classes?: number;
}

/**
 * Dense layers per block of a CIFAR DenseNet of depth L: (L − 4) / 3 plain
 * layers or (L − 4) / 6 bottleneck layers; throws when L does not fit.
 */
export function cifarLayersPerBlock(depth: unknown, bc: boolean): number {
  const L = requireInteger('depth', depth);
  const per = bc ? 6 : 3;
  const smallest = 4 + per;
  if (L < smallest || (L - 4) % per !== 0) {
    const family = bc ? 'DenseNet-BC' : 'DenseNet';
    throw new ConvkitInputError(
      'depth',
      L,
      `(depth - 4) must divide by ${per} for ${family}, with depth >= ${smallest} (e.g. ${bc ? '100, 190, 250' : '40, 100'})`,
    );
  }
  if (L > MAX_DEPTH) throw new ConvkitInputError('depth', L, `must be at most ${MAX_DEPTH}`);
  return (L - 4) / per;
}

/** CIFAR DenseNet (bc = false) or DenseNet-BC (bc = true), §3 "Implementation Details" and Table 2. */
export function denseNetCifar(bc: boolean, options: DenseNetCifarOptions = {}): ModelSpec {
  const depth = options.depth ?? (bc ? 100 : 40);
  const layersPerBlock = cifarLayersPerBlock(depth, bc);
  const k = checkGrowthRate(options.growthRate ?? 12);
  const classes = checkClasses(options.classes ?? 10);
  const resolution = checkResolution(options.resolution ?? 32, (r) => windowSide(windowSide(r, 2, 2), 2, 2));

  const stem = ['stem'];
  const stemFilters = bc ? 2 * k : 16;
  const nodes: LayerNode[] = [
    { name: 'conv1/conv', layer: { kind: 'conv2d', filters: stemFilters, kernelSize: 3, padding: 'same' }, inputs: [INPUT], path: stem },
  ];
  const blocks = [layersPerBlock, layersPerBlock, layersPerBlock];
  const body = denseStages(nodes, 'conv1/conv', stemFilters, blocks, k, bc, bc ? BC_COMPRESSION : 1);
  const x = finalNormalization(nodes, body.output);
  nodes.push(...classifierHead({ input: x, inputChannels: body.channels, classes }).nodes);
  const family = bc ? 'densenet-bc-cifar' : 'densenet-cifar';
  return { name: `${family} (L ${depth}, k ${k}, ${resolution}, ${classes} classes)`, input: [resolution, resolution, 3], nodes };
}
