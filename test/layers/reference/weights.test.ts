import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layerCost } from '../../../src/cost/layer-cost';
import { randomWeights, weightShapes } from '../../../src/layers/reference/weights';
import type { LayerSpec, Shape3 } from '../../../src/core/spec';

const CASES: Array<[LayerSpec, Shape3[]]> = [
  [{ kind: 'conv2d', filters: 8, kernelSize: 3, groups: 2, useBias: true }, [[5, 5, 4]]],
  [{ kind: 'depthwiseConv2d', kernelSize: [3, 5], depthMultiplier: 2 }, [[5, 5, 3]]],
  [{ kind: 'pointwiseConv2d', filters: 7 }, [[2, 2, 3]]],
  [{ kind: 'separableConv2d', filters: 6, kernelSize: 3, useBias: true }, [[4, 4, 3]]],
  [{ kind: 'dense', units: 10 }, [[1, 1, 12]]],
  [{ kind: 'batchNorm' }, [[3, 3, 5]]],
  [{ kind: 'squeezeExcite', squeezeChannels: 2 }, [[3, 3, 8]]],
  [{ kind: 'maxPool', poolSize: 2 }, [[4, 4, 2]]],
];

test("the weights' element count equals the cost model's total parameter count for every kind with weights", () => {
  for (const [spec, shapes] of CASES) {
    const elements = Object.values(weightShapes(spec, shapes)).reduce((sum, shape) => sum + shape.reduce((a, b) => a * b, 1), 0);
    assert.equal(elements, layerCost(spec, shapes).params.total, spec.kind);
  }
});

test('randomWeights fills every named array to its shape and is reproducible from its seed', () => {
  for (const [spec, shapes] of CASES) {
    const weights = randomWeights(spec, shapes, 4) as Record<string, Float32Array> | undefined;
    const again = randomWeights(spec, shapes, 4) as Record<string, Float32Array> | undefined;
    const named = weightShapes(spec, shapes);
    for (const [name, shape] of Object.entries(named)) {
      assert.equal(
        weights?.[name].length,
        shape.reduce((a, b) => a * b, 1),
        `${spec.kind}.${name}`,
      );
      assert.deepEqual(weights?.[name], again?.[name]);
    }
  }
});

test('batch norm gets a positive moving variance', () => {
  const weights = randomWeights({ kind: 'batchNorm' }, [[1, 1, 50]], 1) as { movingVariance: Float32Array };
  assert.ok(weights.movingVariance.every((v) => v >= 0.5 && v < 1.5));
});
