/**
 * Slice and SplitV for the wasm backend, reading the input where it lies in
 * wasm memory.
 *
 * Why. tfjs-backend-wasm 4.22 writes both in JavaScript, and both start with
 * `backend.readSync(x)`, which copies the WHOLE input out of wasm memory
 * before copying the part asked for. So
 *   - a batch cut from a data set by tf.slice copies the data set (60,000
 *     Fashion-MNIST images = 188 MB) once per batch;
 *   - the gradient of a channel concatenation (SplitV, in every DenseNet
 *     layer) copies dy once per piece, then moves the piece a few floats at
 *     a time: ~24 ms per split of a 64×28×28×~60 map, 12% of a DenseNet-BC
 *     training step (docs/design.md#training-speed).
 * Here the input is a view of wasm memory (typedArrayFromHeap, no copy) and
 * each output is written in one pass, one contiguous run at a time: with
 * `set` for long runs, with a plain loop for short ones (a `set` call per
 * dozen floats costs more than the floats).
 *
 * Same values as the built-in kernels (a copy is a copy); strings, which
 * live outside wasm memory, still go to the built-in.
 */
import * as tf from '@tensorflow/tfjs';

/** What these kernels use of tfjs-backend-wasm's BackendWasm (not in its public types). */
interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

type TypedArray = Float32Array | Int32Array | Uint8Array;

/** Rows shorter than this are copied with a loop rather than `set` (measured: `set` has ~0.1 µs of overhead). */
const SHORT_ROW = 64;

/**
 * Copies the block of `x` (row-major, `shape`) that starts at `begin` and
 * has `size` into `out`. The trailing axes that are taken whole make one
 * contiguous run per position of the leading ones; the runs are visited in
 * row-major order, so `out` fills front to back.
 */
function copyBlock(x: TypedArray, out: TypedArray, shape: readonly number[], begin: readonly number[], size: readonly number[]): void {
  const rank = shape.length;
  const strides = new Array<number>(rank);
  let stride = 1;
  for (let i = rank - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i];
  }
  // Axes from `lead` on form one run: all whole except possibly `lead` itself.
  let lead = rank - 1;
  while (lead > 0 && size[lead] === shape[lead]) lead--;
  const run = size[lead] * strides[lead];
  let offset = 0;
  for (let i = 0; i < rank; i++) offset += begin[i] * strides[i];
  const index = new Array<number>(lead).fill(0);
  let w = 0;
  for (;;) {
    let from = offset;
    for (let i = 0; i < lead; i++) from += index[i] * strides[i];
    if (run >= SHORT_ROW) out.set(x.subarray(from, from + run), w);
    else for (let k = 0; k < run; k++) out[w + k] = x[from + k];
    w += run;
    let axis = lead - 1;
    while (axis >= 0 && ++index[axis] === size[axis]) index[axis--] = 0;
    if (axis < 0) return;
  }
}

/** Built-in kernels these replace, for what they do not handle (strings, general slices). */
const builtIns = new Map<string, tf.KernelConfig>();

/** Remembers the built-in kernel `kernelName` before convkit's replaces it. */
export function keepBuiltIn(kernelName: string, config: tf.KernelConfig): void {
  builtIns.set(kernelName, config);
}

function builtIn(kernelName: string): tf.KernelFunc {
  const config = builtIns.get(kernelName);
  if (config === undefined) throw new Error(`convkit ${kernelName}: the built-in wasm kernel was not kept`);
  return config.kernelFunc;
}

function sliceKernel(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo | tf.TensorInfo[] {
  const x = args.inputs.x as tf.TensorInfo;
  const { begin, size } = args.attrs as unknown as { begin: number | number[]; size: number | number[] };
  if (x.dtype === 'string') return builtIn('Slice')(args);
  const [begin_, size_] = tf.slice_util.parseSliceParams(x as unknown as tf.Tensor, begin, size);
  const backend = args.backend as unknown as WasmHeapBackend;
  const out = backend.makeOutput(size_, x.dtype);
  if (size_.some((s) => s === 0)) return out;
  // Views only after the output exists: allocating may grow (and move) wasm memory.
  copyBlock(backend.typedArrayFromHeap(x), backend.typedArrayFromHeap(out), x.shape, begin_, size_);
  return out;
}

function splitVKernel(args: Parameters<tf.KernelFunc>[0]): tf.TensorInfo | tf.TensorInfo[] {
  const x = args.inputs.x as tf.TensorInfo;
  if (x.dtype === 'string') return builtIn('SplitV')(args);
  const { numOrSizeSplits, axis } = args.attrs as unknown as { numOrSizeSplits: number | number[]; axis: number | number[] };
  const $axis = tf.util.parseAxisParam(axis, x.shape)[0];
  const sizes = tf.backend_util.prepareSplitSize(x as unknown as tf.Tensor, numOrSizeSplits, $axis);
  const backend = args.backend as unknown as WasmHeapBackend;
  const outs = sizes.map((s) => {
    const shape = [...x.shape];
    shape[$axis] = s;
    return backend.makeOutput(shape, x.dtype);
  });
  const input = backend.typedArrayFromHeap(x);
  const begin = new Array<number>(x.shape.length).fill(0);
  sizes.forEach((s, i) => {
    const size = [...x.shape];
    size[$axis] = s;
    if (s > 0) copyBlock(input, backend.typedArrayFromHeap(outs[i]), x.shape, begin, size);
    begin[$axis] += s;
  });
  return outs;
}

export const sliceConfig: tf.KernelConfig = { kernelName: 'Slice', backendName: 'wasm', kernelFunc: sliceKernel };
export const splitVConfig: tf.KernelConfig = { kernelName: 'SplitV', backendName: 'wasm', kernelFunc: splitVKernel };
