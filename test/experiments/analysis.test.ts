import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import {
  compareAtEqualCost,
  DEGRADATION_MARGIN,
  degradationVerdict,
  epochRows,
  interpolateError,
  linearBottleneckVerdict,
  spread,
  type CostPoint,
} from '../../src/experiments/analysis';
import type { EpochRecord, ExperimentRecord, RunRecord } from '../../src/experiments/experiment';

const epoch = (e: number, trainAccuracy: number, testAccuracy: number): EpochRecord => ({
  epoch: e,
  trainLoss: 1 / e,
  trainAccuracy,
  testAccuracy,
  seconds: 1,
});

/** A run whose seeds end at the given (train, test) accuracies after two epochs. */
function run(id: string, finals: readonly (readonly [number, number])[], cost = { params: 1000, macs: 1e6 }): RunRecord {
  return {
    id,
    label: id,
    model: id,
    facts: {},
    params: cost.params,
    trainableParams: cost.params,
    macs: cost.macs,
    seeds: finals.map(([train, testAcc], seed) => ({
      seed,
      epochs: [epoch(1, train / 2, testAcc / 2), epoch(2, train, testAcc)],
      firstLosses: [2.3, 2.2, 2.1],
    })),
  };
}

function record(experiment: string, runs: RunRecord[]): ExperimentRecord {
  return { experiment, runs } as unknown as ExperimentRecord;
}

test('spread: mean, sample sd, range; one value has sd 0', () => {
  assert.deepEqual(spread([2]), { mean: 2, sd: 0, min: 2, max: 2, n: 1 });
  const s = spread([1, 2, 3, 4]);
  assert.equal(s.mean, 2.5);
  assert.ok(Math.abs(s.sd - Math.sqrt(5 / 3)) < 1e-12);
  assert.throws(() => spread([]), /values/);
});

test("degradation: reproduced only when the plain net's training loss rises with depth and the ResNet's does not, by the stated margin", () => {
  /** A run whose last epoch ends at training loss `loss`. */
  const withLoss = (id: string, loss: number): RunRecord => {
    const r = run(id, [[0.9, 0.88]]);
    const [seed] = r.seeds;
    return { ...r, seeds: [{ ...seed, epochs: [seed.epochs[0], { ...seed.epochs[1], trainLoss: loss }] }] };
  };
  const verdict = (plain56: number, resnet56: number) =>
    degradationVerdict(
      record('degradation', [withLoss('plain-20', 0.4), withLoss('resnet-20', 0.4), withLoss('plain-56', plain56), withLoss('resnet-56', resnet56)]),
    ).verdict;
  assert.equal(verdict(1.0, 0.38), 'reproduced');
  assert.equal(verdict(1.0, 0.4 * (1 + DEGRADATION_MARGIN / 2)), 'reproduced');
  assert.equal(verdict(1.0, 0.6), 'partly reproduced'); // ResNet's loss rises by 50%, the plain net's by 150%
  assert.equal(verdict(1.0, 1.0), 'not reproduced');
  assert.equal(verdict(0.41, 0.38), 'not reproduced'); // the plain net does not degrade
  const text = degradationVerdict(
    record('degradation', [withLoss('plain-20', 0.4), withLoss('resnet-20', 0.4), withLoss('plain-56', 1.0), withLoss('resnet-56', 0.38)]),
  ).evidence;
  assert.match(text, /plain-20 0\.400, plain-56 1\.000 \(\+150%\)/);
  assert.match(text, /Training error \(inference mode\): plain-20 10\.0%/);
});

test('interpolateError is linear in log x between neighbours and undefined outside the curve', () => {
  const point = (x: number, error: number): CostPoint => ({ run: String(x), x, error: spread([error]) });
  const curve = [point(100, 0.3), point(10_000, 0.1)];
  assert.ok(Math.abs((interpolateError(curve, 1000) ?? Number.NaN) - 0.2) < 1e-12);
  assert.equal(interpolateError(curve, 99), undefined);
  assert.equal(interpolateError(curve, 10_001), undefined);
  fc.assert(
    fc.property(fc.double({ min: 100, max: 10_000, noNaN: true }), (x) => {
      const e = interpolateError(curve, x) ?? Number.NaN;
      return e <= 0.3 + 1e-12 && e >= 0.1 - 1e-12;
    }),
  );
});

test('compareAtEqualCost: all, some or none of the challenger points below the reference curve', () => {
  const point = (x: number, error: number): CostPoint => ({ run: `n${x}`, x, error: spread([error]) });
  const reference = [point(100, 0.3), point(10_000, 0.1)];
  const names = { challenger: 'DenseNet-BC', reference: 'ResNet', axis: 'parameters' };
  assert.equal(compareAtEqualCost([point(1000, 0.15)], reference, names).verdict, 'reproduced');
  assert.equal(compareAtEqualCost([point(1000, 0.15), point(5000, 0.2)], reference, names).verdict, 'partly reproduced');
  assert.equal(compareAtEqualCost([point(1000, 0.25)], reference, names).verdict, 'not reproduced');
  const outside = compareAtEqualCost([point(50_000, 0.01)], reference, names);
  assert.equal(outside.verdict, 'not reproduced');
  assert.match(outside.evidence, /nothing to compare/);
});

test('linear bottleneck: the difference must exceed the stated standard errors; epochRows averages over seeds', () => {
  const r = (linear: number[], relu: number[]) =>
    linearBottleneckVerdict(
      record('linear-bottleneck', [
        run(
          'linear',
          linear.map((a) => [a, a]),
        ),
        run(
          'relu6',
          relu.map((a) => [a, a]),
        ),
      ]),
    ).verdict;
  assert.equal(r([0.9, 0.91, 0.9], [0.85, 0.86, 0.85]), 'reproduced');
  assert.equal(r([0.9, 0.8, 0.95], [0.88, 0.87, 0.86]), 'partly reproduced');
  assert.equal(r([0.8, 0.8, 0.8], [0.85, 0.86, 0.85]), 'not reproduced');
  const rows = epochRows(
    record('x', [
      run('a', [
        [0.8, 0.7],
        [0.6, 0.5],
      ]),
    ]),
    'testError',
  );
  assert.deepEqual(
    rows.map((row) => [row.epoch, Number(row.mean.toFixed(3)), Number(row.min.toFixed(3)), Number(row.max.toFixed(3))]),
    [
      [1, 0.7, 0.65, 0.75],
      [2, 0.4, 0.3, 0.5],
    ],
  );
});
