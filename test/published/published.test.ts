/**
 * Every published figure in data/reference/*.json, held against the value
 * computed from the zoo spec and the cost model, under the rounding rule the
 * entry states. One subtest per entry, so adding an entry adds a check. Reading a
 * table is src/data/reference-tables.ts; counting and rounding are
 * src/published/, the same the lessons use.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { agrees, compareEntry, computeQuantity, kernelWeights, quantityOf, summaryFor, toUnit, totalKernelWeights } from '../../src/published';
import { entryProblems, loadReferenceFiles, type ReferenceEntry } from '../../src/data/reference-tables';
import { ConvkitInputError } from '../../src/core/errors';

const files = loadReferenceFiles();
const allEntries = files.flatMap((f) => f.entries);

test('the reference folder holds one file per paper plus the Keras and torchvision counts', () => {
  const names = files.map((f) => f.file);
  for (const expected of [
    'densenet.json',
    'efficientnet.json',
    'keras.json',
    'mobilenet-v1.json',
    'mobilenet-v2.json',
    'mobilenet-v3.json',
    'resnet.json',
    'torchvision.json',
  ]) {
    assert.ok(names.includes(expected), `${expected} missing from data/reference`);
  }
});

test('every reference entry is well formed, says whether and where it was verified, and its id is unique', () => {
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

describe('what counts as a published figure', () => {
  test('no entry presents a computed count as a library figure: every library entry names a page, and Keras entries are summaries or its docs table', () => {
    for (const { file, entries } of files) {
      for (const entry of entries) {
        if (entry.source.library) assert.match(entry.source.url ?? '', /^https:\/\//, `${file} ${entry.id} names no page`);
        if (file === 'keras.json')
          assert.ok(entry.quantity !== 'macs' || entry.id.startsWith('keras-docs/'), `${entry.id}: Keras prints no MAC count in model.summary()`);
        assert.doesNotMatch(JSON.stringify(entry.source), /convkit (issue|task)/i, `${entry.id} cites the task, not a source`);
      }
    }
  });

  test('an entry without a verified flag, or a verified entry whose note does not say where, is refused', () => {
    const good = allEntries.find((e) => e.id === 'mobilenet-v1/table6/alpha-0.5/macs')!;
    const { verified: _dropped, ...withoutFlag } = good;
    assert.match(entryProblems(withoutFlag as unknown as ReferenceEntry).join('; '), /verified must be true or false/);
    assert.match(entryProblems({ ...good, note: 'no provenance' }).join('; '), /"Checked: "/);
    assert.match(entryProblems({ ...good, verified: false }).join('; '), /"Unverified: "/);
    assert.deepEqual(entryProblems({ ...good, verified: false, note: 'Unverified: only the task text gives it.' }), []);
  });

  test('a library entry without a URL is refused', () => {
    const keras = allEntries.find((e) => e.id === 'keras/DenseNet121/trainable')!;
    const { url: _url, ...source } = keras.source;
    assert.match(entryProblems({ ...keras, source }).join('; '), /library \+ url/);
  });
});

describe('one parameter convention per paper file', () => {
  test("every MobileNet paper entry counts parameters as weights only, the papers' convention", () => {
    const paperParams = files
      .filter((f) => f.file.startsWith('mobilenet-'))
      .flatMap((f) => f.entries)
      .filter((e) => e.quantity !== 'macs' && e.quantity !== 'macsShare');
    assert.ok(paperParams.length >= 10);
    for (const entry of paperParams) assert.ok(entry.quantity === 'weights' || entry.quantity === 'weightsShare', `${entry.id} counts ${entry.quantity}`);
  });

  test('MobileNetV3-Large 0.75 at 4.0M: weights only (3,968,208) truncate to 3.9, so the paper row is accepted only within its stated gap', () => {
    const row = allEntries.find((e) => e.id === 'mobilenet-v3/table3/large-0.75/params')!;
    const { computed, computedInUnit, agrees: ok } = compareEntry(row);
    assert.equal(computed, 3_968_208);
    assert.ok(ok);
    assert.equal(agrees({ ...row, rounding: { mode: 'truncate', step: 0.1 } }, computedInUnit), false);
  });
});

describe('MobileNet v1 Table 2 (Howard et al. 2017)', () => {
  const entries = allEntries.filter((e) => e.id.startsWith('mobilenet-v1/table2/'));

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
        expected += kernelWeights(row);
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

describe('the shared comparison rules (src/data/reference-tables.ts)', () => {
  const at = (mode: 'exact' | 'nearest' | 'truncate' | 'within', step: number) => ({ value: 4.2, rounding: { mode, step } });

  test('each rounding rule accepts exactly its interval', () => {
    assert.ok(agrees(at('nearest', 0.1), 4.249) && agrees(at('nearest', 0.1), 4.15) && !agrees(at('nearest', 0.1), 4.251));
    assert.ok(
      agrees(at('truncate', 0.1), 4.2) && agrees(at('truncate', 0.1), 4.299) && !agrees(at('truncate', 0.1), 4.3) && !agrees(at('truncate', 0.1), 4.19),
    );
    assert.ok(agrees(at('within', 0.1), 4.3) && !agrees(at('within', 0.1), 4.31));
    assert.ok(agrees(at('exact', 0), 4.2) && !agrees(at('exact', 0), 4.2000001));
  });

  test('units scale to base units, and an unknown unit or a share without its layer kind is refused by name', () => {
    assert.equal(toUnit(2_834_161_664, 'billion multiply-adds'), 2.834161664);
    assert.throws(
      () => toUnit(1, 'GFLOPS'),
      (e: unknown) => e instanceof ConvkitInputError && e.field === 'unit',
    );
    assert.throws(
      () => quantityOf(summaryFor('mobilenet-v1'), 'macsShare'),
      (e: unknown) => e instanceof ConvkitInputError && e.field === 'layerKind',
    );
  });

  test('weights only: 1.0 MobileNet-224 has 4,209,088 kernel weights, fewer than its 4,231,976 trainable parameters', () => {
    const s = summaryFor('mobilenet-v1');
    assert.equal(totalKernelWeights(s.rows), 4_209_088);
    assert.equal(quantityOf(s, 'weights'), 4_209_088);
    assert.equal(s.params.trainable, 4_231_976);
  });
});
