/**
 * The cost formulas checked by executing the layers, not by re-deriving them:
 * for every layer kind, at least 1,000 random small layers are run through
 * the reference loops, and the multiply-adds the loops counted must equal the
 * cost model's layerCost(spec, shapes).macs, with the same output shape.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { layerCost } from '../../../src/cost/layer-cost';
import { runLayer } from '../../../src/layers/reference/run-layer';
import { randomTensor } from '../../../src/core/tensor';
import { randomWeights } from '../../../src/layers/reference/weights';
import { ConvkitInputError } from '../../../src/core/errors';
import { LAYER_KINDS } from '../../../src/core/defaults';
import { ACTIVATIONS, type LayerKind, type LayerSpec, type Shape3 } from '../../../src/core/spec';
import { kernelFits, paddingArb } from './helpers';

const RUNS_PER_KIND = 1000;

const side = fc.integer({ min: 1, max: 6 });
const channels = fc.integer({ min: 1, max: 4 });
const small = fc.integer({ min: 1, max: 4 });
const pairArb = (max: number) => fc.oneof(fc.integer({ min: 1, max }), fc.tuple(fc.integer({ min: 1, max }), fc.integer({ min: 1, max })));
const shapeArb: fc.Arbitrary<Shape3> = fc.tuple(side, side, channels);
/** Strides or dilation above 1, never both (src/models/defaults.ts requireDilationOrStrideOne). */
const windowArb = fc.oneof(fc.record({ strides: pairArb(3), dilation: fc.constant(1) }), fc.record({ strides: fc.constant(1), dilation: pairArb(2) }));
type Window = { readonly strides: number | [number, number]; readonly dilation: number | [number, number] };
const withWindow = <T extends { window: Window }>({ window, ...rest }: T): Omit<T, 'window'> & Window => ({ ...rest, ...window });

interface Case {
  readonly spec: LayerSpec;
  readonly shapes: readonly Shape3[];
}

const single = (specArb: fc.Arbitrary<LayerSpec>): fc.Arbitrary<Case> => fc.record({ spec: specArb, shapes: shapeArb.map((s) => [s]) });

/** A random valid layer of each kind on small random input shapes. */
const CASES: Record<LayerKind, fc.Arbitrary<Case>> = {
  conv2d: fc
    .record({
      groups: fc.integer({ min: 1, max: 3 }),
      channelsPerGroup: small,
      filtersPerGroup: small,
      kernelSize: pairArb(3),
      window: windowArb,
      padding: paddingArb,
      useBias: fc.boolean(),
      height: side,
      width: side,
    })
    .map(({ groups, channelsPerGroup, filtersPerGroup, height, width, window, ...rest }) => ({
      spec: { kind: 'conv2d' as const, filters: groups * filtersPerGroup, groups, ...rest, ...window },
      shapes: [[height, width, groups * channelsPerGroup] as Shape3],
    })),
  depthwiseConv2d: single(
    fc
      .record({
        kind: fc.constant('depthwiseConv2d' as const),
        kernelSize: pairArb(3),
        window: windowArb,
        padding: paddingArb,
        depthMultiplier: fc.integer({ min: 1, max: 3 }),
        useBias: fc.boolean(),
      })
      .map(withWindow),
  ),
  pointwiseConv2d: single(fc.record({ kind: fc.constant('pointwiseConv2d' as const), filters: small, useBias: fc.boolean() })),
  separableConv2d: single(
    fc
      .record({
        kind: fc.constant('separableConv2d' as const),
        filters: small,
        kernelSize: pairArb(3),
        window: windowArb,
        padding: paddingArb,
        depthMultiplier: fc.integer({ min: 1, max: 3 }),
        useBias: fc.boolean(),
      })
      .map(withWindow),
  ),
  batchNorm: single(fc.record({ kind: fc.constant('batchNorm' as const), epsilon: fc.constantFrom(1e-3, 1e-5) })),
  activation: single(fc.record({ kind: fc.constant('activation' as const), activation: fc.constantFrom(...ACTIVATIONS) })),
  maxPool: single(fc.record({ kind: fc.constant('maxPool' as const), poolSize: pairArb(3), strides: pairArb(3), padding: paddingArb })),
  avgPool: single(fc.record({ kind: fc.constant('avgPool' as const), poolSize: pairArb(3), strides: pairArb(3), padding: paddingArb })),
  globalAvgPool: single(fc.constant({ kind: 'globalAvgPool' as const })),
  dense: single(fc.record({ kind: fc.constant('dense' as const), units: fc.integer({ min: 1, max: 6 }), useBias: fc.boolean() })),
  add: fc
    .tuple(shapeArb, fc.integer({ min: 2, max: 4 }))
    .map(([shape, count]) => ({ spec: { kind: 'add' as const }, shapes: Array.from({ length: count }, () => shape) })),
  concat: fc
    .tuple(side, side, fc.array(channels, { minLength: 1, maxLength: 4 }))
    .map(([h, w, cs]) => ({ spec: { kind: 'concat' as const }, shapes: cs.map((c) => [h, w, c] as Shape3) })),
  squeezeExcite: single(
    fc.record({
      kind: fc.constant('squeezeExcite' as const),
      squeezeChannels: small,
      innerActivation: fc.constantFrom('relu' as const, 'hardSwish' as const),
      gateActivation: fc.constantFrom('hardSigmoid' as const, 'sigmoid' as const),
    }),
  ),
  zeroPadShortcut: fc.tuple(shapeArb, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 3 })).map(([shape, extra, strides]) => ({
    spec: { kind: 'zeroPadShortcut' as const, filters: shape[2] + extra, strides },
    shapes: [shape],
  })),
};

/** Whether the layer's window fits its input (the cost model rejects the rest; tested separately). */
function fits({ spec, shapes }: Case): boolean {
  const toPair = (p: number | readonly [number, number] | undefined): [number, number] =>
    p === undefined ? [1, 1] : typeof p === 'number' ? [p, p] : [p[0], p[1]];
  switch (spec.kind) {
    case 'conv2d':
    case 'depthwiseConv2d':
    case 'separableConv2d':
      return kernelFits(shapes[0], toPair(spec.kernelSize), toPair(spec.dilation), spec.padding ?? 'same');
    case 'maxPool':
    case 'avgPool':
      return kernelFits(shapes[0], toPair(spec.poolSize), [1, 1], spec.padding ?? 'valid');
    default:
      return true;
  }
}

test('the case table covers every layer kind', () => {
  assert.deepEqual(Object.keys(CASES).sort(), [...LAYER_KINDS].sort());
});

for (const kind of LAYER_KINDS) {
  test(`${kind}: the multiply-adds counted by running the loops equal layerCost's macs on ${RUNS_PER_KIND} random shapes`, () => {
    let checked = 0;
    fc.assert(
      fc.property(CASES[kind], fc.nat(10_000), (c, seed) => {
        fc.pre(fits(c));
        checked++;
        const inputs = c.shapes.map((shape, n) => randomTensor(shape, seed + n));
        const result = runLayer(c.spec, inputs, randomWeights(c.spec, c.shapes, seed));
        const cost = layerCost(c.spec, c.shapes);
        assert.equal(result.macs, cost.macs, `counted vs formula for ${JSON.stringify(c)}`);
        assert.deepEqual([...result.output.shape], [...cost.outputShape]);
        assert.ok(result.output.data.every(Number.isFinite), 'finite outputs');
      }),
      { numRuns: RUNS_PER_KIND, seed: 20261129 },
    );
    assert.ok(checked >= RUNS_PER_KIND, `${checked} shapes checked`);
  });
}

test('a 15x15x8 to 16 filters stride-2 conv counts 8·8·3·3·8·16 multiply-adds, as layerCost does', () => {
  const spec: LayerSpec = { kind: 'conv2d', filters: 16, kernelSize: 3, strides: 2 };
  const shapes: Shape3[] = [[15, 15, 8]];
  const result = runLayer(spec, [randomTensor(shapes[0], 1)], randomWeights(spec, shapes, 1));
  assert.equal(result.macs, 8 * 8 * 3 * 3 * 8 * 16);
  assert.equal(result.macs, layerCost(spec, shapes).macs);
});

test('runLayer rejects two inputs for a single-input layer, naming inputs', () => {
  assert.throws(
    () => runLayer({ kind: 'activation', activation: 'relu' }, [randomTensor([1, 1, 1], 1), randomTensor([1, 1, 1], 2)]),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'inputs',
  );
});

test('runLayer rejects an unknown kind, naming kind', () => {
  assert.throws(
    () => runLayer({ kind: 'conv3d' } as unknown as LayerSpec, [randomTensor([1, 1, 1], 1)]),
    (error: unknown) => error instanceof ConvkitInputError && error.field === 'kind',
  );
});
