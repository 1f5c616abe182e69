import { test } from 'node:test';
import assert from 'node:assert/strict';
import { claimsTable, EVEN_FACTOR, GAP_Z_THRESHOLD, VANISHING_RATIO, type ClaimEvidence } from '../../../src/lessons/resnet-densenet/claims';
import type { LayerGradient } from '../../../src/lessons/resnet-densenet/gradient-flow';
import { compareReuseToUntrained } from '../../../src/lessons/resnet-densenet/reuse-baseline';

const norms = (values: number[]): LayerGradient[] => values.map((gradientNorm, i) => ({ position: i + 1, layer: `conv${i + 1}`, gradientNorm }));
const untrained = [1.0, 1.01, 0.99, 1.005, 0.995];

/** The numbers lesson 08 printed at HEAD 24a9836 (gradient ends and spreads, connections, published, final accuracies). */
function evidence(overrides: Partial<ClaimEvidence> = {}): ClaimEvidence {
  return {
    gradients: { plain: norms([346.9, 5, 0.702]), resnet: norms([2.616, 1, 0.961]), densenet: norms([0.6, 0.3, 0.14]) },
    connections: { dense: 10, resnet: 4, units: 4 },
    reuse: compareReuseToUntrained(1.0, untrained),
    published: { denseParamsM: 0.8, denseError: 4.51, resnetParamsM: 10.2, resnetError: 4.62 },
    training: { resnet: { trainAccuracy: 0.992, testAccuracy: 0.978 }, densenet: { trainAccuracy: 0.987, testAccuracy: 0.989 }, testImages: 359 },
    ...overrides,
  };
}
const status = (e: ClaimEvidence, claim: string) => claimsTable(e).find((c) => c.claim === claim)!.status;

test('the claims table covers the five claimed benefits in order', () => {
  assert.deepEqual(claimsTable(evidence()).map((c) => c.claim), ['less vanishing gradient', 'stronger feature propagation', 'feature reuse', 'fewer parameters', 'regularising effect']);
});

test('feature reuse is "not shown here" when the trained share lies inside the untrained band, and "shown" only above it', () => {
  assert.equal(status(evidence(), 'feature reuse'), 'not shown here');
  assert.match(claimsTable(evidence())[2].evidence, /Inside the band/);
  assert.equal(status(evidence({ reuse: compareReuseToUntrained(1.2, untrained) }), 'feature reuse'), 'shown');
  assert.equal(status(evidence({ reuse: compareReuseToUntrained(0.8, untrained) }), 'feature reuse'), 'not shown here');
});

test('a plain net whose gradient grows towards the input leaves "less vanishing gradient" only partly shown', () => {
  const claim = claimsTable(evidence())[0];
  assert.equal(claim.status, 'partly shown');
  assert.match(claim.evidence, /plain 494\.2/);
  assert.match(claim.evidence, /grows towards the input/);
});

test('a plain gradient that vanishes below the threshold while the shortcut nets keep theirs is "shown"', () => {
  const vanishing = norms([VANISHING_RATIO / 2, 0.5, 1]);
  assert.equal(status(evidence({ gradients: { plain: vanishing, resnet: norms([0.9, 1, 1]), densenet: norms([0.8, 1, 1]) } }), 'less vanishing gradient'), 'shown');
  // Shortcut spreads not EVEN_FACTOR below the plain one, and no vanishing: not shown.
  const flat = norms([1, 2, 1]);
  assert.equal(status(evidence({ gradients: { plain: flat, resnet: norms([1, 2 / EVEN_FACTOR + 1.5, 1]), densenet: flat } }), 'less vanishing gradient'), 'not shown here');
});

test('fewer published parameters at no higher error is "shown"; at a higher error only "partly shown"', () => {
  assert.equal(status(evidence(), 'fewer parameters'), 'shown');
  assert.equal(status(evidence({ published: { denseParamsM: 0.8, denseError: 5.0, resnetParamsM: 10.2, resnetError: 4.62 } }), 'fewer parameters'), 'partly shown');
  assert.equal(status(evidence({ published: { denseParamsM: 12, denseError: 4.0, resnetParamsM: 10.2, resnetError: 4.62 } }), 'fewer parameters'), 'not shown here');
});

test('a gap difference within two standard errors of the test accuracies is "not shown here"; a larger one "partly shown"', () => {
  // Lesson 08's numbers: gaps 1.4 and −0.2 points, 2 SE ≈ 1.9 points on 359 images.
  assert.equal(status(evidence(), 'regularising effect'), 'not shown here');
  assert.match(claimsTable(evidence())[4].evidence, new RegExp(`${GAP_Z_THRESHOLD} standard errors`));
  const wide = { resnet: { trainAccuracy: 1, testAccuracy: 0.9 }, densenet: { trainAccuracy: 0.95, testAccuracy: 0.95 }, testImages: 359 };
  assert.equal(status(evidence({ training: wide }), 'regularising effect'), 'partly shown');
});

test('the structural propagation claim is at most partly shown and needs more direct paths than the chain', () => {
  assert.equal(status(evidence(), 'stronger feature propagation'), 'partly shown');
  assert.equal(status(evidence({ connections: { dense: 4, resnet: 4, units: 4 } }), 'stronger feature propagation'), 'not shown here');
});
