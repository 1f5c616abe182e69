/**
 * Every class of bad input throws ConvkitInputError whose message names the
 * field, the value and the rule (src/errors.ts). Covers the defaults and
 * checks of src/models/defaults.ts as well as the shape rules.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layerCost } from '../../src/cost';
import { ConvkitInputError } from '../../src/core/errors';
import { normalizeLayer, pair } from '../../src/core/defaults';
import type { LayerSpec, Shape3 } from '../../src/core/spec';

/** Asserts an input error whose field is `field` and whose message matches `message`. */
function rejects(fn: () => unknown, field: string, message: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof ConvkitInputError, `expected ConvkitInputError, got ${String(error)}`);
    assert.equal(error.field, field);
    assert.match(error.message, message);
    return true;
  });
}

const cost =
  (layer: unknown, shapes: unknown = [[8, 8, 4]]) =>
  () =>
    layerCost(layer as LayerSpec, shapes as Shape3[]);

test('zero, negative, fractional and NaN sizes are rejected with the field named', () => {
  rejects(cost({ kind: 'conv2d', filters: 0, kernelSize: 3 }), 'filters', /^filters = 0: must be a positive integer$/);
  rejects(cost({ kind: 'conv2d', filters: -4, kernelSize: 3 }), 'filters', /filters = -4/);
  rejects(cost({ kind: 'conv2d', filters: 4, kernelSize: 2.5 }), 'kernelSize', /kernelSize = 2.5: must be a positive integer/);
  rejects(cost({ kind: 'dense', units: Number.NaN }), 'units', /units = NaN/);
  rejects(cost({ kind: 'depthwiseConv2d', kernelSize: 3, depthMultiplier: 0 }), 'depthMultiplier', /depthMultiplier = 0/);
  rejects(cost({ kind: 'squeezeExcite', squeezeChannels: 1.5 }), 'squeezeChannels', /squeezeChannels = 1.5/);
  rejects(cost({ kind: 'conv2d', filters: 4, kernelSize: 3, dilation: [1, 0] }), 'dilation', /dilation = 0/);
  rejects(cost({ kind: 'maxPool', poolSize: -2 }), 'poolSize', /poolSize = -2/);
});

test('stride 0 is rejected', () => {
  rejects(cost({ kind: 'conv2d', filters: 4, kernelSize: 3, strides: 0 }), 'strides', /^strides = 0: must be a positive integer$/);
  rejects(cost({ kind: 'zeroPadShortcut', filters: 8, strides: 0 }), 'strides', /strides = 0/);
  rejects(cost({ kind: 'avgPool', poolSize: 2, strides: [2, 0] }), 'strides', /strides = 0/);
});

test('a kernel larger than the padded input is rejected, with the padded size', () => {
  rejects(
    cost({ kind: 'conv2d', filters: 2, kernelSize: 7, padding: 'valid' }, [[5, 5, 3]]),
    'kernelSize',
    /^kernelSize = 7: larger than the padded input \(5\)$/,
  );
  rejects(
    cost({ kind: 'conv2d', filters: 2, kernelSize: 3, dilation: 3, padding: 'valid' }, [[5, 5, 3]]),
    'kernelSize',
    /kernelSize = 3: dilated to 7, larger than the padded input \(5\)/,
  );
  rejects(
    cost({ kind: 'maxPool', poolSize: 4, padding: { top: 0, bottom: 1, left: 0, right: 1 } }, [[2, 2, 3]]),
    'poolSize',
    /poolSize = 4: larger than the padded input \(3\)/,
  );
});

test('bad padding is rejected', () => {
  rejects(cost({ kind: 'conv2d', filters: 2, kernelSize: 3, padding: 'full' }), 'padding', /padding = "full"/);
  rejects(
    cost({ kind: 'conv2d', filters: 2, kernelSize: 3, padding: { top: -1, bottom: 0, left: 0, right: 0 } }),
    'padding.top',
    /padding.top = -1: must be an integer >= 0/,
  );
});

test('channel mismatches on add and concat are rejected', () => {
  rejects(
    cost({ kind: 'add' }, [
      [8, 8, 4],
      [8, 8, 5],
    ]),
    'inputShapes[1]',
    /inputShapes\[1\] = \[8, 8, 5\]: add needs/,
  );
  rejects(
    cost({ kind: 'concat' }, [
      [8, 8, 4],
      [4, 8, 4],
    ]),
    'inputShapes[1]',
    /concat needs every input to have the height and width/,
  );
  rejects(cost({ kind: 'add' }, [[8, 8, 4]]), 'inputs', /inputs = 1: add takes at least 2 inputs/);
  rejects(
    cost({ kind: 'conv2d', filters: 2, kernelSize: 1 }, [
      [8, 8, 4],
      [8, 8, 4],
    ]),
    'inputs',
    /conv2d takes exactly 1 input/,
  );
});

test('groups that do not divide the channels are rejected', () => {
  rejects(cost({ kind: 'conv2d', filters: 6, kernelSize: 3, groups: 3 }, [[8, 8, 4]]), 'groups', /groups = 3: must divide the input channels \(4\)/);
  rejects(cost({ kind: 'conv2d', filters: 5, kernelSize: 3, groups: 2 }, [[8, 8, 4]]), 'groups', /groups = 2: must divide filters \(5\)/);
});

test('a zero-pad shortcut that would drop channels is rejected', () => {
  rejects(cost({ kind: 'zeroPadShortcut', filters: 2 }, [[8, 8, 4]]), 'filters', /filters = 2: must be >= the input channels \(4\)/);
});

test('an unknown layer kind or activation is rejected', () => {
  rejects(cost({ kind: 'conv3d', filters: 2 }), 'kind', /^kind = "conv3d": must be one of conv2d, depthwiseConv2d/);
  rejects(cost({ kind: 'activation', activation: 'gelu' }), 'activation', /activation = "gelu": must be one of relu/);
  rejects(cost({ kind: 'squeezeExcite', squeezeChannels: 4, gateActivation: 'tanh' }), 'gateActivation', /gateActivation = "tanh"/);
});

test('bad input shapes and options are rejected', () => {
  rejects(cost({ kind: 'batchNorm' }, [[8, 0, 4]]), 'inputShapes[0]', /every size must be a positive integer/);
  rejects(cost({ kind: 'batchNorm' }, [[8, 8]]), 'inputShapes[0]', /must be a shape \[height, width, channels\]/);
  rejects(cost({ kind: 'batchNorm', epsilon: 0 }), 'epsilon', /epsilon = 0: must be a number greater than 0/);
  rejects(cost({ kind: 'dense', units: 3, useBias: 'yes' }), 'useBias', /useBias = "yes": must be true or false/);
  rejects(() => layerCost({ kind: 'batchNorm' }, [[2, 2, 2]], { bytesPerElement: 0 }), 'bytesPerElement', /bytesPerElement = 0/);
});

test('counts too large to be exact are rejected instead of silently rounded', () => {
  // 2^20 · 2^20 pixels · 2^14 channels · 2^14 filters = 2^68 MACs: beyond 2^53.
  rejects(
    cost({ kind: 'pointwiseConv2d', filters: 2 ** 14 }, [[2 ** 20, 2 ** 20, 2 ** 14]]),
    'outputElements',
    /must be an exact non-negative integer below 2\^53/,
  );
});

test('normalizeLayer fills every documented default', () => {
  assert.deepEqual(normalizeLayer({ kind: 'conv2d', filters: 8, kernelSize: 3 }), {
    kind: 'conv2d',
    filters: 8,
    kernelSize: [3, 3],
    strides: [1, 1],
    padding: 'same',
    dilation: [1, 1],
    groups: 1,
    useBias: false,
  });
  assert.deepEqual(normalizeLayer({ kind: 'maxPool', poolSize: [3, 2] }), {
    kind: 'maxPool',
    poolSize: [3, 2],
    strides: [3, 2],
    padding: 'valid',
  });
  assert.deepEqual(normalizeLayer({ kind: 'dense', units: 10 }), { kind: 'dense', units: 10, useBias: true });
  assert.deepEqual(normalizeLayer({ kind: 'squeezeExcite', squeezeChannels: 4 }), {
    kind: 'squeezeExcite',
    squeezeChannels: 4,
    innerActivation: 'relu',
    gateActivation: 'hardSigmoid',
  });
  assert.deepEqual(normalizeLayer({ kind: 'batchNorm' }), { kind: 'batchNorm', epsilon: 1e-3 });
  assert.deepEqual(normalizeLayer({ kind: 'zeroPadShortcut', filters: 4 }), { kind: 'zeroPadShortcut', filters: 4, strides: 1 });
});

test('pair turns one size into two and checks both', () => {
  assert.deepEqual(pair(3), [3, 3]);
  assert.deepEqual(pair([1, 7]), [1, 7]);
  rejects(() => pair([1, 2, 3] as unknown as [number, number], 'kernelSize'), 'kernelSize', /kernelSize = \[1, 2, 3\]/);
  rejects(() => pair(0, 'strides'), 'strides', /strides = 0/);
});
