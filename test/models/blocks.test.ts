import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { summarize } from '../../src/cost';
import { ConvkitInputError } from '../../src/core/errors';
import {
  denseBlock,
  denseLayer,
  depthwiseSeparableBlock,
  invertedResidualBlock,
  mobileNetV3Bottleneck,
  resNetBasicBlock,
  resNetBottleneckBlock,
  squeezeExciteBlock,
  transitionLayer,
  type BlockFragment,
} from '../../src/models/blocks';
import { INPUT, type LayerNode, type ModelSpec, type Shape3 } from '../../src/core/spec';

/** Wraps a fragment as a model so the cost model can check shapes and wiring. */
function asModel(fragment: BlockFragment, input: Shape3): ModelSpec {
  return { name: 'block', input, nodes: fragment.nodes };
}

function node(fragment: BlockFragment, name: string): LayerNode {
  const found = fragment.nodes.find((n) => n.name === name);
  assert.ok(found, `node ${name} missing; have ${fragment.nodes.map((n) => n.name).join(', ')}`);
  return found;
}

function kinds(fragment: BlockFragment): string[] {
  return fragment.nodes.map((n) => n.layer.kind);
}

describe('depthwise separable block', () => {
  test('is depthwise → BN → act → pointwise → BN → act and ends with `filters` channels', () => {
    const block = depthwiseSeparableBlock({ prefix: 'sep', input: INPUT, inputChannels: 32, filters: 64, activation: 'relu6' });
    assert.deepEqual(kinds(block), ['depthwiseConv2d', 'batchNorm', 'activation', 'pointwiseConv2d', 'batchNorm', 'activation']);
    assert.equal(block.outputChannels, 64);
    const s = summarize(asModel(block, [112, 112, 32]));
    assert.deepEqual(s.rows[s.rows.length - 1].outputShape, [112, 112, 64]);
  });

  test('costs 1/M + 1/K² of a standard conv with the same shapes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 }), fc.constantFrom(3, 5), (c, m, k) => {
        const block = depthwiseSeparableBlock({ prefix: 's', input: INPUT, inputChannels: c, filters: m, kernelSize: k });
        const separable = summarize(asModel(block, [8, 8, c])).macs;
        const standard = summarize({
          name: 'std',
          input: [8, 8, c],
          nodes: [{ name: 'conv', layer: { kind: 'conv2d', filters: m, kernelSize: k, padding: 'same' }, inputs: [INPUT] }],
        }).macs;
        assert.ok(Math.abs(separable / standard - (1 / m + 1 / (k * k))) < 1e-12);
      }),
      { numRuns: 30 },
    );
  });
});

describe('MobileNet v2 inverted residual', () => {
  test('expands by t, filters depthwise, projects linearly and adds the input when stride is 1 and channels match', () => {
    const block = invertedResidualBlock({ prefix: 'block_2', input: INPUT, inputChannels: 24, expansion: 6, filters: 24 });
    assert.equal(node(block, 'block_2_expand').layer.kind, 'pointwiseConv2d');
    assert.deepEqual(node(block, 'block_2_expand').layer, { kind: 'pointwiseConv2d', filters: 144 });
    const activations = block.nodes.filter((n) => n.layer.kind === 'activation');
    assert.equal(activations.length, 2, 'no activation after the projection (linear bottleneck)');
    assert.deepEqual(node(block, 'block_2_add').inputs, [INPUT, 'block_2_project_BN']);
    assert.equal(block.output, 'block_2_add');
  });

  test('has no add when the stride is 2 or the channels change', () => {
    const strided = invertedResidualBlock({ prefix: 'b', input: INPUT, inputChannels: 24, expansion: 6, filters: 24, strides: 2 });
    const widened = invertedResidualBlock({ prefix: 'b', input: INPUT, inputChannels: 24, expansion: 6, filters: 32 });
    assert.ok(!strided.nodes.some((n) => n.layer.kind === 'add'));
    assert.ok(!widened.nodes.some((n) => n.layer.kind === 'add'));
  });

  test('has no expand conv when t = 1', () => {
    const block = invertedResidualBlock({ prefix: 'expanded_conv', input: INPUT, inputChannels: 32, expansion: 1, filters: 16 });
    assert.equal(block.nodes[0].layer.kind, 'depthwiseConv2d');
    assert.ok(!block.nodes.some((n) => n.name.includes('expand_')));
  });
});

describe('MobileNet v3 bottleneck and squeeze-and-excite', () => {
  test('squeezes to makeDivisible(expanded / 4, 8) with a hard-sigmoid gate', () => {
    const block = mobileNetV3Bottleneck({
      prefix: 'expanded_conv_3',
      input: INPUT,
      inputChannels: 24,
      expandedChannels: 72,
      filters: 40,
      kernelSize: 5,
      strides: 2,
      squeezeExcite: true,
      activation: 'relu',
    });
    assert.deepEqual(node(block, 'expanded_conv_3/squeeze_excite').layer, {
      kind: 'squeezeExcite',
      squeezeChannels: 24,
      innerActivation: 'relu',
      gateActivation: 'hardSigmoid',
    });
    assert.ok(!block.nodes.some((n) => n.layer.kind === 'add'));
  });

  test('uses hard-swish where the table says HS and adds the input when shapes match', () => {
    const block = mobileNetV3Bottleneck({
      prefix: 'b',
      input: INPUT,
      inputChannels: 80,
      expandedChannels: 184,
      filters: 80,
      kernelSize: 3,
      activation: 'hardSwish',
    });
    assert.ok(block.nodes.some((n) => n.layer.kind === 'activation' && n.layer.activation === 'hardSwish'));
    assert.equal(block.output, 'b/Add');
    assert.ok(!block.nodes.some((n) => n.layer.kind === 'squeezeExcite'));
  });

  test('the standalone SE block defaults to the MobileNet v3 squeeze width', () => {
    const se = squeezeExciteBlock({ prefix: 'x', input: INPUT, inputChannels: 960 });
    assert.equal(se.nodes.length, 1);
    assert.equal((se.nodes[0].layer as { squeezeChannels: number }).squeezeChannels, 240);
    assert.equal(se.outputChannels, 960);
  });
});

describe('DenseNet blocks', () => {
  test('a plain dense layer is BN → ReLU → 3×3 conv to k, and the BC form puts a 1×1 conv to 4k first', () => {
    const plain = denseLayer({ prefix: 'l', input: INPUT, inputChannels: 16, growthRate: 12, bottleneck: false });
    assert.deepEqual(kinds(plain), ['batchNorm', 'activation', 'conv2d']);
    const bc = denseLayer({ prefix: 'l', input: INPUT, inputChannels: 16, growthRate: 12 });
    assert.deepEqual(kinds(bc), ['batchNorm', 'activation', 'pointwiseConv2d', 'batchNorm', 'activation', 'conv2d']);
    assert.deepEqual(node(bc, 'l_1_conv').layer, { kind: 'pointwiseConv2d', filters: 48 });
    assert.equal(bc.outputChannels, 12);
  });

  test('a dense block grows the channels to k0 + l·k at a fixed spatial size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 32 }),
        fc.boolean(),
        (k0, layers, k, bottleneck) => {
          const block = denseBlock({ prefix: 'conv2', input: INPUT, inputChannels: k0, layers, growthRate: k, bottleneck });
          assert.equal(block.outputChannels, k0 + layers * k);
          const s = summarize(asModel(block, [6, 6, k0]));
          assert.deepEqual(s.rows[s.rows.length - 1].outputShape, [6, 6, k0 + layers * k]);
        },
      ),
      { numRuns: 40 },
    );
  });

  test('each concat joins the running map and the new k channels, in that order, as Keras builds it', () => {
    const block = denseBlock({ prefix: 'conv2', input: INPUT, inputChannels: 64, layers: 3, growthRate: 32 });
    assert.deepEqual(node(block, 'conv2_block1_concat').inputs, [INPUT, 'conv2_block1_2_conv']);
    assert.deepEqual(node(block, 'conv2_block2_concat').inputs, ['conv2_block1_concat', 'conv2_block2_2_conv']);
    assert.equal(node(block, 'conv2_block2_0_bn').inputs[0], 'conv2_block1_concat');
  });

  test('marks the concats and the BN/ReLU that read them as shared storage, and nothing else', () => {
    const block = denseBlock({ prefix: 'conv2', input: INPUT, inputChannels: 64, layers: 4, growthRate: 32 });
    const shared = block.nodes.filter((n) => n.sharedStorage).map((n) => n.name);
    const expected = [1, 2, 3, 4].flatMap((l) => [`conv2_block${l}_0_bn`, `conv2_block${l}_0_relu`, `conv2_block${l}_concat`]);
    assert.deepEqual([...shared].sort(), expected.sort());
    for (const n of block.nodes) assert.ok(n.path && n.path.length === 2, `${n.name} has a block/layer path`);
  });

  test('a transition keeps floor(θ·C) channels and halves height and width', () => {
    const t = transitionLayer({ prefix: 'pool2', input: INPUT, inputChannels: 255, compression: 0.5 });
    assert.equal(t.outputChannels, 127);
    assert.deepEqual(kinds(t), ['batchNorm', 'activation', 'pointwiseConv2d', 'avgPool']);
    const s = summarize(asModel(t, [56, 56, 255]));
    assert.deepEqual(s.rows[s.rows.length - 1].outputShape, [28, 28, 127]);
  });

  test('a transition rejects a compression outside (0, 1]', () => {
    for (const compression of [0, -0.5, 1.5, Number.NaN]) {
      assert.throws(
        () => transitionLayer({ prefix: 'p', input: INPUT, inputChannels: 64, compression }),
        (e: unknown) => e instanceof ConvkitInputError && e.field === 'compression',
      );
    }
  });
});

describe('ResNet blocks', () => {
  test('a basic block with an unchanged shape adds the identity', () => {
    const b = resNetBasicBlock({ prefix: 'conv2_block1', input: INPUT, inputChannels: 64, filters: 64 });
    assert.deepEqual(node(b, 'conv2_block1_add').inputs, [INPUT, 'conv2_block1_2_bn']);
    assert.ok(!b.nodes.some((n) => n.name.includes('_0_')));
  });

  test('a block that changes the shape gets a 1×1 projection + BN, or a parameter-free zero-pad shortcut', () => {
    const projected = resNetBasicBlock({ prefix: 'b', input: INPUT, inputChannels: 64, filters: 128, strides: 2 });
    assert.deepEqual(node(projected, 'b_0_conv').layer, { kind: 'conv2d', filters: 128, kernelSize: 1, strides: 2, padding: 'valid' });
    const padded = resNetBasicBlock({ prefix: 'b', input: INPUT, inputChannels: 16, filters: 32, strides: 2, shortcut: 'zeroPad' });
    assert.deepEqual(node(padded, 'b_0_pad').layer, { kind: 'zeroPadShortcut', filters: 32, strides: 2 });
    const s = summarize(asModel(padded, [32, 32, 16]));
    assert.equal(s.rows.find((r) => r.name === 'b_0_pad')?.params.total, 0);
    assert.deepEqual(s.rows[s.rows.length - 1].outputShape, [16, 16, 32]);
  });

  test('a bottleneck block strides its first 1×1 (v1) or its 3×3 (v1.5), with the same parameters', () => {
    const v1 = resNetBottleneckBlock({ prefix: 'b', input: INPUT, inputChannels: 256, filters: 128, strides: 2, strideOn: '1x1' });
    const v15 = resNetBottleneckBlock({ prefix: 'b', input: INPUT, inputChannels: 256, filters: 128, strides: 2, strideOn: '3x3' });
    assert.equal((node(v1, 'b_1_conv').layer as { strides?: number }).strides, 2);
    assert.equal((node(v15, 'b_2_conv').layer as { strides?: number }).strides, 2);
    const a = summarize(asModel(v1, [56, 56, 256]));
    const b = summarize(asModel(v15, [56, 56, 256]));
    assert.deepEqual(a.params, b.params);
    assert.deepEqual(a.rows[a.rows.length - 1].outputShape, [28, 28, 512]);
    assert.deepEqual(b.rows[b.rows.length - 1].outputShape, [28, 28, 512]);
    // The 3×3 output is 28×28 in both; only v1.5's first 1×1 runs on all 56×56 pixels.
    assert.equal(b.macs - a.macs, (56 * 56 - 28 * 28) * 256 * 128);
  });

  test('block builders reject a missing prefix and non-integer sizes', () => {
    assert.throws(() => resNetBasicBlock({ prefix: '', input: INPUT, inputChannels: 64, filters: 64 }), /prefix/);
    assert.throws(() => resNetBasicBlock({ prefix: 'b', input: INPUT, inputChannels: 64, filters: 6.5 }), /filters = 6.5/);
    assert.throws(() => depthwiseSeparableBlock({ prefix: 'b', input: INPUT, inputChannels: 0, filters: 8 }), /inputChannels = 0/);
  });
});
