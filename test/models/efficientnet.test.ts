/**
 * EfficientNet (Tan & Le 2019, arXiv:1905.11946): the B0 spec against the
 * paper's Table 1, the counts against a hand count written here from the
 * MBConv formula (not from the spec), and B1–B3 against the compound-scaling
 * rules of §3.3 and the reference implementation's rounding.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../src/cost';
import { buildModelSpec, COMPOUND_SCALING, mbConvBlock, roundFilters, roundRepeats } from '../../src/models';
import { INPUT } from '../../src/core/spec';
import { readReferenceEntries } from '../../src/data/reference-tables';
import * as tf from '@tensorflow/tfjs';
import { buildTfModel } from '../../src/layers/tf';
import { oneBlockSpec } from '../../src/models/one-block';
import { randomTensor } from '../../src/core/tensor';
import { assertBlockViewsAgree, blockViews } from '../../src/views/block-views';

/** Table 1 of the paper, stages 1–9: operator, input resolution, output channels, layers. */
const TABLE_1 = [
  { stage: 'stem', operator: 'Conv3x3', resolution: 224, channels: 32, layers: 1 },
  { stage: 'stage_2', operator: 'MBConv1, k3x3', resolution: 112, channels: 16, layers: 1 },
  { stage: 'stage_3', operator: 'MBConv6, k3x3', resolution: 112, channels: 24, layers: 2 },
  { stage: 'stage_4', operator: 'MBConv6, k5x5', resolution: 56, channels: 40, layers: 2 },
  { stage: 'stage_5', operator: 'MBConv6, k3x3', resolution: 28, channels: 80, layers: 3 },
  { stage: 'stage_6', operator: 'MBConv6, k5x5', resolution: 14, channels: 112, layers: 3 },
  { stage: 'stage_7', operator: 'MBConv6, k5x5', resolution: 14, channels: 192, layers: 4 },
  { stage: 'stage_8', operator: 'MBConv6, k3x3', resolution: 7, channels: 320, layers: 1 },
  { stage: 'top', operator: 'Conv1x1 & Pooling & FC', resolution: 7, channels: 1280, layers: 1 },
] as const;

describe('EfficientNet-B0 is Table 1', () => {
  const spec = buildModelSpec('efficientnet-b0');
  const summary = summarize(spec);
  const shapeOf = new Map(summary.rows.map((r) => [r.name, r.outputShape]));
  const inputSideOf = (name: string): number => {
    const node = spec.nodes.find((n) => n.name === name)!;
    return node.inputs[0] === INPUT ? spec.input[0] : shapeOf.get(node.inputs[0])![0];
  };

  for (const row of TABLE_1) {
    test(`${row.stage}: ${row.operator}, input ${row.resolution}x${row.resolution}, ${row.channels} channels, ${row.layers} layer(s)`, () => {
      const nodes = spec.nodes.filter((n) => n.path?.[0] === row.stage);
      const blocks = new Set(nodes.map((n) => n.path!.join('/')));
      assert.equal(blocks.size, row.layers);
      assert.equal(inputSideOf(nodes[0].name), row.resolution);
      const last = nodes[nodes.length - 1];
      assert.equal(shapeOf.get(last.name)![2], row.channels);
      const match = /MBConv(\d), k(\d)x\d/.exec(row.operator);
      if (match) {
        const depthwise = nodes.filter((n) => n.layer.kind === 'depthwiseConv2d');
        assert.equal(depthwise.length, row.layers);
        for (const d of depthwise) assert.equal(d.layer.kind === 'depthwiseConv2d' && d.layer.kernelSize, Number(match[2]));
        // MBConv1 has no expand conv; MBConv6 widens its input six times.
        const expands = nodes.filter((n) => n.name.endsWith('expand_conv'));
        assert.equal(expands.length, match[1] === '1' ? 0 : row.layers);
        assert.equal(nodes.filter((n) => n.layer.kind === 'squeezeExcite').length, row.layers, 'every MBConv has SE');
      }
    });
  }

  test('the residual is added exactly in the blocks that keep stride 1 and their width (9 of 16)', () => {
    assert.equal(spec.nodes.filter((n) => n.layer.kind === 'add').length, 9);
  });

  test('SE squeezes to a quarter of the block INPUT channels, with swish inside and a sigmoid gate', () => {
    const se = spec.nodes.find((n) => n.name === 'block6a_se')!;
    // block6a reads the 112-channel output of stage 6: ⌊112 / 4⌋ = 28, not 672 / 4.
    assert.deepEqual(se.layer, { kind: 'squeezeExcite', squeezeChannels: 28, innerActivation: 'swish', gateActivation: 'sigmoid' });
    const first = mbConvBlock({ prefix: 'x_', input: INPUT, inputChannels: 32, expansion: 1, filters: 16, kernelSize: 3 });
    const firstSe = first.nodes.find((n) => n.layer.kind === 'squeezeExcite')!.layer;
    assert.equal(firstSe.kind === 'squeezeExcite' ? firstSe.squeezeChannels : 0, 8);
  });
});

describe('EfficientNet-B0 counts by hand', () => {
  test('a stage-by-stage hand count gives the spec\u2019s trainable parameters, BN statistics and multiply-adds', () => {
    const hand = handCountB0();
    const s = summarize(buildModelSpec('efficientnet-b0'));
    assert.equal(hand.trainable, s.params.trainable);
    assert.equal(2 * hand.bnChannels, s.params.nonTrainable);
    assert.equal(hand.macs, s.macs);
    assert.equal(s.params.trainable, 5_288_548, 'torchvision num_params and Keras trainable');
  });

  test("Keras' total is the spec's total plus exactly the 7 numbers of its Normalization layer", () => {
    const keras = readReferenceEntries('keras.json').find((e) => e.id === 'keras/EfficientNetB0/total')!;
    assert.equal(keras.value - summarize(buildModelSpec('efficientnet-b0')).params.total, 3 + 3 + 1);
    for (const v of ['b1', 'b2', 'b3']) {
      const entry = readReferenceEntries('keras.json').find((e) => e.model === `efficientnet-${v}` && e.quantity === 'totalParams')!;
      assert.equal(entry.value - summarize(buildModelSpec(`efficientnet-${v}`)).params.total, 7, v);
    }
  });
});

/**
 * Parameters and multiply-adds of B0 counted stage by stage from Table 1 and
 * the MBConv formula alone:
 *   expand  C·E weights + 2E (BN γ, β), E = t·C,      MACs H_in²·C·E
 *   dw      K²·E + 2E,                               MACs H_out²·K²·E
 *   SE      E·S + S + S·E + E, S = ⌊C / 4⌋,           MACs 2·E·S
 *   project E·C' + 2C',                              MACs H_out²·E·C'
 * plus the stem 3·3·3·32 + 2·32, the 1×1 top conv 320·1280 + 2·1280 and the classifier 1280·1000 + 1000.
 * Each stage's first block strides to the next row's input resolution.
 */
function handCountB0(): { trainable: number; bnChannels: number; macs: number } {
  let trainable = 27 * 32 + 64;
  let bnChannels = 32;
  let macs = 112 * 112 * 27 * 32;
  let channels = 32;
  const stages = TABLE_1.slice(1, 8);
  stages.forEach((row, index) => {
    const t = Number(/MBConv(\d)/.exec(row.operator)![1]);
    const k = Number(/k(\d)/.exec(row.operator)![1]);
    const outSide = (index + 1 < stages.length ? stages[index + 1] : TABLE_1[8]).resolution;
    for (let i = 0; i < row.layers; i++) {
      const inSide = i === 0 ? row.resolution : outSide;
      const e = t * channels;
      const s = Math.floor(channels / 4);
      if (t !== 1) {
        trainable += channels * e + 2 * e;
        bnChannels += e;
        macs += inSide * inSide * channels * e;
      }
      trainable += k * k * e + 2 * e + (e * s + s + s * e + e) + e * row.channels + 2 * row.channels;
      bnChannels += e + row.channels;
      macs += outSide * outSide * (k * k * e + e * row.channels) + 2 * e * s;
      channels = row.channels;
    }
  });
  return { trainable: trainable + 320 * 1280 + 2 * 1280 + 1280 * 1000 + 1000, bnChannels: bnChannels + 1280, macs: macs + 49 * 320 * 1280 + 1280 * 1000 };
}

describe('compound scaling (§3.3) and the released B1–B3', () => {
  test('α·β²·γ² ≈ 2, so FLOPs grow by about 2^φ', () => {
    const { alpha, beta, gamma } = COMPOUND_SCALING;
    const perStep = alpha * beta ** 2 * gamma ** 2;
    assert.ok(Math.abs(perStep - 2) < 0.1, String(perStep));
  });

  test('channels round to multiples of 8 and repeats round up, as round_filters and round_repeats do', () => {
    assert.equal(roundFilters(32, 1.1), 32); // 35.2 → 32 (within 10%)
    assert.equal(roundFilters(32, 1.2), 40); // 38.4 → 40
    assert.equal(roundFilters(1280, 1.2), 1536);
    assert.equal(roundRepeats(2, 1.1), 3);
    assert.equal(roundRepeats(1, 1.4), 2);
    const depthOf = (model: string) =>
      new Set(
        buildModelSpec(model)
          .nodes.filter((n) => n.layer.kind === 'depthwiseConv2d')
          .map((n) => n.path!.join('/')),
      ).size;
    assert.deepEqual(
      ['efficientnet-b0', 'efficientnet-b1', 'efficientnet-b2', 'efficientnet-b3'].map(depthOf),
      [16, 23, 23, 26], // Σ⌈d·n⌉ over n = 1, 2, 2, 3, 3, 4, 1 for d = 1, 1.1, 1.2, 1.4
    );
  });

  test('each released model runs at its own resolution, and costs grow B0 < B1 < B2 < B3', () => {
    const sizes = ['b0', 'b1', 'b2', 'b3'].map((v) => summarize(buildModelSpec(`efficientnet-${v}`)));
    assert.deepEqual(
      sizes.map((s) => s.input[0]),
      [224, 240, 260, 300],
    );
    for (let i = 1; i < sizes.length; i++) {
      assert.ok(sizes[i].macs > sizes[i - 1].macs && sizes[i].params.trainable > sizes[i - 1].params.trainable);
    }
    const b3Head = buildModelSpec('efficientnet-b3').nodes.find((n) => n.name === 'top_conv')!;
    assert.equal(b3Head.layer.kind === 'pointwiseConv2d' && b3Head.layer.filters, 1536);
  });
});

describe('EfficientNet in TF.js', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  test('B0 built layer by layer in TF.js counts 5,330,564 weights, 5,288,548 of them trainable', () => {
    const model = buildTfModel(buildModelSpec('efficientnet-b0'));
    const size = (w: tf.LayerVariable) => w.shape.reduce((a: number, b) => a * (b ?? 1), 1);
    assert.equal(model.countParams(), 5_330_564);
    assert.equal(
      model.trainableWeights.reduce((n, w) => n + size(w), 0),
      5_288_548,
    );
    model.dispose();
  });

  test('an MBConv block (t = 6, 5×5, SE; stride 1 with the residual, stride 2 without) gives the same numbers in the reference loops and in TF.js, and the counted MACs match the cost model', () => {
    for (const [strides, filters] of [
      [1, 16],
      [2, 24],
    ]) {
      const spec = oneBlockSpec('mbconv', [9, 9, 16], 'block_', (p) => mbConvBlock({ ...p, expansion: 6, filters, kernelSize: 5, strides }));
      assertBlockViewsAgree(blockViews(spec, randomTensor([9, 9, 16], 7), 3));
    }
  });
});
