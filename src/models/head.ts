/**
 * The classifier every zoo model ends with: global average pooling to one
 * value per channel, a fully connected layer with bias to `classes` logits,
 * then softmax. Its output is [1, 1, classes].
 *
 * The MobileNet papers write the classifier as "Avg Pool 7×7 → FC →
 * Softmax" (Howard et al. 2017, Table 1); Keras writes the same weights as a
 * 1×1 conv with bias on the 1×1 map, which costs exactly what a dense layer
 * costs.
 */
import { requireInteger } from '../core/errors';
import type { BlockFragment } from './blocks';
import type { LayerNode } from '../core/spec';

export interface ClassifierOptions {
  readonly input: string;
  readonly inputChannels: number;
  readonly classes: number;
  /** Name of the dense layer. Default 'predictions' (Keras). */
  readonly denseName?: string;
  /** Default 'avg_pool' (Keras). */
  readonly poolName?: string;
}

export function classifierHead(options: ClassifierOptions): BlockFragment {
  const classes = requireInteger('classes', options.classes);
  const path = ['head'];
  const pool = options.poolName ?? 'avg_pool';
  const dense = options.denseName ?? 'predictions';
  const nodes: LayerNode[] = [
    { name: pool, layer: { kind: 'globalAvgPool' }, inputs: [options.input], path },
    { name: dense, layer: { kind: 'dense', units: classes, useBias: true }, inputs: [pool], path },
    { name: `${dense}_softmax`, layer: { kind: 'activation', activation: 'softmax' }, inputs: [dense], path },
  ];
  return { nodes, output: `${dense}_softmax`, outputChannels: classes };
}
