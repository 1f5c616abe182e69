// Dilated convolutions in the TF.js view against the reference loops, for
// every layer kind that has a dilation rate. tfjs-layers 4.22's
// DepthwiseConv2D drops the rate, so before src/layers/tf/dilated-depthwise-conv2d.ts
// the depthwise and separable cases here gave the undilated output ('same')
// or failed to build ('valid').
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useBackend, type BackendName } from '../../../src/backend';
import { compareViews, describeAgreement } from '../../../src/views/agreement';
import { randomTensor } from '../../../src/core/tensor';
import { randomWeights } from '../../../src/layers/reference/weights';
import { buildTfModel, deriveSeed } from '../../../src/layers/tf';
import { DilatedDepthwiseConv2D } from '../../../src/layers/tf/dilated-depthwise-conv2d';
import type { LayerSpec, ModelSpec, Padding, Shape3 } from '../../../src/core/spec';

const INPUT: Shape3 = [9, 10, 4];

/** Every kind with a dilation field, with bias and multipliers that exercise the channel layout. */
function dilatedLayers(dilation: number | [number, number], padding: Padding): Record<string, LayerSpec> {
  return {
    conv2d: { kind: 'conv2d', filters: 5, kernelSize: 3, dilation, padding, useBias: true },
    'grouped conv2d': { kind: 'conv2d', filters: 6, kernelSize: [3, 2], groups: 2, dilation, padding },
    depthwiseConv2d: { kind: 'depthwiseConv2d', kernelSize: 3, dilation, padding, useBias: true },
    'depthwiseConv2d ×2': { kind: 'depthwiseConv2d', kernelSize: [2, 3], depthMultiplier: 2, dilation, padding },
    separableConv2d: { kind: 'separableConv2d', filters: 5, kernelSize: 3, dilation, padding, useBias: true },
    'separableConv2d ×2': { kind: 'separableConv2d', filters: 3, kernelSize: [3, 2], depthMultiplier: 2, dilation, padding },
  };
}

function oneLayer(layer: LayerSpec): ModelSpec {
  return { name: layer.kind, input: INPUT, nodes: [{ name: 'layer', layer, inputs: ['input'] }] };
}

const PADDINGS: ReadonlyArray<[string, Padding]> = [
  ['same', 'same'],
  ['valid', 'valid'],
  ['explicit', { top: 2, bottom: 0, left: 1, right: 3 }],
];
const DILATIONS: ReadonlyArray<number | [number, number]> = [2, [2, 1], [1, 3]];

for (const backend of ['cpu', 'wasm'] as BackendName[]) {
  describe(`dilated layers on the ${backend} backend`, () => {
    before(async () => {
      await useBackend(backend);
    });
    for (const dilation of DILATIONS) {
      for (const [paddingName, padding] of PADDINGS) {
        for (const [kindName, layer] of Object.entries(dilatedLayers(dilation, padding))) {
          test(`${kindName}, dilation ${JSON.stringify(dilation)}, ${paddingName} padding: TF.js equals the reference loops`, () => {
            const spec = oneLayer(layer);
            const input = randomTensor(INPUT, 11);
            const weights = { layer: randomWeights(layer, [INPUT], 12, 'lecun') };
            const views = compareViews(spec, input, weights, 1e-5);
            assert.ok(views.agree, describeAgreement(kindName, views));
            // The check can fail: the same layer undilated gives another output.
            const undilated = compareViews(oneLayer({ ...layer, dilation: 1 } as LayerSpec), input, weights, 1e-5);
            const sameShape = undilated.referenceOutput.data.length === views.referenceOutput.data.length;
            if (sameShape) {
              let differs = false;
              for (let i = 0; i < views.tfOutput.data.length; i++) {
                if (Math.abs(views.tfOutput.data[i] - undilated.referenceOutput.data[i]) > 1e-3) differs = true;
              }
              assert.ok(differs, 'dilation changes the output on this input');
            }
          });
        }
      }
    }
  });
}

test('the dilated depthwise layer has the weight names and shapes of tf.layers.depthwiseConv2d, and the same starting weights', async () => {
  await useBackend('cpu');
  const input = tf.input({ shape: [8, 8, 3] });
  const plain = tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, useBias: true, depthwiseInitializer: tf.initializers.heNormal({ seed: 7 }) });
  const dilated = new DilatedDepthwiseConv2D({
    kernelSize: [3, 3],
    depthMultiplier: 2,
    useBias: true,
    dilation: [2, 2],
    kernelInitializer: 'heNormal',
    seed: 7,
  });
  plain.apply(input);
  dilated.apply(input);
  const describe = (layer: tf.layers.Layer) => layer.weights.map((w) => [w.originalName.split('/').pop(), w.shape]);
  assert.deepEqual(describe(dilated), describe(plain));
  const values = (layer: tf.layers.Layer) => layer.getWeights().map((w) => Array.from(w.dataSync()));
  assert.deepEqual(values(dilated), values(plain));
  const config = dilated.getConfig();
  const revived = tf.serialization.SerializationMap.getMap().classNameMap.DilatedDepthwiseConv2D;
  assert.ok(revived !== undefined, 'registered with tf.serialization');
  assert.deepEqual(config.dilation, [2, 2]);
});

test('a separable layer draws its pointwise kernel from its own seed, not the depthwise one', async () => {
  await useBackend('cpu');
  const layer: LayerSpec = { kind: 'separableConv2d', filters: 4, kernelSize: 3 };
  const spec = oneLayer(layer);
  const model = buildTfModel(spec, { seed: 5, kernelInitializer: 'glorotUniform' });
  try {
    const byName = Object.fromEntries(model.getLayer('layer').weights.map((w) => [w.originalName.split('/').pop(), w]));
    const pointwise = Array.from(byName.pointwise_kernel!.read().dataSync());
    const expected = tf.tidy(() =>
      Array.from(
        tf.initializers
          .glorotUniform({ seed: deriveSeed(5, 0, 1) })
          .apply([1, 1, 4, 4])
          .dataSync(),
      ),
    );
    assert.deepEqual(pointwise, expected);
  } finally {
    model.dispose();
  }
});
