/**
 * Lesson 08's "ResNet blocks" section: what the basic block, the bottleneck
 * block (He et al. 2016, §4.1 "Deeper Bottleneck Architectures", Fig. 5)
 * and MobileNet v2's inverted residual (Sandler et al. 2018, Fig. 3) cost,
 * and what each shortcut option (He et al. 2016, §3.3 and Table 3) adds to
 * ResNet-34. Every count comes from the cost model (summarize, layerCost) on
 * the zoo's own specs; only the ImageNet errors are typed in, as published.
 */
import type { Shape3 } from '../../core/spec';
import { layerCost } from '../../cost/layer-cost';
import { summarize } from '../../cost/summary';
import type { ModelSummary } from '../../cost/types';
import { invertedResidualSpec, resNetBasicSpec, resNetBottleneckSpec } from '../../models/one-block';
import { buildModelSpec } from '../../models/zoo';

const CONV_KINDS = new Set(['conv2d', 'depthwiseConv2d', 'pointwiseConv2d']);

/** One block's cost, from the cost model. */
export interface ResidualBlockCost {
  readonly block: string;
  /** Channels along the branch, input first: '256 → 64 → 64 → 256'. */
  readonly widths: string;
  readonly shape: 'wide–narrow–wide' | 'narrow–wide–narrow' | 'constant';
  /** Conv kernel weights (the convs have no bias). */
  readonly weights: number;
  /** Weights plus BN γ and β. */
  readonly trainableParams: number;
  readonly macs: number;
}

function blockCost(block: string, summary: ModelSummary): ResidualBlockCost {
  const convs = summary.rows.filter((r) => CONV_KINDS.has(r.layer.kind) && !r.name.includes('_0_'));
  const widths = [summary.input[2], ...convs.map((r) => r.outputShape[2])];
  const inner = widths.slice(1, -1);
  const ends = Math.min(widths[0], widths[widths.length - 1]);
  const shape = inner.every((w) => w === ends) ? 'constant' : inner.every((w) => w < ends) ? 'wide–narrow–wide' : 'narrow–wide–narrow';
  return {
    block,
    widths: widths.join(' → '),
    shape,
    weights: convs.reduce((sum, r) => sum + r.params.trainable, 0),
    trainableParams: summary.params.trainable,
    macs: summary.macs,
  };
}

/**
 * The blocks of §4.1 on ResNet-50's first stage (56×56), stride 1, identity
 * shortcut: the 64-d basic block of Fig. 5 left, the 256-d bottleneck block
 * of Fig. 5 right (1×1 to 64, 3×3, 1×1 back to 256), a basic block at 256
 * channels (what two 3×3 convs would cost at the bottleneck's outer width),
 * and MobileNet v2's inverted residual with the bottleneck's widths turned
 * inside out: 64 → 256 (1×1, t = 4) → depthwise 3×3 → 64.
 */
export function residualBlockCosts(side = 56): readonly ResidualBlockCost[] {
  const at = (channels: number): Shape3 => [side, side, channels];
  return [
    blockCost('basic block, 64-d (Fig. 5 left)', summarize(resNetBasicSpec(at(64), { filters: 64 }))),
    blockCost('bottleneck block, 256-d (Fig. 5 right)', summarize(resNetBottleneckSpec(at(256), { filters: 64 }))),
    blockCost('basic block at 256 channels', summarize(resNetBasicSpec(at(256), { filters: 256 }))),
    blockCost('inverted residual 64-d, t = 4 (MobileNet v2)', summarize(invertedResidualSpec(at(64), { expansion: 4, filters: 64 }))),
  ];
}

/** ResNet-34's top-1 error (%, 10-crop, ImageNet validation) for each shortcut option, as printed in He et al. 2016, Table 3. */
export const RESNET34_SHORTCUT_TOP1_ERROR: Readonly<Record<'A' | 'B' | 'C', number>> = { A: 25.03, B: 24.52, C: 24.19 };

export interface ShortcutOptionRow {
  readonly option: 'A' | 'B' | 'C';
  readonly rule: string;
  /** Blocks whose shortcut is a 1×1 projection + BN. */
  readonly projections: number;
  /** Trainable parameters of those projections (1×1 kernels + BN γ/β). */
  readonly shortcutParams: number;
  readonly shortcutMacs: number;
  /** ResNet-34's trainable parameters with this option. */
  readonly trainableParams: number;
  readonly top1ErrorPercent: number;
}

/**
 * ResNet-34 (Table 1) with each shortcut option of §3.3. The zoo builds
 * option B; its blocks are read from the summary (block input from the first
 * conv, block output from the add), and a 1×1 projection + BN for a block is
 * costed with layerCost. A: identity everywhere, zero-padded where the shape
 * changes (no parameters); B: projections only where the shape changes;
 * C: projections on every block.
 */
export function shortcutOptions(): readonly ShortcutOptionRow[] {
  const summary = summarize(buildModelSpec('resnet-34'));
  const rowNamed = (name: string) => summary.rows.find((r) => r.name === name);
  const blocks = summary.rows
    .filter((r) => r.layer.kind === 'add')
    .map((add) => {
      const prefix = add.name.slice(0, -'_add'.length);
      const first = rowNamed(`${prefix}_1_conv`);
      if (!first) throw new Error(`ResNet-34: no first conv for ${prefix}`);
      const input = first.inputShapes[0];
      const output = add.outputShape;
      const stride = input[0] === output[0] ? 1 : 2;
      const conv = layerCost({ kind: 'conv2d', filters: output[2], kernelSize: 1, strides: stride, padding: 'valid' }, [input]);
      const changes = stride !== 1 || input[2] !== output[2];
      return { changes, params: conv.params.trainable + 2 * output[2], macs: conv.macs };
    });
  const built = blocks.filter((b) => b.changes);
  const base = summary.params.trainable - built.reduce((s, b) => s + b.params, 0);
  const row = (option: 'A' | 'B' | 'C', rule: string, chosen: typeof blocks): ShortcutOptionRow => {
    const shortcutParams = chosen.reduce((s, b) => s + b.params, 0);
    return {
      option,
      rule,
      projections: chosen.length,
      shortcutParams,
      shortcutMacs: chosen.reduce((s, b) => s + b.macs, 0),
      trainableParams: base + shortcutParams,
      top1ErrorPercent: RESNET34_SHORTCUT_TOP1_ERROR[option],
    };
  };
  return [
    row('A', 'identity; zero-padded channels and stride-2 subsampling where the shape changes', []),
    row('B', '1×1 projection + BN where the shape changes, identity elsewhere', built),
    row('C', '1×1 projection + BN on every block', blocks),
  ];
}
