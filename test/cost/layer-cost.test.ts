/**
 * Hand-checked costs, one or more per layer kind. Each expected value is
 * worked out in the comment beside it from the layer's definition, not
 * copied from the code's output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formulaScope, layerCost, LAYER_FORMULAS } from '../../src/cost';
import { normalizeLayer } from '../../src/core/defaults';
import type { LayerSpec, Shape3 } from '../../src/core/spec';

test('a 3x3 same conv from 56x56x128 to 128 channels costs 462,422,016 MACs', () => {
  // 56·56 output pixels · 3·3·128 products each · 128 filters
  // = 3136 · 1152 · 128 = 462,422,016; weights 3·3·128·128 = 147,456, no bias.
  const cost = layerCost({ kind: 'conv2d', filters: 128, kernelSize: 3 }, [[56, 56, 128]]);
  assert.deepEqual(cost.outputShape, [56, 56, 128]);
  assert.equal(cost.macs, 462_422_016);
  assert.deepEqual(cost.params, { trainable: 147_456, nonTrainable: 0, total: 147_456 });
  assert.equal(cost.elementwiseOps, 0);
  // 56·56·128 = 401,408 elements, 4 bytes each.
  assert.equal(cost.outputElements, 401_408);
  assert.equal(cost.outputBytes, 1_605_632);
  assert.equal(cost.weightBytes, 589_824);
});

test("MobileNet v1's first layer, 3x3 stride 2 on 224x224x3 to 32, costs 10,838,016 MACs", () => {
  // same padding: ceil(224/2) = 112; 112·112 · 3·3·3 · 32 = 12,544 · 864 = 10,838,016.
  const cost = layerCost({ kind: 'conv2d', filters: 32, kernelSize: 3, strides: 2 }, [[224, 224, 3]]);
  assert.deepEqual(cost.outputShape, [112, 112, 32]);
  assert.equal(cost.macs, 10_838_016);
  assert.equal(cost.params.total, 864);
});

test('valid padding and dilation shrink the output as Keras does', () => {
  // valid: (7 − 3)/1 + 1 = 5; dilation 2 spans (3 − 1)·2 + 1 = 5 pixels: (7 − 5) + 1 = 3.
  assert.deepEqual(layerCost({ kind: 'conv2d', filters: 1, kernelSize: 3, padding: 'valid' }, [[7, 7, 1]]).outputShape, [5, 5, 1]);
  assert.deepEqual(layerCost({ kind: 'conv2d', filters: 1, kernelSize: 3, padding: 'valid', dilation: 2 }, [[7, 7, 1]]).outputShape, [3, 3, 1]);
  // explicit 1 pixel all round on 7x7 is 9x9, kernel 3 stride 2: floor((9 − 3)/2) + 1 = 4.
  const padded = layerCost({ kind: 'conv2d', filters: 2, kernelSize: 3, strides: 2, padding: { top: 1, bottom: 1, left: 1, right: 1 } }, [[7, 7, 1]]);
  assert.deepEqual(padded.outputShape, [4, 4, 2]);
  // Rectangular kernel [1, 7] with valid padding on 7x7: height 7, width 1.
  assert.deepEqual(layerCost({ kind: 'conv2d', filters: 1, kernelSize: [1, 7], padding: 'valid' }, [[7, 7, 1]]).outputShape, [7, 1, 1]);
});

test('a grouped conv divides the work by the number of groups', () => {
  // 8·8 pixels · 3·3 · (4/2) inputs per group · 8 filters = 64 · 9 · 2 · 8 = 9,216; bias adds 8 params.
  const cost = layerCost({ kind: 'conv2d', filters: 8, kernelSize: 3, groups: 2, useBias: true }, [[8, 8, 4]]);
  assert.equal(cost.macs, 9_216);
  assert.equal(cost.params.total, 9 * 2 * 8 + 8);
});

test('a 3x3 depthwise conv on 112x112x32 costs 3,612,672 MACs and 288 weights', () => {
  // 112·112 · 3·3 · 32 = 12,544 · 288 = 3,612,672; weights 3·3·32 = 288.
  const cost = layerCost({ kind: 'depthwiseConv2d', kernelSize: 3 }, [[112, 112, 32]]);
  assert.deepEqual(cost.outputShape, [112, 112, 32]);
  assert.equal(cost.macs, 3_612_672);
  assert.equal(cost.params.total, 288);
});

test('a depthwise conv with stride 2 and depth multiplier 2 doubles channels and quarters pixels', () => {
  // 56·56 · 9 · 32 · 2 = 3,136 · 576 = 1,806,336; weights 9·32·2 = 576, biases 64.
  const cost = layerCost({ kind: 'depthwiseConv2d', kernelSize: 3, strides: 2, depthMultiplier: 2, useBias: true }, [[112, 112, 32]]);
  assert.deepEqual(cost.outputShape, [56, 56, 64]);
  assert.equal(cost.macs, 1_806_336);
  assert.equal(cost.params.total, 576 + 64);
});

test('a pointwise conv from 112x112x32 to 64 costs 25,690,112 MACs', () => {
  // 112·112 · 32 · 64 = 12,544 · 2,048 = 25,690,112; weights 32·64 = 2,048.
  const cost = layerCost({ kind: 'pointwiseConv2d', filters: 64 }, [[112, 112, 32]]);
  assert.deepEqual(cost.outputShape, [112, 112, 64]);
  assert.equal(cost.macs, 25_690_112);
  assert.equal(cost.params.total, 2_048);
});

test('a separable conv costs its depthwise plus its pointwise step', () => {
  // depthwise 56·56·9·128 = 3,612,672; pointwise 56·56·128·128 = 51,380,224; sum 54,992,896.
  // weights 9·128 + 128·128 = 1,152 + 16,384 = 17,536.
  const cost = layerCost({ kind: 'separableConv2d', filters: 128, kernelSize: 3 }, [[56, 56, 128]]);
  assert.equal(cost.macs, 54_992_896);
  assert.equal(cost.params.total, 17_536);
});

test('batch norm has 2C trainable and 2C non-trainable parameters and 2 ops per element', () => {
  // C = 64: γ, β → 128 trainable; moving mean, variance → 128 non-trainable; 7·7·64·2 = 6,272 ops.
  const cost = layerCost({ kind: 'batchNorm' }, [[7, 7, 64]]);
  assert.deepEqual(cost.params, { trainable: 128, nonTrainable: 128, total: 256 });
  assert.equal(cost.macs, 0);
  assert.equal(cost.elementwiseOps, 6_272);
  assert.equal(cost.weightBytes, 1_024);
});

test('activations cost their documented ops per element and no MACs', () => {
  // 2·2·3 = 12 elements: relu 1 op each, relu6 2, hardSwish 5.
  assert.equal(layerCost({ kind: 'activation', activation: 'relu' }, [[2, 2, 3]]).elementwiseOps, 12);
  assert.equal(layerCost({ kind: 'activation', activation: 'relu6' }, [[2, 2, 3]]).elementwiseOps, 24);
  assert.equal(layerCost({ kind: 'activation', activation: 'hardSwish' }, [[2, 2, 3]]).elementwiseOps, 60);
  assert.equal(layerCost({ kind: 'activation', activation: 'softmax' }, [[1, 1, 10]]).macs, 0);
});

test("ResNet's 3x3 stride-2 max pool halves 112x112x64 with 8 compares per output", () => {
  // same: ceil(112/2) = 56; 56·56·64 = 200,704 outputs · (9 − 1) = 1,605,632 compares.
  const cost = layerCost({ kind: 'maxPool', poolSize: 3, strides: 2, padding: 'same' }, [[112, 112, 64]]);
  assert.deepEqual(cost.outputShape, [56, 56, 64]);
  assert.equal(cost.elementwiseOps, 1_605_632);
});

test("DenseNet's 2x2 average pool in a transition halves 56x56x128", () => {
  // strides default to the pool size, padding to valid: 28x28x128 = 100,352 outputs · 4 ops = 401,408.
  const cost = layerCost({ kind: 'avgPool', poolSize: 2 }, [[56, 56, 128]]);
  assert.deepEqual(cost.outputShape, [28, 28, 128]);
  assert.equal(cost.elementwiseOps, 401_408);
  assert.equal(cost.params.total, 0);
});

test('global average pooling keeps a 1x1xC map', () => {
  // 7·7·1024 = 50,176 ops (48 adds and one divide per channel).
  const cost = layerCost({ kind: 'globalAvgPool' }, [[7, 7, 1024]]);
  assert.deepEqual(cost.outputShape, [1, 1, 1024]);
  assert.equal(cost.elementwiseOps, 50_176);
});

test("MobileNet v1's classifier, 1024 to 1000 with bias, has 1,025,000 parameters", () => {
  // 1024·1000 = 1,024,000 MACs and weights; + 1000 biases (dense uses a bias by default).
  const cost = layerCost({ kind: 'dense', units: 1000 }, [[1, 1, 1024]]);
  assert.deepEqual(cost.outputShape, [1, 1, 1000]);
  assert.equal(cost.macs, 1_024_000);
  assert.equal(cost.params.total, 1_025_000);
});

test('add sums same-shaped inputs with one op per element per extra input', () => {
  // 28·28·32 = 25,088 elements; 2 inputs → 25,088 adds; 3 inputs → 50,176.
  const shape = [28, 28, 32] as const;
  assert.equal(layerCost({ kind: 'add' }, [shape, shape]).elementwiseOps, 25_088);
  assert.equal(layerCost({ kind: 'add' }, [shape, shape, shape]).elementwiseOps, 50_176);
});

test('concat stacks channels and costs nothing', () => {
  const cost = layerCost({ kind: 'concat' }, [
    [8, 8, 16],
    [8, 8, 12],
  ]);
  assert.deepEqual(cost.outputShape, [8, 8, 28]);
  assert.equal(cost.macs + cost.elementwiseOps + cost.params.total, 0);
});

test('squeeze-and-excite counts its two 1x1 convs as MACs and the rest as elementwise', () => {
  // C = 72, S = 24: MACs 72·24 + 24·72 = 3,456; params 72·24 + 24 + 24·72 + 72 = 3,552.
  // ops: pool 28·28·72 = 56,448; relu on 24 = 24; hardSigmoid on 72 = 288; gate 56,448 → 113,208.
  const cost = layerCost({ kind: 'squeezeExcite', squeezeChannels: 24 }, [[28, 28, 72]]);
  assert.deepEqual(cost.outputShape, [28, 28, 72]);
  assert.equal(cost.macs, 3_456);
  assert.equal(cost.params.total, 3_552);
  assert.equal(cost.elementwiseOps, 113_208);
});

test("ResNet's zero-pad shortcut subsamples and pads channels for free", () => {
  // ceil(32/2) = 16; channels padded from 16 to 32.
  const cost = layerCost({ kind: 'zeroPadShortcut', filters: 32, strides: 2 }, [[32, 32, 16]]);
  assert.deepEqual(cost.outputShape, [16, 16, 32]);
  assert.equal(cost.macs + cost.elementwiseOps + cost.params.total, 0);
  // odd sizes round up: ceil(7/2) = 4.
  assert.deepEqual(layerCost({ kind: 'zeroPadShortcut', filters: 16, strides: 2 }, [[7, 7, 16]]).outputShape, [4, 4, 16]);
});

test('bytesPerElement scales output and weight bytes', () => {
  const fp16 = layerCost({ kind: 'pointwiseConv2d', filters: 8 }, [[4, 4, 8]], { bytesPerElement: 2 });
  assert.equal(fp16.outputBytes, 4 * 4 * 8 * 2);
  assert.equal(fp16.weightBytes, 64 * 2);
});

test("a separable conv's depthwise map, Hout·Wout·C·d, is its intermediate; other layers have none", () => {
  // 20×20×8, stride 2, depth multiplier 2: the depthwise step writes 10×10×16 before the 1×1 reads it.
  const separable = layerCost({ kind: 'separableConv2d', filters: 4, kernelSize: 3, strides: 2, depthMultiplier: 2 }, [[20, 20, 8]]);
  assert.equal(separable.intermediateElements, 10 * 10 * 8 * 2);
  assert.equal(separable.intermediateBytes, 4 * 10 * 10 * 8 * 2);
  assert.deepEqual(separable.outputShape, [10, 10, 4]);
  const depthwise = layerCost({ kind: 'depthwiseConv2d', kernelSize: 3, strides: 2, depthMultiplier: 2 }, [[20, 20, 8]]);
  assert.equal(separable.intermediateBytes, depthwise.outputBytes);
  for (const layer of [
    { kind: 'conv2d', filters: 4, kernelSize: 3 },
    { kind: 'depthwiseConv2d', kernelSize: 3 },
    { kind: 'pointwiseConv2d', filters: 4 },
    { kind: 'batchNorm' },
  ] as const) {
    assert.equal(layerCost(layer, [[20, 20, 8]]).intermediateBytes, 0, layer.kind);
  }
});

test("the formulas of LAYER_FORMULAS at formulaScope give layerCost's MACs and params, for any small layer", () => {
  fc.assert(
    fc.property(
      fc.constantFrom('conv2d', 'depthwiseConv2d', 'pointwiseConv2d', 'separableConv2d', 'dense', 'batchNorm', 'squeezeExcite'),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 8 }),
      fc.integer({ min: 1, max: 8 }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 2 }),
      fc.boolean(),
      (kind, size, channels, filters, kernel, stride, useBias) => {
        const spec: LayerSpec =
          kind === 'conv2d'
            ? { kind, filters, kernelSize: kernel, strides: stride, useBias }
            : kind === 'depthwiseConv2d'
              ? { kind, kernelSize: kernel, strides: stride, depthMultiplier: (filters % 3) + 1, useBias }
              : kind === 'separableConv2d'
                ? { kind, filters, kernelSize: kernel, strides: stride, useBias }
                : kind === 'pointwiseConv2d'
                  ? { kind, filters, useBias }
                  : kind === 'dense'
                    ? { kind, units: filters, useBias }
                    : kind === 'squeezeExcite'
                      ? { kind, squeezeChannels: filters }
                      : { kind };
        const input: Shape3 = [size, size, channels];
        const cost = layerCost(spec, [input]);
        const formulas = LAYER_FORMULAS[kind]!;
        const scope = formulaScope(normalizeLayer(spec), input, cost.outputShape);
        assert.equal(formulas.macs?.evaluate(scope) ?? 0, cost.macs);
        assert.equal(formulas.params.evaluate(scope), cost.params.trainable);
        assert.equal(formulas.nonTrainableParams?.evaluate(scope) ?? 0, cost.params.nonTrainable);
      },
    ),
    { numRuns: 200 },
  );
});
