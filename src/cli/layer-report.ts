/**
 * What `convkit layer` prints for one layer or one block: the formula as
 * text, the sizes that go into it, the numbers it gives, and for a separable
 * convolution its ratio to the standard convolution it replaces
 * (Howard et al. 2017, eq. (5): 1/M + 1/K²). As text or as one JSON object.
 */
import {
  formatBytes,
  formatCount,
  formatShape,
  formulaScope,
  LAYER_FORMULAS,
  renderSummaryText,
  separableToStandardRatio,
  type LayerCost,
  type LayerFormulas,
  type ModelSummary,
  type SeparableComparison,
} from '../cost';
import { alignedLines } from '../cost/render';
import type { MemoryReport } from '../cost/types';
import type { NormalizedLayer } from '../core/defaults';
import type { LayerKind, Shape3 } from '../core/spec';
import { costReport, type CountsJson, type LayerBytesJson, type LayerReport } from './json-report';
import { describeScope, usedScope } from './layer-formula';

/** Separable vs standard convolution, as `vsStandard` in the JSON. */
export interface VsStandardJson {
  readonly depthwiseMacs: number;
  readonly pointwiseMacs: number;
  readonly standardMacs: number;
  readonly standardParams: number;
  /** separable MACs / standard MACs. */
  readonly macsRatio: number;
  readonly paramsRatio: number;
  /** d/M + d/(Kh·Kw): MobileNet eq. (5) evaluated (d = depth multiplier), not a printed figure. */
  readonly formulaRatio: number;
  /** mathjs's simplification of separableMacs / conv2dMacs at stride 1, K×K: "1 / M + 1 / K ^ 2". */
  readonly symbolicRatio: string;
}

export interface SingleLayerJson extends CountsJson, LayerBytesJson {
  /** What was costed, e.g. 'separable 56x56x128 -> 56x56x128' (the key `convkit cost` calls model). */
  readonly model: string;
  /** The TYPE argument, e.g. 'separable'. */
  readonly layer: string;
  readonly kind: LayerKind;
  /** The layer with every default filled in. */
  readonly spec: NormalizedLayer;
  readonly input: Shape3;
  readonly output: Shape3;
  /** Formulas as mathjs text, and the symbol values they were evaluated at. */
  readonly formula: { readonly macs?: string; readonly params?: string; readonly symbols: Record<string, number> };
  /** As for a model: this layer alone, fed by the input (which counts towards peakInferenceBytes). */
  readonly memory: MemoryReport;
  readonly vsStandard?: VsStandardJson;
}

export interface BlockJson extends CountsJson {
  /** The block's description with its TYPE, e.g. 'transition (DenseNet transition layer, compression θ = 0.5)'. */
  readonly model: string;
  readonly layer: string;
  readonly description: string;
  readonly input: Shape3;
  readonly output: Shape3;
  /** The formula of each layer kind in the block that has one, as mathjs text. */
  readonly formulas: Record<string, { readonly macs?: string; readonly params?: string }>;
  readonly memory: MemoryReport;
  readonly layers: readonly LayerReport[];
}

export function vsStandardJson(comparison: SeparableComparison): VsStandardJson {
  return {
    depthwiseMacs: comparison.depthwise.macs,
    pointwiseMacs: comparison.pointwise.macs,
    standardMacs: comparison.standard.macs,
    standardParams: comparison.standard.params.total,
    macsRatio: comparison.macsRatio,
    paramsRatio: comparison.paramsRatio,
    formulaRatio: comparison.formulaRatio,
    symbolicRatio: separableToStandardRatio().text,
  };
}

export function singleLayerJson(
  typeName: string,
  layer: NormalizedLayer,
  input: Shape3,
  cost: LayerCost,
  memory: MemoryReport,
  comparison?: SeparableComparison,
): SingleLayerJson {
  const formulas: Partial<LayerFormulas> = LAYER_FORMULAS[layer.kind] ?? {};
  const scope = formulaScope(layer, input, cost.outputShape);
  const json: SingleLayerJson = {
    model: `${typeName} ${formatShape(input)} -> ${formatShape(cost.outputShape)}`,
    layer: typeName,
    kind: layer.kind,
    spec: layer,
    input,
    output: cost.outputShape,
    formula: {
      ...(formulas.macs ? { macs: formulas.macs.expression } : {}),
      ...(formulas.params ? { params: formulas.params.expression } : {}),
      symbols: usedScope([formulas.macs, formulas.params], scope) as Record<string, number>,
    },
    macs: cost.macs,
    flops: 2 * cost.macs,
    elementwiseOps: cost.elementwiseOps,
    params: { trainable: cost.params.trainable, nonTrainable: cost.params.nonTrainable, total: cost.params.total },
    outputBytes: cost.outputBytes,
    intermediateBytes: cost.intermediateBytes,
    memory,
  };
  return comparison ? { ...json, vsStandard: vsStandardJson(comparison) } : json;
}

export function blockJson(typeName: string, description: string, summary: ModelSummary): BlockJson {
  const report = costReport(summary, true);
  const formulas: Record<string, { macs?: string; params?: string }> = {};
  for (const row of summary.rows) {
    const f = LAYER_FORMULAS[row.kind];
    if (f && !(row.kind in formulas)) formulas[row.kind] = { macs: f.macs?.expression, params: f.params?.expression };
  }
  return {
    model: summary.model,
    layer: typeName,
    description,
    input: summary.input,
    output: summary.rows[summary.rows.length - 1]!.outputShape,
    formulas,
    macs: report.macs,
    flops: report.flops,
    elementwiseOps: report.elementwiseOps,
    params: report.params,
    memory: report.memory,
    layers: report.layers!,
  };
}

function ratioText(value: number): string {
  return value.toPrecision(6);
}

export function renderSingleLayerText(json: SingleLayerJson, summary: string): string {
  const formulas: Partial<LayerFormulas> = LAYER_FORMULAS[json.kind] ?? {};
  const out: string[] = [
    `${json.layer}: ${summary}`,
    `Input ${formatShape(json.input)} -> output ${formatShape(json.output)}`,
    `Spec: ${specText(json.spec)}`,
    '',
  ];
  if (formulas.macs) {
    out.push(`MACs   = ${formulas.macs.expression}`, `       with ${describeScope(formulas.macs, json.formula.symbols)}`);
    out.push(`       = ${formatCount(json.macs)}`);
  }
  if (formulas.params) {
    out.push(`Params = ${formulas.params.expression}${json.kind === 'batchNorm' ? ' (trainable)' : ''}`);
    out.push(`       with ${describeScope(formulas.params, json.formula.symbols)}`);
    out.push(`       = ${formatCount(json.params.trainable)}`);
  }
  if (formulas.nonTrainableParams) {
    out.push(`Non-trainable params = ${formulas.nonTrainableParams.expression} = ${formatCount(json.params.nonTrainable)}`);
  }
  out.push('');
  out.push(
    ...alignedLines([
      ['MACs', formatCount(json.macs)],
      ['FLOPs (2 x MACs)', formatCount(json.flops)],
      ['Elementwise ops', formatCount(json.elementwiseOps)],
      ['Params', `${formatCount(json.params.total)} (trainable ${formatCount(json.params.trainable)}, non-trainable ${formatCount(json.params.nonTrainable)})`],
      ['Weights', formatBytes(json.memory.weightsBytes)],
      ['Activations', activationsText(json)],
      ['Peak inference memory', `${formatBytes(json.memory.peakInferenceBytes)} (${peakText(json)})`],
      ['Training activations', formatBytes(json.memory.trainingBytes)],
    ]),
  );
  const vs = json.vsStandard;
  if (vs) {
    const d = 'depthMultiplier' in json.spec ? json.spec.depthMultiplier : 1;
    const m = 'filters' in json.spec ? json.spec.filters : 0;
    const k = 'kernelSize' in json.spec ? json.spec.kernelSize : [1, 1];
    out.push('', 'Against a standard convolution with the same input, kernel, stride and filters:');
    out.push(
      ...alignedLines([
        ['  Standard conv MACs', formatCount(vs.standardMacs)],
        ['  Separable MACs', `${formatCount(json.macs)} = depthwise ${formatCount(vs.depthwiseMacs)} + pointwise ${formatCount(vs.pointwiseMacs)}`],
        ['  Ratio (MACs)', `${ratioText(vs.macsRatio)} (separable / standard MACs, counted)`],
        ['  Formula d/M + d/(Kh*Kw)', `${d}/${m} + ${d}/${k[0] * k[1]} = ${ratioText(vs.formulaRatio)} (MobileNet eq. 5, evaluated)`],
        ['  Ratio (params)', ratioText(vs.paramsRatio)],
        ['  Symbolic (mathjs)', `${vs.symbolicRatio}  (stride 1, K x K kernel, d = 1)`],
      ]),
    );
  }
  return out.join('\n');
}

/** The activations line: the output, and for a separable conv its depthwise map too. */
function activationsText(json: SingleLayerJson): string {
  const total = formatBytes(json.memory.activationsBytes);
  return json.intermediateBytes > 0
    ? `${total} (output ${formatBytes(json.outputBytes)} + depthwise intermediate map ${formatBytes(json.intermediateBytes)})`
    : `${total} (the output)`;
}

function peakText(json: SingleLayerJson): string {
  return json.intermediateBytes > 0 ? 'input, intermediate map and output live together' : 'input and output live together';
}

function specText(spec: NormalizedLayer): string {
  return Object.entries(spec)
    .filter(([key]) => key !== 'kind')
    .map(([key, value]) => `${key} ${Array.isArray(value) ? value.join('x') : typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(', ');
}

export function renderBlockText(json: BlockJson, summary: ModelSummary): string {
  const formulas = Object.entries(json.formulas).flatMap(
    ([kind, f]): Array<[string, string]> => [
      ...(f.macs ? [[`${kind} MACs`, f.macs] as [string, string]] : []),
      ...(f.params ? [[`${kind} params`, f.params] as [string, string]] : []),
    ],
  );
  const width = Math.max(0, ...formulas.map(([label]) => label.length));
  const formulaLines = formulas.map(([label, expression]) => `  ${label.padEnd(width)} = ${expression}`);
  return [
    `${json.layer}: ${json.description}`,
    `Input ${formatShape(json.input)} -> output ${formatShape(json.output)}`,
    '',
    'Formulas (src/cost/formulas.ts):',
    ...formulaLines,
    '',
    renderSummaryText(summary),
  ].join('\n');
}
