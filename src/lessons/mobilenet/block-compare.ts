/**
 * MobileNet v1, v2 and v3 blocks side by side: multiply-adds, parameters and
 * memory from the cost model, on the same input.
 *
 * v2's inverted residual (Sandler et al. 2018, arXiv:1801.04381, §3.3, Fig. 3)
 * keeps the tensors BETWEEN blocks thin (the bottleneck, e.g. 32 channels)
 * and expands them t = 6 times only inside the block, where the depthwise
 * conv works. A v1 block whose depthwise step is as wide must carry the wide
 * tensor from block to block, and its 1×1 conv maps wide to wide. So at the
 * same depthwise width the v2 block needs far fewer MACs and weights and much
 * less memory between blocks — the v1→v2 step. v3 (Howard et al. 2019,
 * arXiv:1905.02244) keeps that block, adds squeeze-and-excite (§3, §5.3) and
 * h-swish (§5.2), searches the layout (§4) and redesigns the first and last
 * layers (§5.1): a refinement. Here only the block-level additions matter.
 */
import { summarize } from '../../cost/summary';
import type { ModelSpec, Shape3 } from '../../core/spec';
import { invertedResidualSpec, separableBlockSpec, v3BottleneckSpec } from '../../models/one-block';
import { requireInteger } from '../../core/errors';
import { totalKernelWeights } from '../../published/kernel-weights';

export interface BlockCostRow {
  readonly block: string;
  readonly input: Shape3;
  readonly output: Shape3;
  readonly macs: number;
  /** BN, activations, residual add, SE gating: reported apart from MACs. */
  readonly elementwiseOps: number;
  /** Kernel weights only (the papers' parameters). */
  readonly weights: number;
  /** Keras total parameters. */
  readonly params: number;
  /** Bytes of the tensor the block hands to the next block (fp32). */
  readonly outputBytes: number;
  /** Largest set of live tensors during one forward pass, input included (fp32). */
  readonly peakBytes: number;
}

/** One block's row, from its spec. */
export function blockCostRow(block: string, spec: ModelSpec): BlockCostRow {
  const summary = summarize(spec);
  const last = summary.rows[summary.rows.length - 1];
  return {
    block,
    input: spec.input,
    output: last.outputShape,
    macs: summary.macs,
    elementwiseOps: summary.elementwiseOps,
    weights: totalKernelWeights(summary.rows),
    params: summary.params.total,
    outputBytes: last.outputBytes,
    peakBytes: summary.memory.peakInferenceBytes,
  };
}

export interface BlockComparisonOptions {
  /** Height = width of the map. Default 28 (the 28×28 stage of all three papers). */
  readonly size?: number;
  /** Bottleneck channels of v2/v3 (input = output, stride 1, so the residual applies). Default 32. */
  readonly bottleneck?: number;
  /** Expansion factor t. Default 6 (Sandler et al. 2018, §4). */
  readonly expansion?: number;
}

/**
 * Four blocks with the same depthwise width t·c on a size×size map:
 *  - v1 block on the wide tensor (t·c → t·c), the width a v1 net needs;
 *  - v1 block on the thin tensor (c → c), for scale;
 *  - v2 inverted residual c → t·c → c (ReLU6, linear projection, residual);
 *  - v3 bottleneck, the same plus squeeze-and-excite and h-swish.
 */
export function compareBlocks(options: BlockComparisonOptions = {}): BlockCostRow[] {
  const size = requireInteger('size', options.size ?? 28);
  const c = requireInteger('bottleneck', options.bottleneck ?? 32);
  const t = requireInteger('expansion', options.expansion ?? 6);
  const thin: Shape3 = [size, size, c];
  const wide: Shape3 = [size, size, t * c];
  return [
    blockCostRow(`v1 separable ${t * c}→${t * c}`, separableBlockSpec(wide, { filters: t * c, activation: 'relu6' })),
    blockCostRow(`v1 separable ${c}→${c}`, separableBlockSpec(thin, { filters: c, activation: 'relu6' })),
    blockCostRow(`v2 inverted residual ${c}→${t * c}→${c}`, invertedResidualSpec(thin, { expansion: t, filters: c })),
    blockCostRow(
      `v3 bottleneck ${c}→${t * c}→${c} + SE, h-swish`,
      v3BottleneckSpec(thin, { expandedChannels: t * c, filters: c, kernelSize: 3, squeezeExcite: true, activation: 'hardSwish' }),
    ),
  ];
}

export interface SqueezeExciteCost {
  readonly withoutSe: BlockCostRow;
  readonly withSe: BlockCostRow;
  /** Extra MACs of SE as a share of the block without it, percent. */
  readonly extraMacsPercent: number;
  /** Extra weights of SE as a share of the block without it, percent. */
  readonly extraWeightsPercent: number;
}

/**
 * What squeeze-and-excite adds to one v3 bottleneck. Default: the
 * 28×28×40 block of MobileNetV3-Large (Howard et al. 2019, Table 1: exp
 * size 120, 5×5 depthwise, SE, ReLU). SE works on the pooled 1×1 vector, so
 * it adds many weights but few MACs.
 */
export function squeezeExciteCost(input: Shape3 = [28, 28, 40], expandedChannels = 120, kernelSize = 5): SqueezeExciteCost {
  const build = (squeezeExcite: boolean) => v3BottleneckSpec(input, { expandedChannels, filters: input[2], kernelSize, squeezeExcite, activation: 'relu' });
  const withoutSe = blockCostRow('v3 bottleneck without SE', build(false));
  const withSe = blockCostRow('v3 bottleneck with SE', build(true));
  return {
    withoutSe,
    withSe,
    extraMacsPercent: (100 * (withSe.macs - withoutSe.macs)) / withoutSe.macs,
    extraWeightsPercent: (100 * (withSe.weights - withoutSe.weights)) / withoutSe.weights,
  };
}
