/**
 * EfficientNet's MBConv block (Tan & Le 2019, arXiv:1905.11946, §4 and
 * Table 1): MobileNet v2's inverted residual with a squeeze-and-excite step
 * and swish in place of ReLU6.
 *
 *   1×1 expand to t·C → BN → swish     (left out when t = 1)
 *   K×K depthwise, stride s → BN → swish
 *   squeeze-and-excite: pool → 1×1 to S = max(1, ⌊0.25·C⌋) (+bias) → swish
 *                       → 1×1 back to t·C (+bias) → sigmoid → scale
 *   1×1 linear project to C' → BN
 *   + input when s = 1 and C = C'
 *
 * S is a quarter of the block's INPUT channels C, not of the expanded t·C
 * (MobileNet v3 squeezes the expanded tensor): `filters_se = max(1,
 * int(filters_in * se_ratio))` in the reference implementation and in Keras'
 * `applications.EfficientNet`. Names follow Keras (`<prefix>expand_conv`,
 * `<prefix>se_reduce`, …, `<prefix>add`). Dropout (drop-connect) before the
 * add changes nothing at inference and is not written.
 */
import { requireInteger, requirePositive } from '../../core/errors';
import { checkPlacement, FragmentWriter, type BlockFragment, type BlockPlacement } from './placement';

export interface MBConvOptions extends BlockPlacement {
  /** Expansion factor t (1 or 6 in Table 1): the expanded width is t·C. */
  readonly expansion: number;
  /** Output channels C' of the linear projection. */
  readonly filters: number;
  /** Depthwise kernel size K (3 or 5). */
  readonly kernelSize: number;
  /** Depthwise stride. Default 1. */
  readonly strides?: number;
  /** Squeeze ratio, of the block's input channels. Default 0.25 (Tan & Le 2019 §4). */
  readonly seRatio?: number;
}

/** EfficientNet's squeeze width: max(1, ⌊ratio · C_in⌋). */
export function mbConvSqueezeChannels(inputChannels: number, seRatio = 0.25): number {
  return Math.max(1, Math.floor(inputChannels * seRatio));
}

export function mbConvBlock(options: MBConvOptions): BlockFragment {
  const path = checkPlacement(options);
  const t = requireInteger('expansion', options.expansion);
  const filters = requireInteger('filters', options.filters);
  const kernelSize = requireInteger('kernelSize', options.kernelSize);
  const strides = requireInteger('strides', options.strides ?? 1);
  const seRatio = requirePositive('seRatio', options.seRatio ?? 0.25);
  const expanded = options.inputChannels * t;
  const p = options.prefix;
  const w = new FragmentWriter(path);
  let x = options.input;
  if (t !== 1) {
    x = w.add(`${p}expand_conv`, { kind: 'pointwiseConv2d', filters: expanded }, [x]);
    x = w.add(`${p}expand_bn`, { kind: 'batchNorm' }, [x]);
    x = w.add(`${p}expand_activation`, { kind: 'activation', activation: 'swish' }, [x]);
  }
  x = w.add(`${p}dwconv`, { kind: 'depthwiseConv2d', kernelSize, strides, padding: 'same' }, [x]);
  x = w.add(`${p}bn`, { kind: 'batchNorm' }, [x]);
  x = w.add(`${p}activation`, { kind: 'activation', activation: 'swish' }, [x]);
  x = w.add(
    `${p}se`,
    { kind: 'squeezeExcite', squeezeChannels: mbConvSqueezeChannels(options.inputChannels, seRatio), innerActivation: 'swish', gateActivation: 'sigmoid' },
    [x],
  );
  x = w.add(`${p}project_conv`, { kind: 'pointwiseConv2d', filters }, [x]);
  x = w.add(`${p}project_bn`, { kind: 'batchNorm' }, [x]);
  if (strides === 1 && options.inputChannels === filters) {
    x = w.add(`${p}add`, { kind: 'add' }, [options.input, x]);
  }
  return w.done(x, filters);
}
