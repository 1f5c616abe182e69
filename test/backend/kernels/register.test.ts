import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../../../src/backend';
import { registerWasmKernels, wasmKernels } from '../../../src/backend/kernels/register';
import { seededValues } from './compare-backends';

test('registering the gradient kernels twice keeps the same kernels and prints nothing', async () => {
  await useBackend('wasm');
  const warnings: unknown[] = [];
  const originalWarn = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args);
  try {
    const first = registerWasmKernels();
    const second = registerWasmKernels();
    assert.deepEqual(second, first);
  } finally {
    console.warn = originalWarn;
  }
  assert.deepEqual(warnings, []);
  for (const config of wasmKernels) {
    assert.equal(tf.getKernel(config.kernelName, 'wasm')?.kernelFunc, config.kernelFunc, config.kernelName);
  }
});

test('after registration, wasm has every kernel the cpu backend has except complex, FFT, ragged and string ones', async () => {
  await useBackend('wasm');
  const onWasm = new Set(tf.getKernelsForBackend('wasm').map((config) => config.kernelName));
  const missing = tf
    .getKernelsForBackend('cpu')
    .map((config) => config.kernelName)
    .filter((name) => !onWasm.has(name))
    .sort();
  // None of these is used by a conv net's forward or backward pass.
  const unrelatedToConvNets = [
    'Complex',
    'ComplexAbs',
    'Draw',
    'Einsum',
    'FFT',
    'IFFT',
    'Imag',
    'RaggedGather',
    'RaggedRange',
    'RaggedTensorToTensor',
    'Real',
    'StaticRegexReplace',
    'UnsortedSegmentSum',
  ];
  assert.deepEqual(missing, unrelatedToConvNets);
});

test('repeated conv2d and depthwise gradients on wasm leave no tensor and no data buffer behind', async () => {
  await useBackend('wasm');
  const x = tf.tensor4d(seededValues(2 * 9 * 9 * 4, 1), [2, 9, 9, 4]);
  const w = tf.tensor4d(seededValues(3 * 3 * 4 * 5, 2), [3, 3, 4, 5]);
  const dw = tf.tensor4d(seededValues(3 * 3 * 4 * 2, 3), [3, 3, 4, 2]);
  const loss = (input: tf.Tensor, filter: tf.Tensor, depthwiseFilter: tf.Tensor) =>
    tf.add(
      tf.sum(tf.square(tf.conv2d(input as tf.Tensor4D, filter as tf.Tensor4D, 2, 'same'))),
      tf.sum(tf.square(tf.depthwiseConv2d(input as tf.Tensor4D, depthwiseFilter as tf.Tensor4D, 1, 'valid'))),
    ) as tf.Scalar;
  const gradients = tf.grads(loss);
  tf.dispose(gradients([x, w, dw])); // first call may create lazily cached state
  const before = { ...tf.memory(), dataIds: tf.backend().numDataIds() };
  for (let step = 0; step < 5; step++) tf.dispose(gradients([x, w, dw]));
  const after = { ...tf.memory(), dataIds: tf.backend().numDataIds() };
  assert.equal(after.numTensors, before.numTensors);
  assert.equal(after.numDataBuffers, before.numDataBuffers);
  assert.equal(after.numBytes, before.numBytes);
  assert.equal(after.dataIds, before.dataIds);
  tf.dispose([x, w, dw]);
});

/**
 * conv → BN → relu → maxPool → depthwise → BN → relu6 → pointwise, a residual
 * add, a concat with an avgPool branch, a sigmoid gate, global pooling,
 * dropout, dense: every kind of layer convkit's models train with.
 */
function smallConvNet(seed: number): tf.LayersModel {
  const init = (offset: number) => tf.initializers.glorotUniform({ seed: seed + offset });
  const input = tf.input({ shape: [8, 8, 3] });
  let h = tf.layers.conv2d({ filters: 8, kernelSize: 3, padding: 'same', kernelInitializer: init(1) }).apply(input) as tf.SymbolicTensor;
  h = tf.layers.batchNormalization().apply(h) as tf.SymbolicTensor;
  h = tf.layers.activation({ activation: 'relu' }).apply(h) as tf.SymbolicTensor;
  h = tf.layers.maxPooling2d({ poolSize: 2, strides: 1, padding: 'same' }).apply(h) as tf.SymbolicTensor;
  let d = tf.layers
    .depthwiseConv2d({ kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 2, depthwiseInitializer: init(2) })
    .apply(h) as tf.SymbolicTensor;
  d = tf.layers.batchNormalization().apply(d) as tf.SymbolicTensor;
  d = tf.layers.reLU({ maxValue: 6 }).apply(d) as tf.SymbolicTensor;
  const pointwise = tf.layers.conv2d({ filters: 16, kernelSize: 1, kernelInitializer: init(3) }).apply(d) as tf.SymbolicTensor;
  const shortcut = tf.layers.conv2d({ filters: 16, kernelSize: 1, strides: 2, kernelInitializer: init(4) }).apply(h) as tf.SymbolicTensor;
  const added = tf.layers.add().apply([pointwise, shortcut]) as tf.SymbolicTensor;
  const pooled = tf.layers.averagePooling2d({ poolSize: 2, strides: 2 }).apply(h) as tf.SymbolicTensor;
  const joined = tf.layers.concatenate().apply([added, pooled]) as tf.SymbolicTensor;
  const gate = tf.layers.conv2d({ filters: 24, kernelSize: 1, activation: 'sigmoid', kernelInitializer: init(5) }).apply(joined) as tf.SymbolicTensor;
  const gated = tf.layers.multiply().apply([joined, gate]) as tf.SymbolicTensor;
  let out = tf.layers.globalAveragePooling2d({}).apply(gated) as tf.SymbolicTensor;
  out = tf.layers.dropout({ rate: 0.2, seed: seed + 6 }).apply(out) as tf.SymbolicTensor;
  out = tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: init(7) }).apply(out) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

test('a small conv net with every layer kind trains on wasm with model.fit and its loss goes down', async () => {
  await useBackend('wasm');
  const examples = 32;
  const pixels = seededValues(examples * 8 * 8 * 3, 42);
  // Label: is the image redder (channel 0) than it is green (channel 1)?
  const labels = new Float32Array(examples * 2);
  for (let n = 0; n < examples; n++) {
    let redMinusGreen = 0;
    for (let p = 0; p < 64; p++) redMinusGreen += pixels[(n * 64 + p) * 3] - pixels[(n * 64 + p) * 3 + 1];
    labels[n * 2 + (redMinusGreen > 0 ? 1 : 0)] = 1;
  }
  const xs = tf.tensor4d(pixels, [examples, 8, 8, 3]);
  const ys = tf.tensor2d(labels, [examples, 2]);
  const model = smallConvNet(7);
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
  const history = await model.fit(xs, ys, { epochs: 8, batchSize: 16, shuffle: false, verbose: 0 });
  const losses = history.history.loss as number[];
  assert.ok(losses.every(Number.isFinite), `losses ${losses}`);
  assert.ok(losses[losses.length - 1] < 0.8 * losses[0], `loss did not fall by 20%: ${losses.map((l) => l.toFixed(3))}`);
  model.dispose();
  tf.dispose([xs, ys]);
});
