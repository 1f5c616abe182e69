/**
 * Forward latency of the four convolution kinds MobileNet is built from, on
 * the wasm and cpu backends, side by side in one run; then what a training
 * step's gradient kernels cost on wasm relative to the forward pass.
 *
 * Layer: 56×56×128 → 128, K = 3, stride 1, 'same', batch 1 (a MobileNet v1
 * layer at width 0.5 / the 56×56 stage of Table 1, Howard et al. 2017).
 *
 * MACs come from a local one-line formula per layer (the cost model in
 * src/cost is the reference; this bench must not depend on it):
 *   standard   H·W·K·K·C·M     depthwise  H·W·K·K·C
 *   pointwise  H·W·C·M         separable  depthwise + pointwise
 * GFLOP/s = 2·MACs / time (FLOPs = 2 × MACs, labelled as such).
 *
 * Run: npm run bench -- conv-latency
 */
import * as tf from '@tensorflow/tfjs';
import { useBackend, type BackendName } from '../src/backend';
import { measurePeakGflops } from '../src/backend/peak';
import { replacedWasmKernel } from '../src/backend/kernels/register';
import { timeMedian } from '../src/backend/timing';
import { median } from './median';

const height = 56;
const width = 56;
const inChannels = 128; // C
const outChannels = 128; // M
const kernelSize = 3; // K

interface Layer {
  readonly name: 'standard' | 'depthwise' | 'pointwise' | 'separable';
  readonly macs: number;
  readonly forward: (x: tf.Tensor4D) => tf.Tensor;
}

function layers(weights: { standard: tf.Tensor4D; depthwise: tf.Tensor4D; pointwise: tf.Tensor4D }): Layer[] {
  const hw = height * width;
  const k2 = kernelSize * kernelSize;
  return [
    { name: 'standard', macs: hw * k2 * inChannels * outChannels, forward: (x) => tf.conv2d(x, weights.standard, 1, 'same') },
    { name: 'depthwise', macs: hw * k2 * inChannels, forward: (x) => tf.depthwiseConv2d(x, weights.depthwise, 1, 'same') },
    { name: 'pointwise', macs: hw * inChannels * outChannels, forward: (x) => tf.conv2d(x, weights.pointwise, 1, 'same') },
    {
      name: 'separable',
      macs: hw * k2 * inChannels + hw * inChannels * outChannels,
      forward: (x) => tf.conv2d(tf.depthwiseConv2d(x, weights.depthwise, 1, 'same'), weights.pointwise, 1, 'same'),
    },
  ];
}

/**
 * Median CPU ms of `compute` (see src/backend/timing.ts: on this shared
 * machine CPU time, not wall time, is what stays comparable side by side).
 */
async function medianMs(compute: () => tf.Tensor, runs: number): Promise<number> {
  const timing = await timeMedian(compute, runs);
  wallOverCpu.push(timing.wallMs / timing.cpuMs);
  return timing.cpuMs;
}

/** How much longer wall time was than CPU time, per measurement (machine load). */
const wallOverCpu: number[] = [];

function seededTensor(shape: number[], seed: number): tf.Tensor {
  return tf.randomUniform(shape, -1, 1, 'float32', seed);
}

async function forwardLatencies(backend: BackendName, runs: number): Promise<Map<string, number>> {
  await useBackend(backend);
  const x = seededTensor([1, height, width, inChannels], 1) as tf.Tensor4D;
  const weights = {
    standard: seededTensor([kernelSize, kernelSize, inChannels, outChannels], 2) as tf.Tensor4D,
    depthwise: seededTensor([kernelSize, kernelSize, inChannels, 1], 3) as tf.Tensor4D,
    pointwise: seededTensor([1, 1, inChannels, outChannels], 4) as tf.Tensor4D,
  };
  const result = new Map<string, number>();
  for (const layer of layers(weights)) result.set(layer.name, await medianMs(() => layer.forward(x), runs));
  tf.dispose([x, weights.standard, weights.depthwise, weights.pointwise]);
  return result;
}

const pad = (text: string | number, size: number) => String(text).padStart(size);

async function printForward(): Promise<void> {
  const wasm = await forwardLatencies('wasm', 15);
  const peakGflops = await measurePeakGflops();
  const cpu = await forwardLatencies('cpu', 3);
  await useBackend('wasm');
  const names = layers({} as never).map((layer) => [layer.name, layer.macs] as const);
  console.log(`forward, ${height}x${width}x${inChannels} -> ${outChannels}, K=${kernelSize}, batch 1; median CPU ms`);
  console.log(`wasm single-core peak (1024^3 matMul): ${peakGflops.toFixed(1)} GFLOP/s`);
  console.log(
    `${'layer'.padEnd(10)}${pad('MACs', 12)}${pad('wasm ms', 10)}${pad('GFLOP/s', 9)}${pad('%peak', 7)}` +
      `${pad('cpu ms', 10)}${pad('GFLOP/s', 9)}${pad('wasm/cpu', 10)}`,
  );
  for (const [name, macs] of names) {
    const wasmMs = wasm.get(name)!;
    const cpuMs = cpu.get(name)!;
    const wasmGflops = (2 * macs) / (wasmMs * 1e6);
    const cpuGflops = (2 * macs) / (cpuMs * 1e6);
    console.log(
      `${name.padEnd(10)}${pad(macs.toExponential(3), 12)}${pad(wasmMs.toFixed(2), 10)}${pad(wasmGflops.toFixed(1), 9)}` +
        `${pad(((100 * wasmGflops) / peakGflops).toFixed(0), 7)}${pad(cpuMs.toFixed(1), 10)}${pad(cpuGflops.toFixed(2), 9)}` +
        `${pad(`${(cpuMs / wasmMs).toFixed(1)}x`, 10)}`,
    );
  }
  const macRatio = 1 / outChannels + 1 / kernelSize ** 2;
  const macsOf = (name: string) => names.find(([n]) => n === name)![1];
  console.log(
    `separable / standard: MACs ${(macsOf('separable') / macsOf('standard')).toFixed(4)} ` +
      `(= 1/M + 1/K^2 = ${macRatio.toFixed(4)}); latency wasm ${(wasm.get('separable')! / wasm.get('standard')!).toFixed(4)}, ` +
      `cpu ${(cpu.get('separable')! / cpu.get('standard')!).toFixed(4)}`,
  );
  console.log(`standard conv wasm/cpu speedup: ${(cpu.get('standard')! / wasm.get('standard')!).toFixed(1)}x (target >= 20x)`);
}

/** Times one kernel call through the engine, as the gradient tape makes it. */
function kernelCall(name: string, inputs: tf.NamedTensorMap, attrs: object): () => tf.Tensor {
  return () => tf.engine().runKernel(name, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

async function printGradients(builtInBackpropInput: tf.KernelConfig | undefined): Promise<void> {
  await useBackend('wasm');
  console.log('\ngradient kernels on wasm vs the forward pass (median CPU ms; the ratio is what a training step pays)');
  console.log(`${'layer / kernel'.padEnd(52)}${pad('ms', 9)}${pad('x fwd', 8)}`);
  const cases = [
    { label: `standard 56x56x128->128 K3 batch 1`, batch: 1, size: 56, c: 128, m: 128, depthwise: false, stride: 1 },
    { label: `standard 16x16x32->64 K3 batch 32`, batch: 32, size: 16, c: 32, m: 64, depthwise: false, stride: 1 },
    { label: `standard 16x16x32->64 K3 stride 2 batch 32`, batch: 32, size: 16, c: 32, m: 64, depthwise: false, stride: 2 },
    { label: `depthwise 56x56x128 K3 batch 1`, batch: 1, size: 56, c: 128, m: 1, depthwise: true, stride: 1 },
    { label: `depthwise 16x16x64 K3 stride 2 batch 32`, batch: 32, size: 16, c: 64, m: 1, depthwise: true, stride: 2 },
  ];
  for (const c of cases) {
    const x = seededTensor([c.batch, c.size, c.size, c.c], 5) as tf.Tensor4D;
    const w = seededTensor([3, 3, c.c, c.m], 6) as tf.Tensor4D;
    const forward = () => (c.depthwise ? tf.depthwiseConv2d(x, w, c.stride, 'same') : tf.conv2d(x, w, c.stride, 'same'));
    const dy = tf.tidy(() => tf.onesLike(forward()).mul(0.5)) as tf.Tensor4D;
    const common = { strides: c.stride, pad: 'same', dataFormat: 'NHWC', dilations: 1 };
    const prefix = c.depthwise ? 'DepthwiseConv2dNative' : 'Conv2D';
    const timings: Array<[string, number]> = [];
    timings.push(['forward', await medianMs(forward, 7)]);
    timings.push([
      `${prefix}BackpropFilter (convkit)`,
      await medianMs(kernelCall(`${prefix}BackpropFilter`, { x, dy }, { ...common, filterShape: w.shape }), 7),
    ]);
    timings.push([
      `${prefix}BackpropInput (convkit)`,
      await medianMs(kernelCall(`${prefix}BackpropInput`, { dy, filter: w }, { ...common, inputShape: x.shape }), 7),
    ]);
    if (!c.depthwise && builtInBackpropInput !== undefined) {
      timings.push([
        'Conv2DBackpropInput (tfjs-backend-wasm built-in)',
        await medianMs(
          () =>
            tf.engine().makeTensorFromTensorInfo(
              builtInBackpropInput.kernelFunc({
                inputs: { dy, filter: w },
                backend: tf.backend(),
                attrs: { ...common, inputShape: x.shape } as unknown as tf.NamedAttrMap,
              }) as tf.TensorInfo,
            ),
          3,
        ),
      ]);
    }
    console.log(c.label);
    const forwardMs = timings[0][1];
    for (const [name, ms] of timings) console.log(`  ${name.padEnd(50)}${pad(ms.toFixed(2), 9)}${pad((ms / forwardMs).toFixed(1), 8)}`);
    tf.dispose([x, w, dy]);
  }
}

/**
 * One SGD training step (forward + backward + update) of a 3-conv net vs its
 * forward pass alone, batch 64 at 16×16 — the net that took ~34 s per step
 * on the cpu backend and ~40× its forward time with a K·K-slice
 * Conv2DBackpropFilter on wasm (docs/design.md#tfjs-backends-and-gradient-kernels).
 */
async function printTrainingStep(): Promise<void> {
  await useBackend('wasm');
  const init = (seed: number) => tf.initializers.heNormal({ seed });
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [16, 16, 16], filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(1) }),
      tf.layers.conv2d({ filters: 64, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(2) }),
      tf.layers.conv2d({ filters: 64, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', kernelInitializer: init(3) }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: 10, kernelInitializer: init(4) }),
    ],
  });
  const xs = seededTensor([64, 16, 16, 16], 7);
  const labels = tf.oneHot(
    tf.tensor1d(
      Array.from({ length: 64 }, (_, n) => n % 10),
      'int32',
    ),
    10,
  );
  const optimizer = tf.train.sgd(0.01);
  const forwardMs = await medianMs(() => model.predict(xs) as tf.Tensor, 7);
  const stepMs = await medianMs(() => optimizer.minimize(() => tf.losses.softmaxCrossEntropy(labels, model.predict(xs) as tf.Tensor), true) as tf.Scalar, 7);
  console.log('\ntraining step, 3-conv net (16→32→64→64 s2), batch 64 at 16x16, wasm (median CPU ms)');
  console.log(`  forward ${forwardMs.toFixed(1)} ms, SGD step ${stepMs.toFixed(1)} ms: step/forward ${(stepMs / forwardMs).toFixed(1)}x`);
  tf.dispose([xs, labels]);
  optimizer.dispose();
  model.dispose();
}

export async function run(): Promise<void> {
  await printForward();
  // tfjs-backend-wasm's own Conv2DBackpropInput, which convkit replaced: shown
  // to say why. Its setup (binding the C++ function) may never have run.
  const builtIn = replacedWasmKernel('Conv2DBackpropInput');
  builtIn?.setupFunc?.(tf.backend());
  await printGradients(builtIn);
  await printTrainingStep();
  console.log(`\n(machine load: wall time was ${median(wallOverCpu).toFixed(2)}x CPU time, median over measurements)`);
}
