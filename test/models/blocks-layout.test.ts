import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as blocks from '../../src/models/blocks';
import * as densenet from '../../src/models/blocks/densenet';
import * as mobilenet from '../../src/models/blocks/mobilenet';
import * as placement from '../../src/models/blocks/placement';
import * as resnet from '../../src/models/blocks/resnet';

/**
 * The runtime names of models/blocks, one builder per block of the papers
 * and its helpers: the public contract every importer relies on.
 */
const PUBLIC_NAMES = [
  'defaultSqueezeChannels', 'denseBlock', 'denseLayer', 'depthwiseSeparableBlock', 'invertedResidualBlock',
  'mobileNetV3Bottleneck', 'resNetBasicBlock', 'resNetBottleneckBlock', 'squeezeExciteBlock', 'symmetricPadding',
  'transitionLayer',
];

test("'models/blocks' resolves to the folder's index, not to a leftover blocks.ts that would shadow it", () => {
  const resolved = require.resolve('../../src/models/blocks').replace(/\\/g, '/');
  assert.match(resolved, /\/src\/models\/blocks\/index\.ts$/);
});

test('the blocks index exports exactly the public names, and nothing internal', () => {
  assert.deepEqual(Object.keys(blocks).sort(), [...PUBLIC_NAMES].sort());
  assert.ok(!('FragmentWriter' in blocks) && !('checkPlacement' in blocks));
});

test('each public builder lives in exactly one family file, and the index hands out that same function', () => {
  const families = { placement, mobilenet, densenet, resnet } as Record<string, Record<string, unknown>>;
  for (const name of PUBLIC_NAMES) {
    const homes = Object.entries(families).filter(([, m]) => name in m).map(([family]) => family);
    assert.equal(homes.length, 1, `${name} is in ${homes.join(', ') || 'no family file'}`);
    assert.equal((blocks as Record<string, unknown>)[name], families[homes[0]][name], name);
  }
});

test('the family files hold their own family: MobileNet, DenseNet and ResNet builders are not mixed', () => {
  assert.deepEqual(Object.keys(mobilenet).sort(), ['defaultSqueezeChannels', 'depthwiseSeparableBlock', 'invertedResidualBlock', 'mobileNetV3Bottleneck', 'squeezeExciteBlock']);
  assert.deepEqual(Object.keys(densenet).sort(), ['denseBlock', 'denseLayer', 'transitionLayer']);
  assert.deepEqual(Object.keys(resnet).sort(), ['resNetBasicBlock', 'resNetBottleneckBlock']);
});
