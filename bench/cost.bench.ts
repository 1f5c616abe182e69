/**
 * How fast the cost model is, measured side by side in one run:
 *  1. one formula evaluated through its cached compiled mathjs expression vs
 *     parsed and evaluated from text every time (why formulas.ts compiles once);
 *  2. summarize() on a synthetic ~1000-node DenseNet-like graph (the target is
 *     well under 100 ms for DenseNet-264's ~1000 nodes);
 *  3. summarize() on every model of the zoo.
 */
import { conv2dMacs, summarize } from '../src/cost';
import { math } from '../src/cost/formulas';
import { MODEL_NAMES, buildModelSpec } from '../src/models/zoo';
import { INPUT, type LayerNode, type ModelSpec } from '../src/core/spec';
import { median } from './median';

/** Median milliseconds of `runs` calls after `warmup` unmeasured ones. */
function medianMs(fn: () => void, runs: number, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

/** 4 dense blocks of 35 layers of 7 nodes (BN, ReLU, 1x1 conv, BN, ReLU, 3x3 conv, concat) plus transitions: 988 nodes. */
function syntheticDenseNet(): ModelSpec {
  const nodes: LayerNode[] = [];
  let features = INPUT;
  let size = 56;
  const growthRate = 32;
  for (let block = 1; block <= 4; block++) {
    for (let l = 1; l <= 35; l++) {
      const p = `b${block}_l${l}`;
      nodes.push({ name: `${p}_bn1`, layer: { kind: 'batchNorm' }, inputs: [features], sharedStorage: true });
      nodes.push({ name: `${p}_relu1`, layer: { kind: 'activation', activation: 'relu' }, inputs: [`${p}_bn1`], sharedStorage: true });
      nodes.push({ name: `${p}_conv1`, layer: { kind: 'pointwiseConv2d', filters: 4 * growthRate }, inputs: [`${p}_relu1`] });
      nodes.push({ name: `${p}_bn2`, layer: { kind: 'batchNorm' }, inputs: [`${p}_conv1`] });
      nodes.push({ name: `${p}_relu2`, layer: { kind: 'activation', activation: 'relu' }, inputs: [`${p}_bn2`] });
      nodes.push({ name: `${p}_conv2`, layer: { kind: 'conv2d', filters: growthRate, kernelSize: 3 }, inputs: [`${p}_relu2`] });
      nodes.push({ name: `${p}_cat`, layer: { kind: 'concat' }, inputs: [features, `${p}_conv2`], sharedStorage: true });
      features = `${p}_cat`;
    }
    if (block < 4 && size > 1) {
      nodes.push({ name: `t${block}_conv`, layer: { kind: 'pointwiseConv2d', filters: 128 }, inputs: [features] });
      nodes.push({ name: `t${block}_pool`, layer: { kind: 'avgPool', poolSize: 2 }, inputs: [`t${block}_conv`] });
      features = `t${block}_pool`;
      size = Math.floor(size / 2);
    }
  }
  nodes.push({ name: 'gap', layer: { kind: 'globalAvgPool' }, inputs: [features] });
  nodes.push({ name: 'fc', layer: { kind: 'dense', units: 1000 }, inputs: ['gap'] });
  return { name: 'synthetic DenseNet', input: [56, 56, 64], nodes };
}

export async function run(): Promise<void> {
  // 1. Cached compiled formula vs parse-and-evaluate each time.
  const scope = { Hout: 56, Wout: 56, Kh: 3, Kw: 3, C: 128, g: 1, M: 128 };
  const n = 20_000;
  const cached = medianMs(() => {
    for (let i = 0; i < n; i++) conv2dMacs.evaluate(scope);
  }, 5);
  const reparsed = medianMs(() => {
    for (let i = 0; i < n; i++) math.evaluate(conv2dMacs.expression, scope);
  }, 5);
  console.log(`conv2dMacs x ${n}: compiled once ${cached.toFixed(2)} ms, parsed each time ${reparsed.toFixed(2)} ms, ratio ${(reparsed / cached).toFixed(1)}x`);

  // 2. A synthetic ~1000-node graph.
  const synthetic = syntheticDenseNet();
  const syntheticMs = medianMs(() => summarize(synthetic), 15);
  console.log(`summarize(${synthetic.name}, ${synthetic.nodes.length} nodes): ${syntheticMs.toFixed(2)} ms (median of 15)`);

  // 3. Every zoo model.
  for (const name of MODEL_NAMES) {
    try {
      const model = buildModelSpec(name);
      const ms = medianMs(() => summarize(model), 9, 2);
      const summary = summarize(model);
      console.log(
        `summarize(${name}, ${model.nodes.length} nodes): ${ms.toFixed(2)} ms; ${(summary.macs / 1e6).toFixed(1)} M MACs, ${(summary.params.total / 1e6).toFixed(2)} M params`,
      );
    } catch (error) {
      console.log(`summarize(${name}): failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
