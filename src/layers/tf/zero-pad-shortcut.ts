/**
 * ResNet's parameter-free shortcut, option (A) of He et al. 2016 ("Deep
 * Residual Learning for Image Recognition", §3.3 and §4.2, CIFAR-10 nets):
 * when a stage halves the map and widens the channels, the identity cannot be
 * added as is, so
 *
 *   1. subsample: keep every `strides`-th pixel (rows and columns 0, s, 2s, …),
 *      giving ceil(H / s) × ceil(W / s);
 *   2. pad channels: append (filters − C) channels of zeros after the C
 *      existing ones.
 *
 * No weights: the extra channels carry nothing, and the next add passes the
 * residual branch through unchanged there.
 *
 * Subsampling is written as a 1×1 average pool with stride s (which picks
 * exactly those pixels), because tfjs has a gradient for AvgPool but not for
 * StridedSlice.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerArgs } from '@tensorflow/tfjs-layers/dist/engine/topology';
import { ConvkitInputError, requireInteger } from '../../core/errors';
import { requireRank4, singleShape, singleTensor } from './layer-io';

export interface ZeroPadShortcutArgs extends LayerArgs {
  /** Output channels; must be >= the input's channels. */
  filters: number;
  /** Keep every `strides`-th row and column. Default 1 (no subsampling). */
  strides?: number;
}

export class ZeroPadShortcut extends tf.layers.Layer {
  static className = 'ZeroPadShortcut';
  readonly filters: number;
  readonly strides: number;

  constructor(args: ZeroPadShortcutArgs) {
    super(args);
    this.filters = requireInteger('filters', args.filters);
    this.strides = requireInteger('strides', args.strides ?? 1);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = singleShape(this.name, inputShape);
    requireRank4(this.name, shape);
    const channels = shape[3];
    if (channels != null && channels > this.filters) {
      throw new ConvkitInputError('filters', this.filters, `must be >= the input's channels (${channels})`);
    }
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = singleTensor(this.name, inputs) as tf.Tensor4D;
      const s = this.strides;
      const subsampled = s === 1 ? x : tf.avgPool(x, 1, s, 'valid');
      const extra = this.filters - x.shape[3];
      return extra === 0
        ? tf.clone(subsampled)
        : tf.pad(subsampled, [
            [0, 0],
            [0, 0],
            [0, 0],
            [0, extra],
          ]);
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, height, width] = singleShape(this.name, inputShape);
    const s = this.strides;
    return [batch, height == null ? null : Math.ceil(height / s), width == null ? null : Math.ceil(width / s), this.filters];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), filters: this.filters, strides: this.strides };
  }
}
tf.serialization.registerClass(ZeroPadShortcut);

/**
 * ResNet option-A shortcut: every `strides`-th pixel, channels zero-padded to `filters`.
 * Input: [batch, H, W, C] with C <= filters. Output: [batch, ceil(H/s), ceil(W/s), filters].
 * No weights.
 */
export function zeroPadShortcut(args: ZeroPadShortcutArgs): ZeroPadShortcut {
  return new ZeroPadShortcut(args);
}
