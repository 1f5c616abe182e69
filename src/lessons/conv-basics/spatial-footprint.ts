/**
 * Which output pixels does one input pixel reach? Change a single input
 * pixel, run the layer again, and count the output pixels that change. A
 * K×K convolution at stride 1 spreads the change over a K×K patch of the
 * output (its receptive field, seen from the other side); a pointwise (1×1)
 * convolution keeps it at exactly one pixel — it mixes channels, never
 * neighbours (lesson 03).
 */
import { ConvkitInputError } from '../../core/errors';
import type { LayerSpec } from '../../core/spec';
import { runLayer } from '../../layers/reference/run-layer';
import { checkTensor, type Tensor3 } from '../../core/tensor';
import type { LayerWeights } from '../../layers/reference/weights';

export interface SpatialFootprint {
  /** Output pixels (row, col) where any channel changed. */
  readonly changedPixels: readonly (readonly [number, number])[];
  /** Height and width of the smallest box around them. */
  readonly boxHeight: number;
  readonly boxWidth: number;
}

/**
 * Adds `delta` (default 1) to every channel of input pixel (row, col) and
 * reports which output pixels change by more than `threshold` (default 1e-6).
 */
export function spatialFootprint(
  spec: LayerSpec,
  input: Tensor3,
  weights: LayerWeights,
  row: number,
  col: number,
  delta = 1,
  threshold = 1e-6,
): SpatialFootprint {
  checkTensor('input', input);
  const [height, width, channels] = input.shape;
  if (!Number.isInteger(row) || row < 0 || row >= height) throw new ConvkitInputError('row', row, `must be an integer from 0 to ${height - 1}`);
  if (!Number.isInteger(col) || col < 0 || col >= width) throw new ConvkitInputError('col', col, `must be an integer from 0 to ${width - 1}`);
  const before = runLayer(spec, [input], weights).output;
  const nudged = Float32Array.from(input.data);
  for (let c = 0; c < channels; c++) nudged[(row * width + col) * channels + c] += delta;
  const after = runLayer(spec, [{ shape: input.shape, data: nudged }], weights).output;
  const [outHeight, outWidth, outChannels] = before.shape;
  const changedPixels: [number, number][] = [];
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      const base = (y * outWidth + x) * outChannels;
      for (let m = 0; m < outChannels; m++) {
        if (Math.abs(after.data[base + m] - before.data[base + m]) > threshold) {
          changedPixels.push([y, x]);
          break;
        }
      }
    }
  }
  const rows = changedPixels.map((p) => p[0]);
  const cols = changedPixels.map((p) => p[1]);
  const span = (values: number[]) => (values.length === 0 ? 0 : Math.max(...values) - Math.min(...values) + 1);
  return { changedPixels, boxHeight: span(rows), boxWidth: span(cols) };
}
