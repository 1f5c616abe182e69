/**
 * The DenseNet family's blocks as spec fragments: one dense layer H_l, a
 * dense block that concatenates them, and the transition layer between blocks.
 */
import { ConvkitInputError, requireInteger } from '../../core/errors';
import { checkPlacement, FragmentWriter, type BlockFragment, type BlockPlacement } from './placement';

// ---------------------------------------------------------------------------
// DenseNet (Huang et al. 2017, §3 and Table 1)
// ---------------------------------------------------------------------------

export interface DenseLayerOptions extends BlockPlacement {
  /** Growth rate k: channels each layer adds. */
  readonly growthRate: number;
  /** DenseNet-B: a 1×1 conv to bottleneckWidth·k before the 3×3 conv. Default true. */
  readonly bottleneck?: boolean;
  /** Bottleneck width in multiples of k. Default 4 (the paper's 4k). */
  readonly bottleneckWidth?: number;
}

/**
 * H_l, the composite function of one dense layer, WITHOUT the concatenation:
 * BN → ReLU → 3×3 conv to k, or in the bottleneck (B) form
 * BN → ReLU → 1×1 conv to 4k → BN → ReLU → 3×3 conv to k. Returns the k new
 * channels; `denseBlock` concatenates them to the running feature map.
 *
 * The first BN and ReLU read the concatenated input, so they are marked
 * `sharedStorage` (Pleiss et al. 2017 recompute them into a shared buffer).
 * Names follow Keras: `<prefix>_0_bn`, `_0_relu`, `_1_conv`, `_1_bn`, `_1_relu`, `_2_conv`.
 */
export function denseLayer(options: DenseLayerOptions): BlockFragment {
  const path = checkPlacement(options);
  const k = requireInteger('growthRate', options.growthRate);
  const bottleneck = options.bottleneck ?? true;
  const width = requireInteger('bottleneckWidth', options.bottleneckWidth ?? 4);
  const p = options.prefix;
  const w = new FragmentWriter(path);
  let x = w.add(`${p}_0_bn`, { kind: 'batchNorm', epsilon: 1.001e-5 }, [options.input], { sharedStorage: true });
  x = w.add(`${p}_0_relu`, { kind: 'activation', activation: 'relu' }, [x], { sharedStorage: true });
  if (bottleneck) {
    x = w.add(`${p}_1_conv`, { kind: 'pointwiseConv2d', filters: width * k }, [x]);
    x = w.add(`${p}_1_bn`, { kind: 'batchNorm', epsilon: 1.001e-5 }, [x]);
    x = w.add(`${p}_1_relu`, { kind: 'activation', activation: 'relu' }, [x]);
    x = w.add(`${p}_2_conv`, { kind: 'conv2d', filters: k, kernelSize: 3, padding: 'same' }, [x]);
  } else {
    x = w.add(`${p}_1_conv`, { kind: 'conv2d', filters: k, kernelSize: 3, padding: 'same' }, [x]);
  }
  return w.done(x, k);
}

export interface DenseBlockOptions extends Omit<DenseLayerOptions, 'prefix'> {
  /** Prefix of the block, e.g. 'conv2'; layers are `<prefix>_block1`, `<prefix>_block2`, …. */
  readonly prefix: string;
  /** Number of dense layers in the block. */
  readonly layers: number;
}

/**
 * A dense block of `layers` dense layers. Layer l sees the concatenation of
 * the block input and every earlier layer's output, k0 + (l-1)·k channels,
 * and the block returns k0 + layers·k channels at the same height and width.
 * Built as Keras builds it: after each layer, concat([running map, new k]).
 * Every concat node is marked `sharedStorage` (Pleiss et al. 2017).
 */
export function denseBlock(options: DenseBlockOptions): BlockFragment {
  const path = checkPlacement(options);
  const layers = requireInteger('layers', options.layers);
  const w = new FragmentWriter(path);
  let x = options.input;
  let channels = options.inputChannels;
  for (let l = 1; l <= layers; l++) {
    const prefix = `${options.prefix}_block${l}`;
    const layer = denseLayer({ ...options, prefix, input: x, inputChannels: channels, path: [...path, `layer_${l}`] });
    const fresh = w.append(layer);
    x = w.add(`${prefix}_concat`, { kind: 'concat' }, [x, fresh], { sharedStorage: true, path: [...path, `layer_${l}`] });
    channels += layer.outputChannels;
  }
  return w.done(x, channels);
}

export interface TransitionOptions extends BlockPlacement {
  /** Compression θ in (0, 1]: the 1×1 conv keeps floor(θ·C) channels. Default 0.5 (DenseNet-BC). */
  readonly compression?: number;
}

/**
 * Transition layer between dense blocks: BN → ReLU → 1×1 conv to floor(θ·C)
 * → 2×2 average pool, stride 2. Halves height and width, and with θ < 1
 * (DenseNet-C) also shrinks the channels. Names: `<prefix>_bn`, `_relu`, `_conv`, `_pool`.
 *
 * Its BN and ReLU read the block's last concatenation but are not marked
 * `sharedStorage`: Pleiss et al. 2017 share the buffers whose total grows
 * quadratically with depth (one concat + BN + ReLU per dense layer); a
 * transition's outputs occur once per block.
 */
/** The smallest C with floor(θ·C) >= 1, found by trying (1/θ alone can be off by one in floating point). */
function fewestKeptChannels(theta: number): number {
  let channels = Math.max(1, Math.ceil(1 / theta));
  while (Math.floor(theta * channels) < 1) channels++;
  while (channels > 1 && Math.floor(theta * (channels - 1)) >= 1) channels--;
  return channels;
}

export function transitionLayer(options: TransitionOptions): BlockFragment {
  const path = checkPlacement(options);
  const theta = options.compression ?? 0.5;
  if (typeof theta !== 'number' || !(theta > 0 && theta <= 1)) {
    throw new ConvkitInputError('compression', theta, 'must be a number in (0, 1]');
  }
  const filters = Math.floor(theta * options.inputChannels);
  if (filters < 1) {
    // The input is what is too small here: θ is valid on its own, and may be the default.
    throw new ConvkitInputError(
      'inputChannels',
      options.inputChannels,
      `too few channels for compression θ = ${theta}: the 1×1 conv would keep floor(θ·C) = 0; a transition needs C >= ${fewestKeptChannels(theta)}`,
    );
  }
  const p = options.prefix;
  const w = new FragmentWriter(path);
  let x = w.add(`${p}_bn`, { kind: 'batchNorm', epsilon: 1.001e-5 }, [options.input]);
  x = w.add(`${p}_relu`, { kind: 'activation', activation: 'relu' }, [x]);
  x = w.add(`${p}_conv`, { kind: 'pointwiseConv2d', filters }, [x]);
  x = w.add(`${p}_pool`, { kind: 'avgPool', poolSize: 2, strides: 2, padding: 'valid' }, [x]);
  return w.done(x, filters);
}
