import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { summarize } from '../../../src/cost/summary';
import { ConvkitInputError } from '../../../src/core/errors';
import { denseBlockSpec, denseLayerSpec, transitionSpec } from '../../../src/models/one-block';
import {
  blockSumTex,
  bottleneckLayerMacs,
  bottleneckLayerWeights,
  plainBlockMacsClosedForm,
  plainLayerMacs,
  plainLayerWeights,
  transitionMacs,
  transitionWeights,
} from '../../../src/lessons/densenet/layer-formulas';

const sizes = fc.record({
  side: fc.integer({ min: 1, max: 40 }),
  k0: fc.integer({ min: 1, max: 300 }),
  k: fc.integer({ min: 1, max: 48 }),
  l: fc.integer({ min: 1, max: 30 }),
});

test('the dense-layer formulas equal the cost model on the layer spec, plain and bottleneck', () => {
  fc.assert(
    fc.property(sizes, ({ side, k0, k, l }) => {
      const c = k0 + (l - 1) * k;
      const scope = { H: side, W: side, k0, k, l };
      const plain = summarize(denseLayerSpec([side, side, c], { growthRate: k, bottleneck: false }));
      const bc = summarize(denseLayerSpec([side, side, c], { growthRate: k, bottleneck: true }));
      assert.equal(plainLayerMacs.evaluate(scope), plain.macs);
      assert.equal(bottleneckLayerMacs.evaluate(scope), bc.macs);
      // Trainable = conv weights + BN γ/β (2 per channel of each BN's input).
      assert.equal(plainLayerWeights.evaluate(scope) + 2 * c, plain.params.trainable);
      assert.equal(bottleneckLayerWeights.evaluate(scope) + 2 * c + 2 * 4 * k, bc.params.trainable);
    }),
    { numRuns: 60, seed: 7 },
  );
});

test('the closed form H·W·9·k·(L·k0 + k·L(L−1)/2) equals the summed cost of a whole plain block', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 16 }),
      fc.integer({ min: 1, max: 64 }),
      fc.integer({ min: 1, max: 32 }),
      fc.integer({ min: 1, max: 12 }),
      (side, k0, k, L) => {
        const block = summarize(denseBlockSpec([side, side + 1, k0], { layers: L, growthRate: k, bottleneck: false }));
        assert.equal(plainBlockMacsClosedForm(side, side + 1, k0, k, L), block.macs);
      },
    ),
    { numRuns: 40, seed: 8 },
  );
});

test('the transition formulas equal the cost model for any compression θ', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 2, max: 600 }), fc.double({ min: 0.05, max: 1, noNaN: true }), (half, C, theta) => {
      if (Math.floor(theta * C) < 1) return;
      const side = 2 * half;
      const summary = summarize(transitionSpec([side, side, C], { compression: theta }));
      assert.equal(transitionMacs.evaluate({ H: side, W: side, C, theta }), summary.macs);
      assert.equal(transitionWeights.evaluate({ C, theta }) + 2 * C, summary.params.trainable);
    }),
    { numRuns: 60, seed: 9 },
  );
});

test("the LaTeX is printed from the expressions, with k_0, θ and the cost model's symbols", () => {
  assert.match(plainLayerMacs.tex, /\{k_0\}/);
  assert.match(plainLayerMacs.tex, /\{H\}/);
  assert.match(transitionMacs.tex, /\\lfloor\{\\theta\}/);
  assert.ok(blockSumTex(plainLayerMacs).includes(plainLayerMacs.tex));
});

test('a formula evaluated without one of its symbols names the symbol', () => {
  assert.throws(
    () => plainLayerMacs.evaluate({ H: 4, W: 4, k0: 8, k: 2 }),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'plainLayerMacs.l',
  );
  assert.throws(
    () => plainBlockMacsClosedForm(4, 4, 8, 2, 0),
    (e: unknown) => e instanceof ConvkitInputError && e.field === 'layers',
  );
});
