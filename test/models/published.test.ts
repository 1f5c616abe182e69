/**
 * Every published figure in data/reference/*.json, held against the value
 * computed from the zoo spec and the cost model, under the rounding rule the
 * entry states. One subtest per entry, so adding an entry adds a check.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { agrees, computeQuantity, entryProblems, layerWeights, loadReferenceFiles, summaryFor } from './reference-tables';

const files = loadReferenceFiles();

test('the reference folder holds one file per paper plus the Keras and torchvision counts', () => {
  const names = files.map((f) => f.file);
  for (const expected of ['densenet.json', 'keras.json', 'mobilenet-v1.json', 'mobilenet-v2.json', 'mobilenet-v3.json', 'resnet.json']) {
    assert.ok(names.includes(expected), `${expected} missing from data/reference`);
  }
});

test('every reference entry is well formed and its id is unique', () => {
  const seen = new Set<string>();
  for (const { file, entries } of files) {
    assert.ok(entries.length > 0, `${file} has no entries`);
    for (const entry of entries) {
      assert.deepEqual(entryProblems(entry), [], `${file} ${entry.id}`);
      assert.ok(!seen.has(entry.id), `duplicate id ${entry.id}`);
      seen.add(entry.id);
    }
  }
});

for (const { file, entries } of files) {
  describe(`published figures in ${file}`, () => {
    for (const entry of entries) {
      test(`${entry.id} (${entry.value} ${entry.unit}, ${entry.rounding.mode}) is reproduced by the spec`, () => {
        const computed = computeQuantity(entry);
        assert.ok(
          agrees(entry, computed),
          `${entry.id}: computed ${computed} ${entry.unit}, published ${entry.value} (${entry.rounding.mode}, step ${entry.rounding.step})`,
        );
      });
    }
  });
}

describe('MobileNet v1 Table 2 (Howard et al. 2017)', () => {
  const entries = files.flatMap((f) => f.entries).filter((e) => e.id.startsWith('mobilenet-v1/table2/'));

  test('the computed share of the first 3x3 conv is 1.91%, not the 1.19% the paper prints', () => {
    const conv = entries.find((e) => e.id === 'mobilenet-v1/table2/conv3x3/macs-share');
    assert.ok(conv, 'conv3x3 share entry missing');
    const share = computeQuantity(conv);
    assert.equal(share.toFixed(2), '1.91');
    assert.notEqual(share.toFixed(2), conv.source.printed?.replace('%', ''));
    assert.ok(conv.erratum, 'the entry records the erratum');
  });

  test('the four multiply-add shares cover the whole network', () => {
    const shares = entries.filter((e) => e.quantity === 'macsShare').map(computeQuantity);
    assert.equal(shares.length, 4);
    assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 100) < 1e-9);
  });

  test('the four weight shares cover every weight of the network', () => {
    const shares = entries.filter((e) => e.quantity === 'weightsShare').map(computeQuantity);
    assert.equal(shares.length, 4);
    assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 100) < 1e-9);
  });
});

describe('weights versus trainable parameters', () => {
  test('trainable parameters are the weights plus one bias per biased output plus BN gamma and beta', () => {
    for (const model of ['mobilenet-v1', 'mobilenet-v3-small', 'densenet-bc-cifar', 'resnet-cifar']) {
      const s = summaryFor(model, {});
      let expected = 0;
      for (const row of s.rows) {
        const layer = row.layer;
        expected += layerWeights(row);
        if (layer.kind === 'batchNorm') expected += 2 * row.outputShape[2];
        if (layer.kind === 'dense' && layer.useBias !== false) expected += layer.units;
        if (layer.kind === 'squeezeExcite') expected += layer.squeezeChannels + row.outputShape[2];
      }
      assert.equal(s.params.trainable, expected, model);
      const movingStatistics = s.rows.filter((r) => r.layer.kind === 'batchNorm').reduce((n, r) => n + 2 * r.outputShape[2], 0);
      assert.equal(s.params.nonTrainable, movingStatistics, model);
    }
  });
});
