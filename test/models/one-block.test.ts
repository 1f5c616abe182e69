import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { summarize } from '../../src/cost/summary';
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
} from '../../src/models/blocks';
import * as oneBlock from '../../src/models/one-block';
import { INPUT, type Shape3 } from '../../src/core/spec';

const repo = resolve(__dirname, '../..');

/**
 * Modules that need only block specs (arithmetic, exercise checkers, cost
 * tables). Each should import without loading TF.js, which takes seconds.
 */
const SPEC_ONLY_MODULES = [
  'src/models/one-block',
  'src/models/blocks',
  'src/exercises/lessons/05-mobilenet-v2-v3',
  'src/exercises/lessons/06-dense-block',
  'src/exercises/lessons/07-transition-layer',
  'src/exercises/lessons/08-resnet-vs-densenet',
  'src/exercises/lessons/09-review',
  'src/lessons/densenet/block-cost',
  'src/lessons/densenet/memory-over-depth',
  'src/lessons/densenet/transition-cost',
  'src/lessons/mobilenet/block-compare',
  'src/lessons/resnet-densenet/block-summary',
];

test('the one-block module and the modules that only need block specs load no @tensorflow/tfjs', () => {
  // A fresh process, so modules this test file loaded do not count. Modules are
  // loaded one after another; the first one that pulls TF.js in is named.
  const script = `
    const modules = ${JSON.stringify(SPEC_ONLY_MODULES)};
    for (const m of modules) {
      require(${JSON.stringify(repo)} + '/' + m);
      if (Object.keys(require.cache).some((k) => k.includes('@tensorflow'))) { console.log('TFJS ' + m); process.exit(0); }
    }
    console.log('CLEAN ' + modules.length);
  `;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: repo, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), `CLEAN ${SPEC_ONLY_MODULES.length}`);
});

const shapeArb = fc.tuple(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 24 }));

test('every one-block spec is its builder placed at the model input, with the input shape as given', () => {
  fc.assert(
    fc.property(shapeArb, fc.integer({ min: 1, max: 16 }), fc.constantFrom(1, 2), (shape, filters, strides) => {
      const c = shape[2];
      const place = (prefix: string) => oneBlock.inputPlacement(prefix, shape);
      const pairs = [
        [oneBlock.separableBlockSpec(shape, { filters, strides }), depthwiseSeparableBlock({ ...place('conv_1'), filters, strides })],
        [
          oneBlock.invertedResidualSpec(shape, { expansion: 6, filters, strides }),
          invertedResidualBlock({ ...place('block_1'), expansion: 6, filters, strides }),
        ],
        [oneBlock.squeezeExciteSpec(shape), squeezeExciteBlock(place('block_1'))],
        [
          oneBlock.v3BottleneckSpec(shape, { expandedChannels: 3 * c, filters, kernelSize: 3, strides, activation: 'hardSwish', squeezeExcite: true }),
          mobileNetV3Bottleneck({
            ...place('expanded_conv'),
            expandedChannels: 3 * c,
            filters,
            kernelSize: 3,
            strides,
            activation: 'hardSwish',
            squeezeExcite: true,
          }),
        ],
        [oneBlock.denseLayerSpec(shape, { growthRate: filters }), denseLayer({ ...place('conv2_block1'), growthRate: filters })],
        [oneBlock.denseBlockSpec(shape, { growthRate: filters, layers: 3 }), denseBlock({ ...place('conv2'), growthRate: filters, layers: 3 })],
        [oneBlock.resNetBasicSpec(shape, { filters, strides }), resNetBasicBlock({ ...place('conv2_block1'), filters, strides })],
        [oneBlock.resNetBottleneckSpec(shape, { filters, strides }), resNetBottleneckBlock({ ...place('conv2_block1'), filters, strides })],
      ] as const;
      for (const [spec, fragment] of pairs) {
        assert.deepEqual(spec.input, shape);
        assert.deepEqual(spec.nodes, fragment.nodes, spec.name);
        assert.deepEqual(spec.nodes[0].inputs, [INPUT], spec.name);
        const rows = summarize(spec).rows;
        assert.equal(rows[rows.length - 1].outputShape[2], fragment.outputChannels, spec.name);
      }
    }),
    { numRuns: 25 },
  );
});

test('the transition spec halves height and width and keeps floor(θ·C) channels', () => {
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 16 }), fc.integer({ min: 2, max: 64 }), fc.double({ min: 0.1, max: 1, noNaN: true }), (size, c, theta) => {
      fc.pre(Math.floor(theta * c) >= 1);
      const shape: Shape3 = [size, size, c];
      const spec = oneBlock.transitionSpec(shape, { compression: theta });
      assert.deepEqual(spec.nodes, transitionLayer({ ...oneBlock.inputPlacement('pool2', shape), compression: theta }).nodes);
      const out = summarize(spec).rows.at(-1)!.outputShape;
      assert.deepEqual(out, [Math.floor(size / 2), Math.floor(size / 2), Math.floor(theta * c)]);
    }),
    { numRuns: 40 },
  );
});

test('a one-block spec rejects a bad input shape with an error naming the input field', () => {
  for (const bad of [[0, 4, 4], [4, 4], [4, 4.5, 8], 'x'] as unknown as Shape3[]) {
    assert.throws(
      () => oneBlock.separableBlockSpec(bad, { filters: 8 }),
      (e: unknown) => e instanceof ConvkitInputError && e.field === 'input',
      JSON.stringify(bad),
    );
    assert.throws(
      () => oneBlock.inputPlacement('p', bad),
      (e: unknown) => e instanceof ConvkitInputError && e.field === 'input',
    );
  }
});

test('a one-block spec passes the builder’s own errors through (a bad block option names that option)', () => {
  assert.throws(
    () => oneBlock.transitionSpec([8, 8, 16], { compression: 1.5 }),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'compression',
  );
});
