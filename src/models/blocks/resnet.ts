/**
 * The ResNet family's blocks as spec fragments: the basic block, the
 * bottleneck block (stride on the 1×1 or on the 3×3) and the two shortcut
 * forms (projection, option-A zero padding).
 */
import { ConvkitInputError, requireInteger } from '../../core/errors';
import type { LayerSpec } from '../../core/spec';
import { checkPlacement, FragmentWriter, symmetricPadding, type BlockFragment, type BlockPlacement } from './placement';

// ---------------------------------------------------------------------------
// ResNet (He et al. 2016, Fig. 5 and §4.2)
// ---------------------------------------------------------------------------

/** ε of every batch norm in these blocks: Keras's ResNet value (keras.applications.resnet), not the layer's default 1e-3. */
export const RESNET_BN_EPSILON = 1.001e-5;

/** 'projection': 1×1 conv + BN when the shape changes (option B); 'zeroPad': option A, no parameters. */
export type ShortcutKind = 'projection' | 'zeroPad';

export interface ResNetBlockOptions extends BlockPlacement {
  /** Basic block: output channels. Bottleneck block: width of the 3×3 conv (output is 4×). */
  readonly filters: number;
  /** Stride of the block (1, or 2 at the first block of a stage). Default 1. */
  readonly strides?: number;
  /** How the shortcut matches a changed shape. Default 'projection'. */
  readonly shortcut?: ShortcutKind;
}

function shortcutNodes(w: FragmentWriter, options: ResNetBlockOptions, outputChannels: number, strides: number): string {
  if (strides === 1 && options.inputChannels === outputChannels) return options.input;
  const p = options.prefix;
  if ((options.shortcut ?? 'projection') === 'zeroPad') {
    if (outputChannels < options.inputChannels) {
      throw new ConvkitInputError('filters', outputChannels, `a zero-pad shortcut cannot drop channels (input has ${options.inputChannels})`);
    }
    return w.add(`${p}_0_pad`, { kind: 'zeroPadShortcut', filters: outputChannels, strides }, [options.input]);
  }
  const x = w.add(`${p}_0_conv`, { kind: 'conv2d', filters: outputChannels, kernelSize: 1, strides, padding: 'valid' }, [options.input]);
  return w.add(`${p}_0_bn`, { kind: 'batchNorm', epsilon: RESNET_BN_EPSILON }, [x]);
}

function strided3x3(filters: number, strides: number): LayerSpec {
  return { kind: 'conv2d', filters, kernelSize: 3, strides, padding: strides === 1 ? 'same' : symmetricPadding(3) };
}

/**
 * Basic block (ResNet-18/34 and the CIFAR ResNets): 3×3 conv (stride s) → BN
 * → ReLU → 3×3 conv → BN, plus the shortcut, then ReLU. Names follow Keras:
 * `<prefix>_1_conv`, `_1_bn`, `_1_relu`, `_2_conv`, `_2_bn`, `_0_conv`/`_0_pad`, `_add`, `_out`.
 */
export function resNetBasicBlock(options: ResNetBlockOptions): BlockFragment {
  const path = checkPlacement(options);
  const filters = requireInteger('filters', options.filters);
  const strides = requireInteger('strides', options.strides ?? 1);
  const p = options.prefix;
  const w = new FragmentWriter(path);
  const shortcut = shortcutNodes(w, options, filters, strides);
  let x = w.add(`${p}_1_conv`, strided3x3(filters, strides), [options.input]);
  x = w.add(`${p}_1_bn`, { kind: 'batchNorm', epsilon: RESNET_BN_EPSILON }, [x]);
  x = w.add(`${p}_1_relu`, { kind: 'activation', activation: 'relu' }, [x]);
  x = w.add(`${p}_2_conv`, { kind: 'conv2d', filters, kernelSize: 3, padding: 'same' }, [x]);
  x = w.add(`${p}_2_bn`, { kind: 'batchNorm', epsilon: RESNET_BN_EPSILON }, [x]);
  x = w.add(`${p}_add`, { kind: 'add' }, [shortcut, x]);
  x = w.add(`${p}_out`, { kind: 'activation', activation: 'relu' }, [x]);
  return w.done(x, filters);
}

export interface ResNetBottleneckOptions extends ResNetBlockOptions {
  /**
   * Which conv carries the stride: '1x1' (the paper and Keras, "v1") or
   * '3x3' (torchvision, "v1.5"). Default '1x1'.
   */
  readonly strideOn?: '1x1' | '3x3';
  /** Output channels = expansion × filters. Default 4. */
  readonly expansion?: number;
}

/**
 * Bottleneck block (ResNet-50/101/152): 1×1 conv to `filters` → BN → ReLU →
 * 3×3 conv → BN → ReLU → 1×1 conv to 4·filters → BN, plus the shortcut, then
 * ReLU. Striding the first 1×1 (v1) skips three quarters of the input pixels
 * before any 3×3 work is done, so v1 costs fewer MACs than v1.5, which
 * strides the 3×3 and was found to be slightly more accurate.
 */
export function resNetBottleneckBlock(options: ResNetBottleneckOptions): BlockFragment {
  const path = checkPlacement(options);
  const filters = requireInteger('filters', options.filters);
  const strides = requireInteger('strides', options.strides ?? 1);
  const expansion = requireInteger('expansion', options.expansion ?? 4);
  const strideOn = options.strideOn ?? '1x1';
  if (strideOn !== '1x1' && strideOn !== '3x3') throw new ConvkitInputError('strideOn', strideOn, "must be '1x1' or '3x3'");
  const outputChannels = expansion * filters;
  const p = options.prefix;
  const w = new FragmentWriter(path);
  const shortcut = shortcutNodes(w, options, outputChannels, strides);
  const s1 = strideOn === '1x1' ? strides : 1;
  const s3 = strideOn === '3x3' ? strides : 1;
  let x = w.add(`${p}_1_conv`, { kind: 'conv2d', filters, kernelSize: 1, strides: s1, padding: 'valid' }, [options.input]);
  x = w.add(`${p}_1_bn`, { kind: 'batchNorm', epsilon: RESNET_BN_EPSILON }, [x]);
  x = w.add(`${p}_1_relu`, { kind: 'activation', activation: 'relu' }, [x]);
  x = w.add(`${p}_2_conv`, strided3x3(filters, s3), [x]);
  x = w.add(`${p}_2_bn`, { kind: 'batchNorm', epsilon: RESNET_BN_EPSILON }, [x]);
  x = w.add(`${p}_2_relu`, { kind: 'activation', activation: 'relu' }, [x]);
  x = w.add(`${p}_3_conv`, { kind: 'conv2d', filters: outputChannels, kernelSize: 1, padding: 'valid' }, [x]);
  x = w.add(`${p}_3_bn`, { kind: 'batchNorm', epsilon: RESNET_BN_EPSILON }, [x]);
  x = w.add(`${p}_add`, { kind: 'add' }, [shortcut, x]);
  x = w.add(`${p}_out`, { kind: 'activation', activation: 'relu' }, [x]);
  return w.done(x, outputChannels);
}
