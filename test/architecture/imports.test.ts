/**
 * src/ imports only along the arrows docs/architecture.md draws. The second
 * half feeds the checker imports that run against the design — the kinds the
 * layout once had — and requires each to be caught, so a checker that
 * accepted everything would fail here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importsOf, layerOf, packageViolations, parseRules, readPackageRules, readRules, sourceFiles, violation, violations } from './import-rules';

const rules = readRules();

test('every file under src/ belongs to a layer and imports only what its layer may', () => {
  assert.ok(sourceFiles().length > 150, 'the checker sees the source files');
  assert.deepEqual(violations(rules), []);
});

test('only the layers the document names load TF.js', () => {
  assert.ok(readPackageRules().has('@tensorflow'));
  assert.deepEqual(packageViolations(rules), []);
});

test('every layer the document names has a rule line, and entry may import every other layer', () => {
  const entry = rules.get('entry');
  assert.ok(entry);
  for (const layer of rules.keys()) if (layer !== 'entry') assert.ok(entry.has(layer), layer);
  assert.equal(rules.get('core')?.size, 0, 'core imports nothing of the kit');
});

test('files are placed in the layer their folder names', () => {
  assert.equal(layerOf('core/spec.ts', rules), 'core');
  assert.equal(layerOf('layers/reference/conv2d.ts', rules), 'layers/reference');
  assert.equal(layerOf('layers/tf/train.ts', rules), 'layers/tf');
  assert.equal(layerOf('notebook/site/page.ts', rules), 'notebook');
  assert.equal(layerOf('exercises/lessons/01-standard-convolution.ts', rules), 'exercises');
  assert.equal(layerOf('lessons/mobilenet/latency.ts', rules), 'lessons');
  assert.equal(layerOf('lessons/01-standard-convolution.ts', rules), 'entry');
  assert.equal(layerOf('index.ts', rules), 'entry');
  assert.equal(layerOf('stray.ts', rules), undefined);
  assert.equal(layerOf('layers/agreement.ts', rules), undefined, 'layers/ itself is not a layer');
});

/** One import, written as a file would write it. */
function check(from: string, specifier: string): string | undefined {
  const edges = importsOf(from, `import { x } from '${specifier}';\n`);
  assert.equal(edges.length, 1);
  return violation(edges[0], rules);
}

const AGAINST_THE_DESIGN: ReadonlyArray<readonly [string, string, string]> = [
  ['models → cost (a spec validated by the cost model)', 'models/one-block.ts', '../cost/summary'],
  ['cost → models (the cost model reading a builder)', 'cost/summary.ts', '../models/zoo'],
  ['layers/reference → cost (loops sized by the cost model)', 'layers/reference/conv2d.ts', '../../cost/layer-cost'],
  ['layers/tf → cost', 'layers/tf/build-model.ts', '../../cost/summary'],
  ['layers/reference → layers/tf', 'layers/reference/conv2d.ts', '../tf/build-model'],
  ['layers/tf → layers/reference', 'layers/tf/build-model.ts', '../reference/run-model'],
  ['data → layers (tensors from the reference layers)', 'data/digits.ts', '../layers/reference/run-layer'],
  ['data → cost (checking a table against the cost model)', 'data/reference-tables.ts', '../cost/summary'],
  ['data → models', 'data/reference-tables.ts', '../models/zoo'],
  ['exercises → lessons', 'exercises/lessons/07-transition-layer.ts', '../../lessons/densenet/stages'],
  ['a lesson folder → another lesson folder', 'lessons/resnet-densenet/training.ts', '../mobilenet/tiny-nets'],
  ['core → anything', 'core/spec.ts', '../models/zoo'],
  ['plot → lessons', 'plot/show.ts', '../lessons/densenet/stages'],
  ['notebook runner → the subject', 'notebook/kernel.ts', '../cost/summary'],
  ['a module → a notebook entry module', 'lessons/densenet/stages.ts', '../07-transition-layer'],
  ['src → the compiled kit', 'lessons/densenet/stages.ts', '../../../lib/cost'],
];

for (const [what, from, specifier] of AGAINST_THE_DESIGN) {
  test(`the checker refuses ${what}`, () => {
    assert.match(check(from, specifier) ?? 'allowed', /does not allow|lesson folder|entry module|compiled kit/);
  });
}

test('the checker allows the arrows the design draws', () => {
  assert.equal(check('cost/summary.ts', '../core/spec'), undefined);
  assert.equal(check('views/agreement.ts', '../layers/tf/build-model'), undefined);
  assert.equal(check('lessons/mobilenet/latency.ts', '../../backend'), undefined);
  assert.equal(check('lessons/mobilenet/latency.ts', './tiny-nets'), undefined);
  assert.equal(check('lessons/mobilenet/imagenet-top1.ts', '../published-accuracy'), undefined);
  assert.equal(check('cli.ts', '../package.json'), undefined);
});

test('imports in comments are not imports, and import(), require() and export … from are', () => {
  const text = [
    '// import { a } from "../cost/summary";',
    '/* export * from "../cost"; */',
    "export { b } from '../core/spec';",
    "const c = require('../core/errors');",
    "const d = await import('../core/tensor');",
  ].join('\n');
  assert.deepEqual(
    importsOf('models/x.ts', text).map((e) => e.to),
    ['core/spec', 'core/errors', 'core/tensor'],
  );
});

test('a rule naming an unknown layer, or a document without the rules, is refused', () => {
  assert.throws(() => parseRules('```imports\ncore:\nmodels: core, kore\n```'), /kore/);
  assert.throws(() => parseRules('# no rules here'), /imports block/);
});
