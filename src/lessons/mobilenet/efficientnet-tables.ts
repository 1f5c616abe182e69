/**
 * Lesson 05's EfficientNet section (Tan & Le 2019, arXiv:1905.11946): B0's
 * stages from the cost model next to Table 1, and B0–B3's computed counts
 * next to Table 2 and the exact Keras and torchvision counts of
 * data/reference/.
 */
import { summarize } from '../../cost/summary';
import { stageSummaries } from '../../cost/stages';
import { readReferenceEntries, type ReferenceEntry } from '../../data/reference-tables';
import { EFFICIENTNET_B0_STAGES, EFFICIENTNET_COEFFICIENTS, EFFICIENTNET_VARIANTS, COMPOUND_SCALING } from '../../models/efficientnet';
import { buildModelSpec } from '../../models/zoo';
import { compareEntry } from '../../published/compare';

/** One row of the B0 stage table: Table 1's operator and the computed shapes and costs. */
export interface EfficientNetStageRow {
  readonly stage: string;
  readonly operator: string;
  readonly inputShape: readonly number[];
  readonly outputShape: readonly number[];
  readonly layers: number;
  readonly macs: number;
  readonly trainableParams: number;
}

/** B0 stage by stage (stem, the seven MBConv stages, the 1×1 top conv, the classifier). */
export function efficientNetB0Stages(): EfficientNetStageRow[] {
  const spec = buildModelSpec('efficientnet-b0');
  const blocksOf = (stage: string) => new Set(spec.nodes.filter((n) => n.path?.[0] === stage).map((n) => n.path!.join('/'))).size;
  const operator = (stage: string): string => {
    if (stage === 'stem') return 'Conv3x3';
    if (stage === 'top') return 'Conv1x1';
    if (stage === 'head') return 'Pooling & FC';
    const s = EFFICIENTNET_B0_STAGES[Number(stage.replace('stage_', '')) - 2];
    return `MBConv${s.expansion}, k${s.kernelSize}x${s.kernelSize}`;
  };
  return stageSummaries(summarize(spec)).map((s) => ({
    stage: s.stage,
    operator: operator(s.stage),
    inputShape: s.inputShape,
    outputShape: s.outputShape,
    layers: s.stage === 'head' ? 1 : blocksOf(s.stage),
    macs: s.macs,
    trainableParams: s.trainableParams,
  }));
}

/** One released model: its coefficients, the computed counts, and every published figure about it. */
export interface EfficientNetFamilyRow {
  readonly model: string;
  readonly width: number;
  readonly depth: number;
  readonly resolution: number;
  readonly macs: number;
  readonly trainableParams: number;
  readonly totalParams: number;
  /** Multiply-adds relative to B0, and what depth · width² · resolution² predicts. */
  readonly macsVsB0: number;
  readonly predictedVsB0: number;
  readonly published: readonly {
    readonly id: string;
    readonly value: number;
    readonly unit: string;
    readonly computedInUnit: number;
    readonly agrees: boolean;
  }[];
}

export function efficientNetFamily(): EfficientNetFamilyRow[] {
  const entries: ReferenceEntry[] = ['efficientnet.json', 'keras.json', 'torchvision.json'].flatMap((f) => readReferenceEntries(f));
  const b0 = summarize(buildModelSpec('efficientnet-b0')).macs;
  return EFFICIENTNET_VARIANTS.map((v) => {
    const model = `efficientnet-${v}`;
    const { width, depth, resolution } = EFFICIENTNET_COEFFICIENTS[v];
    const s = summarize(buildModelSpec(model));
    return {
      model,
      width,
      depth,
      resolution,
      macs: s.macs,
      trainableParams: s.params.trainable,
      totalParams: s.params.total,
      macsVsB0: s.macs / b0,
      predictedVsB0: depth * width ** 2 * (resolution / 224) ** 2,
      published: entries
        .filter((e) => e.model === model && Object.keys(e.options).length === 0)
        .map((e) => {
          const c = compareEntry(e);
          return { id: e.id, value: e.value, unit: e.unit, computedInUnit: c.computedInUnit, agrees: c.agrees };
        }),
    };
  });
}

/** (α·β²·γ²)^φ: how compound scaling's FLOPs grow for each φ (Tan & Le 2019 §3.3, Eq. 3). */
export function compoundScalingGrowth(phis: readonly number[]): { phi: number; depth: number; width: number; resolution: number; flopsGrowth: number }[] {
  const { alpha, beta, gamma } = COMPOUND_SCALING;
  return phis.map((phi) => ({ phi, depth: alpha ** phi, width: beta ** phi, resolution: gamma ** phi, flopsGrowth: (alpha * beta ** 2 * gamma ** 2) ** phi }));
}
