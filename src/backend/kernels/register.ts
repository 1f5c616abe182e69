/**
 * Puts convkit's kernels into TF.js's kernel registry for the 'wasm'
 * backend: the convolution gradients, so `tf.grad`, `optimizer.minimize` and
 * `model.fit` of conv nets run on wasm at all, and two copies (Slice, SplitV)
 * that make training fast (./slice-split.ts).
 *
 * tfjs-backend-wasm 4.22 lacks three kernels that training a CNN needs
 * (checked with tf.getKernel against the cpu backend's list; the rest of a
 * conv net's backward pass — BN, pooling, concat, add, activations, dense,
 * dropout — is already there):
 *   Conv2DBackpropFilter, DepthwiseConv2dNativeBackpropFilter,
 *   DepthwiseConv2dNativeBackpropInput.
 * It also has a Conv2DBackpropInput that works but runs outside XNNPACK at
 * ~1/10 of the forward speed; convkit replaces it with a faster one, and
 * replaces Slice and SplitV, which copy their whole input first.
 */
import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input';
import { depthwiseConv2dBackpropFilterConfig } from './depthwise-conv2d-backprop-filter';
import { depthwiseConv2dBackpropInputConfig } from './depthwise-conv2d-backprop-input';
import { keepBuiltIn, sliceConfig, splitVConfig } from './slice-split';

/** The kernels convkit registers on 'wasm', in the order they are registered. */
export const wasmKernels: readonly tf.KernelConfig[] = [
  conv2dBackpropFilterConfig,
  conv2dBackpropInputConfig,
  depthwiseConv2dBackpropFilterConfig,
  depthwiseConv2dBackpropInputConfig,
  sliceConfig,
  splitVConfig,
];

/** Built-in wasm kernels convkit replaced, kept so a benchmark can compare against them. */
const replacedBuiltIns = new Map<string, tf.KernelConfig>();

/**
 * Registers every kernel in `wasmKernels` on 'wasm', replacing a
 * built-in one of the same name. Idempotent: a kernel that is already
 * convkit's is left alone, so calling this twice costs a few map lookups.
 * Returns the kernel names that are convkit's after the call.
 */
export function registerWasmKernels(): string[] {
  for (const config of wasmKernels) {
    const current = tf.getKernel(config.kernelName, 'wasm');
    if (current?.kernelFunc === config.kernelFunc) continue;
    // unregister first: re-registering a name would make TF.js warn on the console.
    if (current !== undefined) {
      replacedBuiltIns.set(config.kernelName, current);
      keepBuiltIn(config.kernelName, current);
      tf.unregisterKernel(config.kernelName, 'wasm');
    }
    tf.registerKernel(config);
  }
  return wasmKernels.map((config) => config.kernelName);
}

/**
 * The tfjs-backend-wasm kernel that convkit replaced under `kernelName`, if
 * any (Conv2DBackpropInput, Slice, SplitV). If convkit replaced it before the
 * backend started, its `setupFunc` has not run yet: call it with
 * `tf.backend()` before calling its `kernelFunc`.
 */
export function replacedWasmKernel(kernelName: string): tf.KernelConfig | undefined {
  return replacedBuiltIns.get(kernelName);
}

/**
 * Puts the built-in wasm kernels named in `builtIn` back in place of
 * convkit's replacements, and convkit's in place for every other name (an
 * empty list restores all of convkit's), for benchmarks that compare the
 * two in one run. Call it after useBackend, which re-registers convkit's.
 */
export function useBuiltInWasmKernels(builtIn: readonly string[]): void {
  for (const config of wasmKernels) {
    const original = replacedBuiltIns.get(config.kernelName);
    if (original === undefined) continue;
    const wanted = builtIn.includes(config.kernelName) ? original : config;
    if (tf.getKernel(config.kernelName, 'wasm')?.kernelFunc === wanted.kernelFunc) continue;
    tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel(wanted);
    // A kernel registered after the backend started has not been set up (wasm kernels bind their C function there).
    wanted.setupFunc?.(tf.backend());
  }
}
