/**
 * The claims table's rules, each tried on hand-written numbers on both sides
 * of its threshold: vanishing below a first/last gradient ratio of 0.1, even
 * when the shortcut nets' spread is at least 10× below the plain net's, a
 * regularising effect beyond 2 standard errors, feature reuse above the
 * untrained band (mean ± 3 sd; the Fashion-MNIST net decides, the digits net
 * alone gives "partly"), fewer parameters from the Fashion-MNIST comparison at
 * equal parameters. The expected statuses are worked out here by hand, so a
 * changed threshold or a flipped comparison fails a test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { claimsTable, type ClaimEvidence } from '../../../src/lessons/resnet-densenet/claims';
import type { LayerGradient } from '../../../src/lessons/resnet-densenet/gradient-flow';
import { compareReuseToUntrained } from '../../../src/lessons/resnet-densenet/reuse-baseline';
import { compareAtEqualCost, spread, type CostPoint } from '../../../src/experiments/analysis';

const norms = (values: number[]): LayerGradient[] => values.map((gradientNorm, i) => ({ position: i + 1, layer: `conv${i + 1}`, gradientNorm }));
/** Mean 1.0, sample sd √(0.00025 / 4) ≈ 0.0079: the ±3 sd band is 0.9763–1.0237. */
const untrained = [1.0, 1.01, 0.99, 1.005, 0.995];

/**
 * Numbers of the kind lesson 08 measures: a plain net whose gradient grows
 * towards the input (first/last 346.9 / 0.702 ≈ 494.2), ten tensors read by a
 * four-unit dense block against four in the ResNet chain, a trained reuse
 * share inside the untrained band, the published C10+ figures of Huang et al.
 * 2017 Table 2 (DenseNet-BC L = 100, k = 12: 0.8M, 4.51%; pre-activation
 * ResNet-1001: 10.2M, 4.62%), and train/test accuracies on 359 test images.
 */
function evidence(overrides: Partial<ClaimEvidence> = {}): ClaimEvidence {
  return {
    gradients: { plain: norms([346.9, 5, 0.702]), resnet: norms([2.616, 1, 0.961]), densenet: norms([0.6, 0.3, 0.14]) },
    connections: { dense: 10, resnet: 4, units: 4 },
    reuse: compareReuseToUntrained(1.0, untrained),
    fashionReuse: compareReuseToUntrained(1.01, untrained),
    fashionParameters: atEqualParams(point('DenseNet-BC', 30_000, 0.15)),
    published: { denseParamsM: 0.8, denseError: 4.51, resnetParamsM: 10.2, resnetError: 4.62 },
    training: { resnet: { trainAccuracy: 0.992, testAccuracy: 0.978 }, densenet: { trainAccuracy: 0.987, testAccuracy: 0.989 }, testImages: 359 },
    ...overrides,
  };
}
/** A cost point with one seed per error. */
const point = (run: string, x: number, ...errors: number[]): CostPoint => ({ run, x, error: spread(errors) });
/**
 * ResNets at 10k and 100k parameters with 20% and 10% error: in log x the
 * curve at 30k is 20 − 10·log10(3) ≈ 15.2%, so a DenseNet-BC there with 15.0%
 * lies below it and one with 15.5% above it.
 */
const resnets = [point('ResNet small', 10_000, 0.2), point('ResNet large', 100_000, 0.1)];
const atEqualParams = (...dense: CostPoint[]) => compareAtEqualCost(dense, resnets, { challenger: 'DenseNet-BC', reference: 'ResNet', axis: 'parameters' });

const status = (e: ClaimEvidence, claim: string) => claimsTable(e).find((c) => c.claim === claim)!.status;

test('the claims table covers the five claimed benefits in order', () => {
  assert.deepEqual(
    claimsTable(evidence()).map((c) => c.claim),
    ['less vanishing gradient', 'stronger feature propagation', 'feature reuse', 'fewer parameters', 'regularising effect'],
  );
});

test('feature reuse is "shown" when the Fashion-MNIST share is just above its untrained band (1.0237), "partly" when only the digits one is', () => {
  assert.equal(status(evidence(), 'feature reuse'), 'not shown here');
  assert.match(claimsTable(evidence())[2].evidence, /^Fashion-MNIST DenseNet-BC: .*Inside the band.* Digits DenseNet-BC: .*Inside the band/);
  assert.equal(status(evidence({ fashionReuse: compareReuseToUntrained(1.025, untrained) }), 'feature reuse'), 'shown');
  assert.equal(status(evidence({ fashionReuse: compareReuseToUntrained(1.022, untrained) }), 'feature reuse'), 'not shown here');
  assert.equal(status(evidence({ fashionReuse: compareReuseToUntrained(0.97, untrained) }), 'feature reuse'), 'not shown here');
  assert.equal(status(evidence({ reuse: compareReuseToUntrained(1.025, untrained) }), 'feature reuse'), 'partly shown');
  assert.equal(
    status(evidence({ reuse: compareReuseToUntrained(1.025, untrained), fashionReuse: compareReuseToUntrained(1.03, untrained) }), 'feature reuse'),
    'shown',
  );
});

test('a plain net whose gradient grows towards the input leaves "less vanishing gradient" only partly shown', () => {
  const claim = claimsTable(evidence())[0];
  assert.equal(claim.status, 'partly shown');
  assert.match(claim.evidence, /plain 494\.2/);
  assert.match(claim.evidence, /grows towards the input/);
});

test('a plain first/last gradient of 0.09 vanishes ("shown"), 0.11 does not, and neither counts when a shortcut net vanishes too', () => {
  const keeps = { resnet: norms([0.9, 1, 1]), densenet: norms([0.8, 1, 1]) };
  assert.equal(status(evidence({ gradients: { plain: norms([0.09, 0.5, 1]), ...keeps } }), 'less vanishing gradient'), 'shown');
  // 0.11: not vanishing; spreads 9.1× (plain) and 1.25× (DenseNet) are not 10× apart either.
  assert.equal(status(evidence({ gradients: { plain: norms([0.11, 0.5, 1]), ...keeps } }), 'less vanishing gradient'), 'not shown here');
  // The ResNet's 0.09 vanishes as much as the plain net's; both spreads are 11.1×.
  assert.equal(
    status(evidence({ gradients: { plain: norms([0.09, 0.5, 1]), resnet: norms([0.09, 1, 1]), densenet: norms([0.8, 1, 1]) } }), 'less vanishing gradient'),
    'not shown here',
  );
});

test('shortcut spreads of 9.9× against a plain 100× are even ("partly shown"); 10.1× are not', () => {
  const plain = norms([100, 10, 1]); // first/last 100: grows, does not vanish; spread 100×
  assert.equal(status(evidence({ gradients: { plain, resnet: norms([9.9, 1, 1]), densenet: norms([1, 1, 1]) } }), 'less vanishing gradient'), 'partly shown');
  assert.equal(
    status(evidence({ gradients: { plain, resnet: norms([10.1, 1, 1]), densenet: norms([1, 1, 1]) } }), 'less vanishing gradient'),
    'not shown here',
  );
});

test('fewer parameters follows the Fashion-MNIST comparison at equal parameters: all below the ResNet curve "shown", some "partly", none "not shown here"', () => {
  assert.equal(status(evidence(), 'fewer parameters'), 'shown');
  const below = point('DenseNet-BC a', 30_000, 0.15);
  const above = point('DenseNet-BC b', 30_000, 0.155);
  assert.equal(status(evidence({ fashionParameters: atEqualParams(below, above) }), 'fewer parameters'), 'partly shown');
  assert.equal(status(evidence({ fashionParameters: atEqualParams(above) }), 'fewer parameters'), 'not shown here');
  // Outside the ResNets' range there is nothing to compare.
  assert.equal(status(evidence({ fashionParameters: atEqualParams(point('DenseNet-BC tiny', 5_000, 0.01)) }), 'fewer parameters'), 'not shown here');
});

test('the published CIFAR figures are quoted in the parameters row, with the Fashion-MNIST evidence first', () => {
  const row = claimsTable(evidence())[3];
  assert.match(row.evidence, /^Fashion-MNIST, reproduced \(rule: every DenseNet-BC below the ResNet curve at equal parameters\): 1 of 1 /);
  assert.match(
    row.evidence,
    /Published C10\+ \(Huang et al\. 2017, Table 2\), not measured here: DenseNet-BC 0\.8M params, 4\.51% error .* 8% of the parameters at no higher error/,
  );
  const worse = claimsTable(evidence({ published: { denseParamsM: 0.8, denseError: 4.63, resnetParamsM: 10.2, resnetError: 4.62 } }))[3];
  assert.match(worse.evidence, /at a higher error/);
});

test('a gap difference within two standard errors of the test accuracies is "not shown here"; a larger one "partly shown"', () => {
  // Gaps 1.4 and −0.2 points; 2 SE = 2·√((0.978·0.022 + 0.989·0.011) / 359) ≈ 1.9 points.
  assert.equal(status(evidence(), 'regularising effect'), 'not shown here');
  assert.match(claimsTable(evidence())[4].evidence, /2 standard errors = 1\.9 points/);
  // Both test accuracies 0.9 on 400 images: 2 SE = 2·√(2 · 0.9 · 0.1 / 400) ≈ 4.24 points.
  const gaps = (densenetTrain: number) => ({
    resnet: { trainAccuracy: 1, testAccuracy: 0.9 },
    densenet: { trainAccuracy: densenetTrain, testAccuracy: 0.9 },
    testImages: 400,
  });
  assert.equal(status(evidence({ training: gaps(0.95) }), 'regularising effect'), 'partly shown'); // 10 − 5 = 5 points apart
  assert.equal(status(evidence({ training: gaps(0.96) }), 'regularising effect'), 'not shown here'); // 10 − 6 = 4 points apart
});

test('the structural propagation claim is at most partly shown and needs more direct paths than the chain', () => {
  assert.equal(status(evidence(), 'stronger feature propagation'), 'partly shown');
  assert.equal(status(evidence({ connections: { dense: 5, resnet: 4, units: 4 } }), 'stronger feature propagation'), 'partly shown');
  assert.equal(status(evidence({ connections: { dense: 4, resnet: 4, units: 4 } }), 'stronger feature propagation'), 'not shown here');
});
