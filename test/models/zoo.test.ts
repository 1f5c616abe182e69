import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { summarize } from '../../src/cost';
import { ConvkitInputError } from '../../src/core/errors';
import { buildModelSpec, describeModel, MODEL_NAMES, modelOptions, type ZooOptions } from '../../src/models';
import { INPUT, type ModelSpec } from '../../src/core/spec';

function inputError(field: string, rule?: RegExp) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof ConvkitInputError, `expected ConvkitInputError, got ${String(error)}`);
    assert.equal(error.field, field);
    if (rule) assert.match(error.rule, rule);
    return true;
  };
}

/** Graph rules every view relies on: unique names, inputs that come earlier, a path on every node. */
function assertWellFormed(spec: ModelSpec): void {
  const seen = new Set<string>([INPUT]);
  for (const node of spec.nodes) {
    assert.ok(!seen.has(node.name), `${spec.name}: duplicate node name ${node.name}`);
    for (const source of node.inputs) assert.ok(seen.has(source), `${spec.name}: ${node.name} reads ${source} before it exists`);
    assert.ok(node.path && node.path.length > 0, `${spec.name}: ${node.name} has no path`);
    seen.add(node.name);
  }
}

describe('every zoo model', () => {
  for (const name of MODEL_NAMES) {
    test(`${name} builds with defaults, summarises, and ends in [1, 1, classes]`, () => {
      const spec = buildModelSpec(name);
      assertWellFormed(spec);
      const summary = summarize(spec);
      const classes = name.endsWith('cifar') ? 10 : 1000;
      assert.deepEqual(summary.rows[summary.rows.length - 1].outputShape, [1, 1, classes]);
      // EfficientNet-B1–B3 default to their own resolutions (Tan & Le 2019 §4: 240, 260, 300).
      const side = name.endsWith('cifar')
        ? 32
        : (({ 'efficientnet-b1': 240, 'efficientnet-b2': 260, 'efficientnet-b3': 300 } as Record<string, number>)[name] ?? 224);
      assert.deepEqual(spec.input, [side, side, 3]);
      assert.ok(summary.macs > 0 && summary.params.trainable > 0);
    });
  }

  test('the classes option sets the classifier width', () => {
    for (const name of MODEL_NAMES) {
      const summary = summarize(buildModelSpec(name, { classes: 7 }));
      assert.deepEqual(summary.rows[summary.rows.length - 1].outputShape, [1, 1, 7], name);
    }
  });

  test('only DenseNet specs carry shared-storage marks', () => {
    for (const name of MODEL_NAMES) {
      const marked = buildModelSpec(name).nodes.some((n) => n.sharedStorage);
      assert.equal(marked, name.startsWith('densenet'), name);
    }
  });

  test('describeModel names the paper, year and options of every model', () => {
    for (const name of MODEL_NAMES) {
      const line = describeModel(name);
      assert.match(line, /^\S+: .+, 20\d\d, arXiv:\d{4}\.\d{5}; options: /);
      assert.ok(!line.includes('\n'));
      for (const option of modelOptions(name)) assert.ok(line.includes(option), `${name} lists ${option}`);
    }
  });
});

describe('model options', () => {
  test('MobileNets at any width and resolution build valid graphs whose cost grows with both', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('mobilenet-v1', 'mobilenet-v2', 'mobilenet-v3-large', 'mobilenet-v3-small'),
        fc.double({ min: 0.05, max: 2, noNaN: true }),
        fc.integer({ min: 1, max: 320 }),
        fc.integer({ min: 1, max: 50 }),
        (name, alpha, resolution, classes) => {
          const spec = buildModelSpec(name, { alpha, resolution, classes });
          assertWellFormed(spec);
          const s = summarize(spec);
          assert.deepEqual(s.rows[s.rows.length - 1].outputShape, [1, 1, classes]);
          const bigger = summarize(buildModelSpec(name, { alpha, resolution: resolution + 32, classes }));
          assert.ok(bigger.macs > s.macs);
          assert.equal(bigger.params.total, s.params.total, 'resolution does not change parameters');
        },
      ),
      { numRuns: 25 },
    );
  });

  test('MobileNet v1 cost falls roughly as α² (Howard et al. 2017 §3.3)', () => {
    const full = summarize(buildModelSpec('mobilenet-v1')).macs;
    const half = summarize(buildModelSpec('mobilenet-v1', { alpha: 0.5 })).macs;
    assert.ok(Math.abs(half / full - 0.25) < 0.02, `ratio ${half / full}`);
  });

  test('MobileNet v2 keeps the last conv at 1280 below α = 1 and widens it above', () => {
    const lastConv = (alpha: number) => buildModelSpec('mobilenet-v2', { alpha }).nodes.find((n) => n.name === 'Conv_1')?.layer;
    assert.deepEqual(lastConv(0.5), { kind: 'pointwiseConv2d', filters: 1280 });
    assert.deepEqual(lastConv(1.4), { kind: 'pointwiseConv2d', filters: 1792 });
  });

  test('CIFAR families accept every depth of their form and build L-conform layer counts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 16 }), (n, k) => {
        const plain = buildModelSpec('densenet-cifar', { depth: 3 * n + 4, growthRate: k });
        const bc = buildModelSpec('densenet-bc-cifar', { depth: 6 * n + 4, growthRate: k });
        const resnet = buildModelSpec('resnet-cifar', { depth: 6 * n + 2 });
        // Weighted layers: convs and the classifier; BC counts both convs of a bottleneck layer.
        const weighted = (spec: ModelSpec) =>
          spec.nodes.filter((x) => ['conv2d', 'pointwiseConv2d', 'dense'].includes(x.layer.kind) && !x.name.endsWith('_0_conv')).length;
        assert.equal(weighted(plain), 3 * n + 4);
        assert.equal(weighted(bc), 6 * n + 4);
        assert.equal(weighted(resnet), 6 * n + 2);
      }),
      { numRuns: 20 },
    );
  });

  test('a depth that does not fit the family names depth and the rule', () => {
    assert.throws(() => buildModelSpec('densenet-bc-cifar', { depth: 42 }), inputError('depth', /\(depth - 4\) must divide by 6 for DenseNet-BC/));
    assert.throws(() => buildModelSpec('densenet-cifar', { depth: 41 }), inputError('depth', /\(depth - 4\) must divide by 3 for DenseNet/));
    assert.throws(() => buildModelSpec('resnet-cifar', { depth: 21 }), inputError('depth', /\(depth - 2\) must divide by 6/));
    assert.throws(() => buildModelSpec('resnet-cifar', { depth: 2 }), inputError('depth'));
    assert.throws(() => buildModelSpec('resnet-cifar', { depth: 20.5 }), inputError('depth'));
    assert.throws(() => buildModelSpec('resnet-cifar', { depth: 6002 }), inputError('depth', /at most/));
  });

  test('an unknown model is rejected with the list of valid names', () => {
    assert.throws(() => buildModelSpec('mobilenet-v4'), inputError('model', /mobilenet-v1, mobilenet-v2/));
    assert.throws(() => buildModelSpec(''), inputError('model'));
  });

  test('an option that does not apply to the model is rejected by name', () => {
    assert.throws(() => buildModelSpec('resnet-50', { alpha: 0.5 }), inputError('alpha', /not an option of resnet-50/));
    assert.throws(() => buildModelSpec('densenet-121', { depth: 121 }), inputError('depth', /not an option of densenet-121/));
    assert.throws(() => buildModelSpec('resnet-18', { variant: 'v1.5' }), inputError('variant', /not an option of resnet-18/));
    assert.throws(() => buildModelSpec('mobilenet-v2', { growthRate: 12 }), inputError('growthRate'));
    assert.throws(() => buildModelSpec('mobilenet-v1', { width: 2 } as ZooOptions), inputError('width', /not a zoo option/));
  });

  test('option values outside their rules name the field', () => {
    assert.throws(() => buildModelSpec('mobilenet-v1', { alpha: 0 }), inputError('alpha', /greater than 0/));
    assert.throws(() => buildModelSpec('mobilenet-v1', { alpha: Number.NaN }), inputError('alpha'));
    assert.throws(() => buildModelSpec('mobilenet-v2', { resolution: 223.5 }), inputError('resolution'));
    assert.throws(() => buildModelSpec('mobilenet-v2', { resolution: -224 }), inputError('resolution'));
    assert.throws(() => buildModelSpec('resnet-50', { classes: 0 }), inputError('classes'));
    assert.throws(() => buildModelSpec('resnet-50', { variant: 'v2' as 'v1' }), inputError('variant', /'v1' or 'v1.5'/));
    assert.throws(() => buildModelSpec('densenet-cifar', { growthRate: 0 }), inputError('growthRate'));
  });

  test('a resolution too small for the last feature map is rejected with the smallest that works', () => {
    assert.throws(() => buildModelSpec('densenet-121', { resolution: 28 }), inputError('resolution', /smallest resolution this network accepts is 29/));
    const smallest = summarize(buildModelSpec('densenet-121', { resolution: 29 }));
    assert.deepEqual(smallest.rows.find((r) => r.name === 'relu')?.outputShape.slice(0, 2), [1, 1]);
    assert.throws(() => buildModelSpec('densenet-bc-cifar', { resolution: 3 }), inputError('resolution', /accepts is 4/));
    assert.doesNotThrow(() => summarize(buildModelSpec('densenet-bc-cifar', { resolution: 4 })));
    assert.doesNotThrow(() => summarize(buildModelSpec('resnet-152', { resolution: 1 })));
  });
});

describe('ResNet variants', () => {
  test('v1.5 (stride on the 3×3) costs more MACs than v1 (stride on the 1×1) with identical parameters', () => {
    for (const name of ['resnet-50', 'resnet-101', 'resnet-152']) {
      const v1 = summarize(buildModelSpec(name, { variant: 'v1' }));
      const v15 = summarize(buildModelSpec(name, { variant: 'v1.5' }));
      assert.deepEqual(v15.params, v1.params, name);
      // Stages 3-5 each have one strided block whose first 1×1 (C_in → w) runs on the
      // full map in v1.5: C_in·w·(H_in² − H_out²) more multiply-adds per stage.
      const expected = [
        [256, 128, 56],
        [512, 256, 28],
        [1024, 512, 14],
      ].reduce((sum, [cin, width, side]) => sum + cin * width * (side * side - (side / 2) * (side / 2)), 0);
      assert.equal(v15.macs - v1.macs, expected, name);
    }
  });

  test('ResNet-50 v1 gives about 3.86 GMACs and v1.5 about 4.09 (torchvision)', () => {
    const v1 = summarize(buildModelSpec('resnet-50')).macs / 1e9;
    const v15 = summarize(buildModelSpec('resnet-50', { variant: 'v1.5' })).macs / 1e9;
    assert.ok(Math.abs(v1 - 3.86) < 0.005, String(v1));
    assert.ok(Math.abs(v15 - 4.09) < 0.005, String(v15));
  });

  test('the default variant is the paper layout, v1', () => {
    assert.equal(summarize(buildModelSpec('resnet-50')).macs, summarize(buildModelSpec('resnet-50', { variant: 'v1' })).macs);
  });
});

describe('zoo lookups', () => {
  test('describeModel and modelOptions reject an unknown model by name', () => {
    assert.throws(() => describeModel('alexnet'), inputError('model'));
    assert.throws(() => modelOptions('alexnet'), inputError('model'));
  });

  test('the same name and options always give the same spec', () => {
    for (const name of MODEL_NAMES) assert.deepEqual(buildModelSpec(name), buildModelSpec(name));
  });
});
