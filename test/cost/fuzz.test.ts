// Every exported calculator, called with fuzzed arguments (sizes good and
// bad, zero, negatives, fractions, NaN, Infinity, 2^53, strings, null,
// undefined, objects): the answer is either a correct-looking result, every
// number in it finite and >= 0, or a ConvkitInputError whose one-line
// message names the field — never NaN, Infinity, a negative size, another
// kind of error (a stack trace at the CLI), or a literal undefined/null.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  FORMULAS,
  depthwiseToStandardRatio,
  formatBytes,
  formatCount,
  formatShape,
  formulaScope,
  layerCost,
  layerOutputShape,
  memoryReport,
  normalizedLayerCost,
  paramCount,
  peakInferenceBytes,
  pointwiseToStandardRatio,
  separableToStandardRatio,
  separableVsStandard,
  summarize,
  windowOutputLength,
  windowOutputSize,
} from '../../src/cost';
import { ConvkitInputError } from '../../src/core/errors';
import { makeDivisible, roundHalfToEven, scaleChannelsV1 } from '../../src/models/channels';
import { LAYER_KINDS } from '../../src/core/defaults';
import { sameSide, windowSide } from '../../src/models/model-options';
import { buildModelSpec, MODEL_NAMES } from '../../src/models/zoo';

const RUNS = 400;

/** Tallies for the closing note: how many argument vectors, how each ended. */
const tally = { tried: 0, results: 0, rejections: 0, otherErrors: 0 };

/** A number a size could be, good or bad. */
const wildNumber = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom(0, -1, -0, 0.5, 1.5, 2 ** 53, 1e308, -1e308, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) },
  { weight: 1, arbitrary: fc.double() },
);
/** Anything at all a careless caller might pass. */
const wild = fc.oneof(
  { weight: 4, arbitrary: wildNumber },
  { weight: 1, arbitrary: fc.constantFrom(undefined, null, true, 'same', 'valid', '3', '', [], {}) },
  { weight: 1, arbitrary: fc.array(wildNumber, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);
const shape = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 8 })) },
  { weight: 1, arbitrary: wild },
);
const pair = fc.oneof(wildNumber, fc.tuple(wildNumber, wildNumber), wild);
const padding = fc.oneof(fc.constantFrom('same', 'valid'), fc.record({ top: wildNumber, bottom: wildNumber, left: wildNumber, right: wildNumber }), wild);
const layer = fc.record(
  {
    kind: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...LAYER_KINDS) }, { weight: 1, arbitrary: wild }),
    filters: wildNumber,
    units: wildNumber,
    kernelSize: pair,
    poolSize: pair,
    strides: pair,
    dilation: fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: pair }),
    padding,
    groups: fc.oneof(fc.constant(1), wildNumber),
    depthMultiplier: fc.oneof(fc.constant(1), wildNumber),
    useBias: fc.oneof(fc.boolean(), wild),
    epsilon: fc.oneof(fc.constant(1e-3), wild),
    activation: fc.oneof(fc.constantFrom('relu', 'relu6', 'hardSwish', 'softmax'), wild),
    squeezeChannels: wildNumber,
  },
  { requiredKeys: ['kind'] },
);

/** Every number reachable in `value` (functions and mathjs trees skipped). */
function numbersIn(value: unknown, path: string, out: Array<[string, number]>, seen = new Set<unknown>()): Array<[string, number]> {
  if (typeof value === 'number') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => numbersIn(v, `${path}[${i}]`, out, seen));
  else if (typeof value === 'object' && value !== null && !seen.has(value)) {
    seen.add(value);
    for (const [key, v] of Object.entries(value)) {
      if (key === 'node' || key === 'layer') continue; // mathjs trees; the spec as given (echoed, not computed)
      numbersIn(v, `${path}.${key}`, out, seen);
    }
  }
  return out;
}

/** Calls `fn`; checks the outcome is a clean result or a clean rejection, and counts it. */
function outcome(what: string, args: unknown, fn: () => unknown): void {
  tally.tried++;
  let value: unknown;
  try {
    value = fn();
  } catch (error) {
    if (!(error instanceof ConvkitInputError)) {
      tally.otherErrors++;
      assert.fail(`${what}(${safeJson(args)}) threw ${(error as Error)?.name}: ${(error as Error)?.message}`);
    }
    tally.rejections++;
    assert.ok(error.field.length > 0, `${what}: an empty field`);
    assert.doesNotMatch(error.message, /\n/, `${what}: a one-line message`);
    assert.doesNotMatch(error.message, /= (undefined|null)\b/, `${what}: ${error.message}`);
    assert.ok(error.message.length < 1000, `${what}: a message of ${error.message.length} characters`);
    return;
  }
  tally.results++;
  for (const [path, n] of numbersIn(value, what, [])) {
    assert.ok(Number.isFinite(n) && n >= 0, `${what}(${safeJson(args)}) gave ${path} = ${n}`);
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) ?? String(value);
  } catch {
    return String(value);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: any function of the kit is fuzzed with arguments of any type, on purpose
const property = (what: string, arb: fc.Arbitrary<unknown[]>, fn: (...args: any[]) => unknown) =>
  test(`${what}: a clean result or a clean rejection for any arguments`, () => {
    fc.assert(
      fc.property(arb, (args) => outcome(what, args, () => fn(...args))),
      { numRuns: RUNS, seed: 20261203 },
    );
  });

property('windowOutputLength', fc.tuple(wildNumber, wildNumber, wildNumber, wildNumber, padding, fc.oneof(fc.constantFrom(0, 1), wild)), windowOutputLength);
property(
  'windowOutputSize',
  fc.tuple(shape, fc.tuple(wildNumber, wildNumber), fc.tuple(wildNumber, wildNumber), fc.tuple(wildNumber, wildNumber), padding),
  windowOutputSize,
);
property('layerOutputShape', fc.tuple(layer, fc.array(shape, { minLength: 0, maxLength: 3 })), layerOutputShape);
property(
  'layerCost',
  fc.tuple(layer, fc.array(shape, { minLength: 1, maxLength: 3 }), fc.oneof(fc.constant(undefined), fc.record({ bytesPerElement: wild }))),
  layerCost,
);
property(
  'normalizedLayerCost',
  fc.tuple(layer, fc.array(shape, { minLength: 1, maxLength: 2 }), fc.oneof(fc.constant(undefined), wildNumber)),
  normalizedLayerCost,
);
property('formulaScope', fc.tuple(layer, shape, shape), formulaScope);
property('separableVsStandard', fc.tuple(shape, layer, fc.oneof(fc.constant(undefined), fc.record({ bytesPerElement: wild }))), separableVsStandard);
property('paramCount', fc.tuple(wildNumber, fc.oneof(fc.constant(undefined), wildNumber)), paramCount);
property(
  'summarize',
  fc.tuple(
    fc.record({
      name: fc.string({ maxLength: 4 }),
      input: shape,
      nodes: fc.array(
        fc.record({ name: fc.constantFrom('a', 'b', 'c', 'input', ''), layer, inputs: fc.array(fc.constantFrom('input', 'a', 'b', 'zz'), { maxLength: 2 }) }),
        { maxLength: 3 },
      ),
    }),
  ),
  summarize,
);
const memoryGraph = fc.record({
  inputName: fc.oneof(fc.constant('input'), wild),
  inputBytes: wildNumber,
  nodes: fc.array(
    fc.record({
      name: fc.constantFrom('a', 'b', 'c'),
      kind: fc.constantFrom('conv2d', 'concat'),
      inputs: fc.array(fc.constantFrom('input', 'a', 'b', 'x'), { maxLength: 2 }),
      outputBytes: wildNumber,
      weightBytes: wildNumber,
      intermediateBytes: fc.oneof(fc.constant(undefined), wildNumber),
      sharedStorage: fc.boolean(),
    }),
    { maxLength: 3 },
  ),
});
property('memoryReport', fc.tuple(memoryGraph), memoryReport);
property('peakInferenceBytes', fc.tuple(memoryGraph), peakInferenceBytes);
const scope = fc.record(
  {
    H: wildNumber,
    W: wildNumber,
    C: wildNumber,
    M: wildNumber,
    Hout: wildNumber,
    Wout: wildNumber,
    Kh: wildNumber,
    Kw: wildNumber,
    K: wildNumber,
    g: wildNumber,
    d: wildNumber,
    b: fc.oneof(fc.constantFrom(0, 1), wildNumber),
    U: wildNumber,
    S: wildNumber,
  },
  { requiredKeys: [] },
);
for (const [name, formula] of Object.entries(FORMULAS))
  property(`${name}.evaluate`, fc.tuple(fc.oneof({ weight: 9, arbitrary: scope }, { weight: 1, arbitrary: wild })), (s) => formula.evaluate(s as never));
for (const [name, ratio] of Object.entries({ separableToStandardRatio, depthwiseToStandardRatio, pointwiseToStandardRatio })) {
  const result = ratio();
  property(`${name}().evaluate`, fc.tuple(fc.oneof({ weight: 9, arbitrary: scope }, { weight: 1, arbitrary: wild })), (s) => result.evaluate(s as never));
}
property('formatCount', fc.tuple(wild), formatCount);
property('formatBytes', fc.tuple(wild), formatBytes);
property('formatShape', fc.tuple(wild), formatShape);
property('scaleChannelsV1', fc.tuple(wildNumber, wildNumber), scaleChannelsV1);
property('makeDivisible', fc.tuple(wildNumber, fc.oneof(fc.constant(8), wildNumber)), makeDivisible);
property('roundHalfToEven', fc.tuple(wildNumber), roundHalfToEven);
property('windowSide', fc.tuple(wildNumber, wildNumber, wildNumber, fc.oneof(fc.constant(0), wildNumber)), windowSide);
property('sameSide', fc.tuple(wildNumber, wildNumber), sameSide);
property(
  'buildModelSpec + summarize',
  fc.tuple(
    fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...MODEL_NAMES) }, { weight: 1, arbitrary: wild }),
    fc.record(
      {
        alpha: wild,
        resolution: fc.oneof(fc.integer({ min: 16, max: 320 }), wildNumber),
        depth: wildNumber,
        growthRate: wildNumber,
        classes: wildNumber,
        variant: fc.oneof(fc.constantFrom('v1', 'v1.5'), wild),
      },
      { requiredKeys: [] },
    ),
  ),
  (name, options) => summarize(buildModelSpec(name as string, options as never)),
);

test('the fuzzed calls all ended cleanly (tallies for the closing note)', (t) => {
  t.diagnostic(`argument vectors tried ${tally.tried}; results ${tally.results}; clean rejections ${tally.rejections}; other errors ${tally.otherErrors}`);
  assert.equal(tally.otherErrors, 0);
  assert.ok(tally.tried >= RUNS * 20, `${tally.tried} tried`);
  assert.ok(tally.results > RUNS, 'some calls succeed, so the results are checked too');
  assert.ok(tally.rejections > RUNS, 'some calls are refused, so the rejections are checked too');
});
