/**
 * Lesson 08's reading of the degradation record, on records written by hand:
 * the verdict is degradationVerdict's (final training loss, relative margin
 * of 10%), the reading says which condition failed and prints the errors, and
 * the chart sets the depths apart by colour and the families by dash.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { degradationChart, degradationFromRecord, degradationReading } from '../../../src/lessons/resnet-densenet/fashion-degradation';
import { chartLayoutProblems } from '../../../src/plot/layout-check';
import { fakeRecord, fakeRun, fakeSeed } from '../fake-record';

/**
 * Final training losses of plain-20, plain-56, ResNet-20, ResNet-56 (one seed, four epochs, the loss falling to them);
 * final training errors 10, 13, 9 and 8.5%, test errors 3 points above.
 */
const record = (losses: [number, number, number, number]) =>
  fakeRecord(
    'degradation',
    (['plain-20', 'plain-56', 'resnet-20', 'resnet-56'] as const).map((id, i) =>
      fakeRun({
        id,
        label: id.replace('resnet', 'ResNet'),
        facts: { family: id.startsWith('plain') ? 'plain' : 'ResNet', depth: Number(id.split('-')[1]), width: 8 },
        seeds: [
          fakeSeed(
            0,
            [0.4, 0.3, 0.2, [0.1, 0.13, 0.09, 0.085][i]].map((e) => [1 - e, 1 - e - 0.03] as const),
            undefined,
            [1.5, 1, 0.7, losses[i]],
          ),
        ],
      }),
    ),
  );

test('plain degrading by more than the margin while ResNet does not is "reproduced", and the reading says so', () => {
  // plain 0.40 → 0.50: +25%; ResNet 0.30 → 0.31: +3%.
  const r = degradationFromRecord(record([0.4, 0.5, 0.3, 0.31]));
  assert.equal(r.verdict.verdict, 'reproduced');
  const lines = degradationReading(r);
  assert.match(
    lines[0],
    /^The 56-layer plain net ends with the higher training loss \(\+25%, more than the \+10% margin\), while ResNet-56 ends no worse than ResNet-20 \(\+3%\)/,
  );
  assert.equal(lines[1], 'training error (inference mode): plain-20 10.0%, plain-56 13.0%; ResNet-20 9.0%, ResNet-56 8.5%.');
  assert.equal(lines[2], 'test error: plain-20 13.0%, plain-56 16.0%; ResNet-20 12.0%, ResNet-56 11.5%.');
});

test('the reading names the condition that failed: no plain degradation, or a ResNet that degrades as much', () => {
  const none = degradationFromRecord(record([0.4, 0.42, 0.3, 0.31]));
  assert.equal(none.verdict.verdict, 'not reproduced');
  assert.match(
    degradationReading(none)[0],
    /does not end with a training loss more than \+10% above the 20-layer one \(\+5%\): in this budget there is no degradation/,
  );
  const both = degradationFromRecord(record([0.4, 0.5, 0.3, 0.36]));
  assert.equal(both.verdict.verdict, 'not reproduced');
  assert.match(degradationReading(both)[0], /^The 56-layer plain net degrades \(\+25%\), but ResNet-56 degrades by at least half as much \(\+20%\)/);
  const partly = degradationFromRecord(record([0.4, 0.6, 0.3, 0.36]));
  assert.equal(partly.verdict.verdict, 'partly reproduced');
  assert.match(degradationReading(partly)[0], /ResNet-56's is also higher than ResNet-20's, by \+20%, but by less than half the plain nets’ rise/);
});

test('the three charts colour by depth, dash plain against ResNet, and lay out cleanly', async () => {
  for (const q of ['trainLoss', 'trainError', 'testError'] as const) {
    const spec = degradationChart(degradationFromRecord(record([0.4, 0.5, 0.3, 0.31])), q);
    const rows = (spec as unknown as { data: { values: { run: string; colour: string; dash: string }[] } }).data.values;
    assert.deepEqual(
      [...new Set(rows.map((v) => `${v.run}: ${v.colour}, ${v.dash}`))],
      ['plain-20: 20 layers, plain', 'plain-56: 56 layers, plain', 'ResNet-20: 20 layers, ResNet', 'ResNet-56: 56 layers, ResNet'],
    );
    const line = (spec as unknown as { layer: { encoding: { strokeDash?: { scale: unknown } } }[] }).layer[1];
    assert.deepEqual(line.encoding.strokeDash?.scale, {
      domain: ['plain', 'ResNet'],
      range: [
        [6, 4],
        [1, 0],
      ],
    });
    assert.deepEqual(await chartLayoutProblems(spec), []);
  }
});
