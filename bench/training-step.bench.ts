/**
 * A training step of the experiments' networks on 28×28 images, batch 64
 * (forward, backward, Adam), measured side by side in one run three ways:
 *
 *   before   convkit's wasm kernels as they were before the training-speed
 *            work: tfjs-layers' batch norm (its gradient broadcasts with
 *            Tile) and tfjs-backend-wasm's own Slice and SplitV (which copy
 *            their whole input first);
 *   now      convkit's closed-form BN gradient (src/layers/tf/batch-norm.ts)
 *            and in-place Slice/SplitV (src/backend/kernels/slice-split.ts);
 *   torch    PyTorch on one thread, the same network built from the same
 *            spec (bench/torch-reference.ts), where a Python with torch is
 *            found; otherwise the column says why it is missing.
 *
 * Printed: median ms per step of each, before/now (the speed-up; target
 * ≥ 3× for ResNet-20 and DenseNet-BC) and now/torch (target ≤ 2×), and the
 * first losses of before and now (the same up to float rounding: the two
 * BN gradients are the same function, summed in another order).
 */
import { useBackend } from '../src/backend';
import { useBuiltInWasmKernels } from '../src/backend/kernels/register';
import type { ModelSpec } from '../src/core/spec';
import { summarize } from '../src/cost/summary';
import { useBatchNormGradient } from '../src/layers/tf/batch-norm';
import { smallDenseNetBC, smallMobileNetV2, smallResNet, tinyMobileNet } from '../src/models/small';
import { torchTrainStep } from './torch-reference';
import { trainStepTime } from './train-step-time';

const BATCH = 64;
const WARM_UP = 2;
const TIMED = 5;

interface Step {
  readonly ms: number;
  readonly firstLoss: number;
}

async function wasmStep(spec: ModelSpec, kernels: 'before' | 'now'): Promise<Step> {
  await useBackend('wasm');
  useBuiltInWasmKernels(kernels === 'before' ? ['Slice', 'SplitV'] : []);
  const previous = useBatchNormGradient(kernels === 'before' ? 'tfjs' : 'closed-form');
  try {
    const { ms, losses } = await trainStepTime(spec, { batch: BATCH, warmUp: WARM_UP, timed: TIMED });
    return { ms, firstLoss: losses[0] };
  } finally {
    useBatchNormGradient(previous);
    useBuiltInWasmKernels([]);
  }
}

const pad = (text: string, width: number): string => text.padStart(width);

export async function run(): Promise<void> {
  const models: readonly [label: string, spec: ModelSpec][] = [
    ['ResNet-20 (width 16)', smallResNet({ blocks: 3, width: 16, inputSize: 28 })],
    ['DenseNet-BC-28 (k 12)', smallDenseNetBC({ growthRate: 12, layersPerBlock: 4, inputSize: 28 })],
    ['tiny MobileNet (width 16)', tinyMobileNet({ width: 16, inputSize: 28 })],
    ['small MobileNet v2 (width 8)', smallMobileNetV2({ width: 8, inputSize: 28 })],
  ];
  console.log(`batch ${BATCH}, 28x28x1, Adam; median of ${TIMED} steps after ${WARM_UP} warm-up; wasm on one thread, torch on one thread`);
  console.log(
    `${'model'.padEnd(30)}${pad('before ms', 11)}${pad('now ms', 9)}${pad('torch ms', 10)}${pad('before/now', 12)}${pad('now/torch', 11)}${pad('loss before', 13)}${pad('loss now', 10)}`,
  );
  const notes = new Set<string>();
  for (const [label, spec] of models) {
    const before = await wasmStep(spec, 'before');
    const now = await wasmStep(spec, 'now');
    const torch = await torchTrainStep(spec, { batch: BATCH, warmup: WARM_UP, steps: TIMED });
    const torchMs = 'skipped' in torch ? undefined : torch.trainMs;
    if ('skipped' in torch) notes.add(`torch column skipped: ${torch.skipped}`);
    else {
      notes.add(`torch ${torch.torch}, ${torch.threads} thread`);
      // The same network on both sides: torch's trainable parameters must be the cost model's.
      const trainable = summarize(spec).params.trainable;
      if (torch.params !== trainable) notes.add(`${label}: torch has ${torch.params} trainable parameters, convkit ${trainable}: not the same network`);
    }
    console.log(
      `${label.padEnd(30)}${pad(before.ms.toFixed(0), 11)}${pad(now.ms.toFixed(0), 9)}${pad(torchMs === undefined ? '-' : torchMs.toFixed(0), 10)}` +
        `${pad(`${(before.ms / now.ms).toFixed(2)}x`, 12)}${pad(torchMs === undefined ? '-' : `${(now.ms / torchMs).toFixed(2)}x`, 11)}` +
        `${pad(before.firstLoss.toFixed(4), 13)}${pad(now.firstLoss.toFixed(4), 10)}`,
    );
  }
  for (const note of notes) console.log(note);
}
