/**
 * Lesson 08's reading of the accuracy-per-parameter record, on a record
 * written by hand: DenseNet-BC against the ResNet curve on parameters and on
 * MACs separately (compareAtEqualCost), and the readings follow each verdict.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accuracyPerCostChart, accuracyPerCostFromRecord, accuracyPerCostReading } from '../../../src/lessons/resnet-densenet/fashion-accuracy';
import { chartLayoutProblems } from '../../../src/plot/layout-check';
import { fakeRecord, fakeRun, fakeSeed } from '../fake-record';

const net = (family: 'ResNet' | 'DenseNet-BC', id: string, params: number, macs: number, errors: number[]) =>
  fakeRun({ id, label: id, facts: { family }, params, macs, seeds: errors.map((e, s) => fakeSeed(s, [[1 - e + 0.02, 1 - e]])) });

/**
 * ResNets: 10k params / 1M MACs at 20%, 100k / 10M at 10%. DenseNet-BCs at 31.6k params (curve 15%) with 13% and 16%,
 * both at 8M MACs (curve 20 − 10·log10(8) = 11.0%), so on MACs neither is below.
 */
const record = fakeRecord('accuracy-per-parameter', [
  net('ResNet', 'resnet-a', 10_000, 1_000_000, [0.2, 0.2, 0.2]),
  net('ResNet', 'resnet-b', 100_000, 10_000_000, [0.1, 0.1, 0.1]),
  net('DenseNet-BC', 'dense-a', 31_623, 8_000_000, [0.12, 0.13, 0.14]),
  net('DenseNet-BC', 'dense-b', 31_623, 8_000_000, [0.16, 0.16, 0.16]),
]);

test('parameters and MACs are compared separately, each with its own verdict and reading', () => {
  const r = accuracyPerCostFromRecord(record);
  assert.equal(r.params.verdict.verdict, 'partly reproduced');
  assert.match(r.params.verdict.evidence, /^1 of 2 DenseNet-BC points below the ResNet curve at equal parameters/);
  assert.equal(r.macs.verdict.verdict, 'not reproduced');
  const params = accuracyPerCostReading(r, 'params');
  assert.match(params[0], /^Some DenseNet-BCs lie below the ResNet curve at equal parameters and some above it/);
  assert.match(
    params[1],
    /^ResNet curve minus DenseNet-BC net, in points of test error at equal parameters \(\+ favours DenseNet-BC\): dense-a \+2\.0; dense-b −1\.0$/,
  );
  assert.match(params[2], /^1 of 2 differences are larger than the gap between that DenseNet-BC net’s own seeds/);
  assert.match(
    params[3],
    /^the same comparison on the final training loss .*: 0 of 2 DenseNet-BC nets below the ResNet curve at equal parameters \(dense-a 2\.000 vs 2\.000; dense-b 2\.000 vs 2\.000\)\.$/,
  );
  assert.match(accuracyPerCostReading(r, 'macs')[0], /^No DenseNet-BC lies below the ResNet curve at equal MACs: .* lower test error per multiply-add\.$/);
});

test('both charts lay out cleanly on a log axis', async () => {
  const r = accuracyPerCostFromRecord(record);
  for (const axis of ['params', 'macs'] as const) assert.deepEqual(await chartLayoutProblems(accuracyPerCostChart(r, axis)), []);
  const macs = accuracyPerCostChart(r, 'macs') as unknown as { encoding: { x: { title: string } } };
  assert.equal(macs.encoding.x.title, 'multiply-adds per 14×14 image (log scale)');
});
