/**
 * Whole models, two views, one set of weights: the reference loops
 * (runModel) and the TF.js model built from the same spec (buildTfModel,
 * whose layers carry the node names) must compute the same output when both
 * get the same seeded LeCun-scaled weights — BN statistics and biases
 * included, so every layer does non-trivial work.
 */
import { test, before } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { summarize } from '../../../src/cost/summary';
import { buildTfModel } from '../../../src/layers/tf/build-model';
import { runModel } from '../../../src/layers/reference/run-model';
import { randomTensor } from '../../../src/core/tensor';
import { randomWeights, type LayerWeights } from '../../../src/layers/reference/weights';
import { buildModelSpec, type ZooOptions } from '../../../src/models/zoo';
import type { LayerKind, ModelSpec } from '../../../src/core/spec';
import { assertMatchesTf, useCpuBackend } from './helpers';

before(useCpuBackend);

/** A tf weight's name ("conv1/depthwise_kernel") → the reference field ("kernel" / "depthwiseKernel"). */
function referenceField(kind: LayerKind, tfName: string): string {
  const suffix = tfName.slice(tfName.lastIndexOf('/') + 1).replace(/_\d+$/, '');
  if (kind === 'depthwiseConv2d' && suffix === 'depthwise_kernel') return 'kernel';
  return suffix.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** Seeded reference weights for every node, also written into the tf model's layers. */
function shareWeights(spec: ModelSpec, model: tf.LayersModel, seed: number): Record<string, LayerWeights> {
  const rows = summarize(spec).rows;
  const weights: Record<string, LayerWeights> = {};
  spec.nodes.forEach((node, i) => {
    const values = randomWeights(node.layer, rows[i].inputShapes, seed + i, 'lecun') as Record<string, Float32Array> | undefined;
    if (!values) return;
    weights[node.name] = values as unknown as LayerWeights;
    const layer = model.getLayer(node.name);
    const tensors = layer.weights.map((w) => {
      const field = referenceField(node.layer.kind, w.originalName ?? w.name);
      const data = values[field];
      if (!data) throw new Error(`${node.name}: no reference weight for tf weight ${w.name} (field ${field})`);
      return tf.tensor(data, w.shape as number[]);
    });
    layer.setWeights(tensors);
    tensors.forEach((t) => t.dispose());
  });
  return weights;
}

/**
 * The spec without its final softmax, so the comparison is on the logits:
 * a softmax over 1000 near-equal logits would squash any difference.
 */
function logits(spec: ModelSpec): ModelSpec {
  const last = spec.nodes[spec.nodes.length - 1];
  const isSoftmax = last.layer.kind === 'activation' && last.layer.activation === 'softmax';
  return isSoftmax ? { ...spec, nodes: spec.nodes.slice(0, -1) } : spec;
}

const MODELS: Array<[string, ZooOptions]> = [
  ['mobilenet-v1', { alpha: 0.25, resolution: 32 }],
  ['mobilenet-v2', { alpha: 0.35, resolution: 32 }],
  ['mobilenet-v3-small', { resolution: 32 }],
  ['resnet-cifar', {}],
  ['densenet-bc-cifar', { depth: 22, growthRate: 8 }],
];

for (const [name, options] of MODELS) {
  test(`${name} ${JSON.stringify(options)}: the reference loops and the TF.js model give the same output for the same weights`, () => {
    const spec = logits(buildModelSpec(name, options));
    const model = buildTfModel(spec, { kernelInitializer: 'glorotUniform' });
    try {
      const weights = shareWeights(spec, model, 11);
      const input = randomTensor(spec.input, 5, 0, 1);
      const mine = runModel(spec, input, { weights });
      tf.tidy(() => {
        const theirs = model.predict(tf.tensor4d(input.data, [1, ...spec.input])) as tf.Tensor;
        assertMatchesTf(mine.output, theirs, 1e-4);
      });
    } finally {
      model.dispose();
    }
  });
}
