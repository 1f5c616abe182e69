/**
 * Lesson 04's reading of the separable-tradeoff record, on a record written
 * by hand: the pooled comparison at equal MACs is the verdict, each
 * resolution alone and the nets outside the standard range are reported,
 * and the reading's first sentence follows the verdict. The interpolations
 * are worked out in the comments (linear in log MACs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { ConvkitInputError } from '../../../src/core/errors';
import {
  separableTradeoffChart,
  separableTradeoffFromRecord,
  separableTradeoffReading,
  separableTradeoffResults,
} from '../../../src/lessons/mobilenet/separable-tradeoff';
import { chartLayoutProblems } from '../../../src/plot/layout-check';
import { fakeRecord, fakeRun, fakeSeed, recordsFolder } from '../fake-record';

/** A net with two seeds whose final test errors are `errors`. */
const net = (family: 'separable' | 'standard', width: number, resolution: 14 | 28, macs: number, ...errors: number[]) =>
  fakeRun({
    id: `${family}-w${width}-r${resolution}`,
    label: `${family}, width ${width}, ${resolution}×${resolution}`,
    facts: { family, width, resolution },
    macs,
    resolution,
    seeds: errors.map((e, s) => fakeSeed(s, [[1 - e + 0.05, 1 - e]])),
  });

/**
 * Pooled standard curve: 233k 25%, 918k 22%, 932k 20%, 3.64M 16%, 3.67M 15%, 14.6M 11%.
 * Separable at 500k (20.5%) vs 23.3%, 600k (18%) vs 22.9%, 1.8M (15.5%) vs 18.1%, 2M (14%) vs 17.4%: below;
 * 7.2M (14%) vs 13.05%: above. 150k lies below the cheapest standard net: not compared.
 * 14×14 alone: 500k vs 23.3%, 1.8M vs 19.1%: both below. 28×28 alone: 600k outside, 2M vs 17.2% below, 7.2M above.
 */
const record = fakeRecord('separable-tradeoff', [
  net('separable', 8, 14, 150_064, 0.3, 0.3),
  net('separable', 16, 14, 500_832, 0.2, 0.21),
  net('separable', 32, 14, 1_804_480, 0.15, 0.16),
  net('standard', 4, 14, 233_008, 0.25, 0.25),
  net('standard', 8, 14, 917_600, 0.22, 0.22),
  net('standard', 16, 14, 3_641_536, 0.16, 0.16),
  net('separable', 8, 28, 599_296, 0.18, 0.18),
  net('separable', 16, 28, 2_001_408, 0.14, 0.14),
  net('separable', 32, 28, 7_214_080, 0.14, 0.14),
  net('standard', 4, 28, 931_552, 0.2, 0.2),
  net('standard', 8, 28, 3_669_440, 0.15, 0.15),
  net('standard', 16, 28, 14_564_224, 0.11, 0.11),
]);

test('the pooled comparison at equal MACs is the verdict; each resolution alone is reported beside it', () => {
  const r = separableTradeoffFromRecord(record);
  assert.deepEqual(r.resolutions, [14, 28]);
  assert.equal(r.verdict.verdict, 'partly reproduced');
  assert.match(r.verdict.evidence, /^4 of 5 separable points below the standard curve at equal MACs/);
  assert.deepEqual(
    r.byResolution.map((b) => [b.resolution, b.verdict.verdict]),
    [
      [14, 'reproduced'],
      [28, 'partly reproduced'],
    ],
  );
  assert.deepEqual(
    r.outsideRange.map((p) => p.run),
    ['separable, width 8, 14×14'],
  );
  const last = r.differences.find((d) => d.run === 'separable, width 32, 28×28')!;
  assert.ok(last.points < 0 && last.points > -1.1, `${last.points}`);
});

test('the reading follows the verdict and prints every difference, the seed check and the per-resolution verdicts', () => {
  const lines = separableTradeoffReading(separableTradeoffFromRecord(record));
  assert.match(lines[0], /^Some separable nets lie below the standard curve/);
  assert.match(
    lines[1],
    /^standard curve minus separable net, in points of test error at equal MACs \(\+ favours separable\): separable, width 16, 14×14 \+2\.8; /,
  );
  assert.match(lines[2], /^5 of 5 differences are larger than the gap between that separable net’s own seeds/);
  assert.equal(lines[3], 'separable, width 8, 14×14 (150,064 MACs) lies outside the standard nets’ range and is not compared.');
  // Every fake net ends its one epoch at the same loss (2.0): none lies below the other family's curve.
  assert.match(
    lines[4],
    /^the same comparison on the final training loss \(the last epoch's mean over all its batches\): 0 of 5 separable nets below the standard curve at equal MACs/,
  );
  assert.match(lines[5], /^On the training loss the same rule would give “not reproduced” instead of “partly reproduced”/);
  assert.equal(lines[6], 'each resolution alone, same rule: 14×14 reproduced, 28×28 partly reproduced.');
  const better = fakeRecord(
    'separable-tradeoff',
    record.runs.map((run) => (run.id === 'separable-w32-r28' ? net('separable', 32, 28, 7_214_080, 0.12, 0.12) : run)),
  );
  assert.match(
    separableTradeoffReading(separableTradeoffFromRecord(better))[0],
    /^Every separable net inside the standard nets’ range of cost lies below the standard curve/,
  );
});

test('when only the pooled comparison misses, the reading says the misses come from comparing across resolutions', () => {
  const acrossOnly = fakeRecord(
    'separable-tradeoff',
    record.runs.map((run) =>
      run.id === 'separable-w32-r28'
        ? net('separable', 32, 28, 7_214_080, 0.12, 0.12)
        : run.id === 'separable-w8-r28'
          ? net('separable', 8, 28, 599_296, 0.3, 0.3)
          : run,
    ),
  );
  const results = separableTradeoffFromRecord(acrossOnly);
  assert.equal(results.verdict.verdict, 'partly reproduced');
  assert.deepEqual(
    results.byResolution.map((b) => b.verdict.verdict),
    ['reproduced', 'reproduced'],
  );
  const lines = separableTradeoffReading(results);
  assert.match(
    lines[lines.length - 1],
    /^At each resolution alone every separable net that can be compared lies below the standard curve: the misses come only from pooling/,
  );
  // The original record misses at 28×28 alone too, so it gets no such line.
  assert.ok(!separableTradeoffReading(separableTradeoffFromRecord(record)).some((l) => l.startsWith('At each resolution alone')));
});

test('the chart has a line per family and resolution and lays out cleanly', async () => {
  const spec = separableTradeoffChart(separableTradeoffFromRecord(record)) as unknown as { data: { values: { family: string; variant: string }[] } };
  assert.deepEqual(
    [...new Set(spec.data.values.map((v) => `${v.family} ${v.variant}`))],
    ['separable blocks 14×14', 'standard convs 14×14', 'separable blocks 28×28', 'standard convs 28×28'],
  );
  assert.deepEqual(await chartLayoutProblems(separableTradeoffChart(separableTradeoffFromRecord(record))), []);
});

test('the results are read from data/experiments/separable-tradeoff.json of the folder given; another experiment’s record is refused', () => {
  const folder = recordsFolder(record);
  try {
    assert.equal(separableTradeoffResults(folder).verdict.verdict, 'partly reproduced');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  assert.throws(() => separableTradeoffFromRecord({ ...record, experiment: 'degradation' }), ConvkitInputError);
});
