/**
 * Training-step time of the small DenseNet-BC and ResNet (src/models/small.ts)
 * on the wasm backend (with src/backend's gradient kernels) against tf's
 * pure-JS cpu backend, measured side by side in one run.
 *
 * Per model and backend: build with seed 1, take a batch of 32 synthetic
 * 8×8×1 images (the size of the digits data), run warm-up steps (the first calls compile and allocate),
 * then time steps one by one and print the median:
 *   - train step: forward + backward + Adam update (model.trainOnBatch);
 *   - forward: model.predict on the same batch, read back to the host.
 * Then the wasm/cpu speedup of each (target: ≥ 10x for the training step)
 * and each backend's train/forward ratio (how much the backward pass costs).
 * The cpu backend needs seconds per step here, so it gets fewer steps.
 */
import * as tf from '@tensorflow/tfjs';
import { useBackend, type BackendName } from '../src/backend';
import { smallDenseNetBC, smallResNet } from '../src/models/small';
import type { ModelSpec } from '../src/core/spec';
import { median } from './median';
import { trainStepTime } from './train-step-time';

const BATCH = 32;
const INPUT_SIZE = 8;
/** [warm-up, timed] steps per backend. */
const STEPS: Record<BackendName, [number, number]> = { wasm: [2, 7], cpu: [1, 3] };

interface Timing {
  readonly trainMs: number;
  readonly forwardMs: number;
  readonly lastLoss: number;
}

async function measure(spec: ModelSpec, backend: BackendName): Promise<Timing> {
  await useBackend(backend);
  const [warmUp, timed] = STEPS[backend];
  const forward: number[] = [];
  const { ms, losses } = await trainStepTime(spec, {
    batch: BATCH,
    warmUp,
    timed,
    before: async (model, xs) => {
      for (let i = 0; i < warmUp + timed; i++) {
        const began = performance.now();
        const y = model.predict(xs) as tf.Tensor;
        await y.data();
        if (i >= warmUp) forward.push(performance.now() - began);
        y.dispose();
      }
    },
  });
  return { trainMs: ms, forwardMs: median(forward), lastLoss: losses[losses.length - 1] };
}

const pad = (text: string, width: number): string => text.padStart(width);

export async function run(): Promise<void> {
  const models = [smallDenseNetBC({ inputSize: INPUT_SIZE }), smallResNet({ inputSize: INPUT_SIZE })];
  console.log(`batch ${BATCH}, ${INPUT_SIZE}x${INPUT_SIZE}x1, Adam; median of ${STEPS.wasm[1]} (wasm) / ${STEPS.cpu[1]} (cpu) steps after warm-up`);
  console.log(`${'model'.padEnd(40)}${pad('backend', 8)}${pad('train ms', 11)}${pad('fwd ms', 9)}${pad('train/fwd', 11)}${pad('loss', 7)}`);
  const speedups: string[] = [];
  for (const spec of models) {
    const results = {} as Record<BackendName, Timing>;
    for (const backend of ['wasm', 'cpu'] as const) {
      const t = await measure(spec, backend);
      results[backend] = t;
      console.log(
        `${spec.name.padEnd(40)}${pad(backend, 8)}${pad(t.trainMs.toFixed(1), 11)}${pad(t.forwardMs.toFixed(1), 9)}${pad((t.trainMs / t.forwardMs).toFixed(1) + 'x', 11)}${pad(t.lastLoss.toFixed(2), 7)}`,
      );
    }
    const train = results.cpu.trainMs / results.wasm.trainMs;
    const forward = results.cpu.forwardMs / results.wasm.forwardMs;
    speedups.push(
      `${spec.name}: wasm/cpu speedup train step ${train.toFixed(1)}x${train >= 10 ? '' : ' (below the 10x target)'}, forward ${forward.toFixed(1)}x`,
    );
  }
  speedups.forEach((line) => console.log(line));
}
